import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, pathOnly, redactSecrets } from './logger.js';

describe('redactSecrets', () => {
  it('replaces query tokens, encoded or not, and bearer tokens', () => {
    expect(redactSecrets('GET /yjs/doc?token=eyJ2.abc-_.sig&x=1')).toBe('GET /yjs/doc?token=[redacted]&x=1');
    expect(redactSecrets('/yjs/doc?a=1&token=abc')).toBe('/yjs/doc?a=1&token=[redacted]');
    expect(redactSecrets('url":"/yjs/doc%3Ftoken%3Dabc.def"')).toBe('url":"/yjs/doc%3Ftoken%3D[redacted]"');
    expect(redactSecrets('authorization: Bearer eyJ2.abc.sig')).toBe('authorization: Bearer [redacted]');
    expect(redactSecrets('no secret here: tokens=3')).toBe('no secret here: tokens=3');
  });

  it('runs on every line the logger writes, whoever logs the URL', () => {
    let out = '';
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        out += chunk.toString();
        done();
      },
    });
    const log = createLogger('info', sink);
    log.warn({ url: '/yjs/r1?token=SECRET.PART.SIG' }, 'upgrade failed for /yjs/r1?token=SECRET.PART.SIG');
    expect(out).toContain('token=[redacted]');
    expect(out).not.toContain('SECRET');
  });

  it('pathOnly drops the query string', () => {
    expect(pathOnly('/yjs/r1?token=abc')).toBe('/yjs/r1');
    expect(pathOnly('/api/x')).toBe('/api/x');
    expect(pathOnly(undefined)).toBe('');
  });
});
