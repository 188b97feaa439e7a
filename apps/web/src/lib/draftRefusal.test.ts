import { describe, expect, it } from 'vitest';
import { resources } from '@roundtable/i18n';
import { YJS_CLOSE, YJS_CLOSE_REASON } from '@roundtable/protocol';
import { refusalOf } from './draftRefusal';

describe('refusalOf', () => {
  it('stops for good on a draft too large, whether the server or ws refused it', () => {
    expect(refusalOf(YJS_CLOSE.documentTooLarge, YJS_CLOSE_REASON.documentTooLarge)).toBe('too_large');
    expect(refusalOf(YJS_CLOSE.messageTooLarge, '')).toBe('too_large');
    expect(refusalOf(YJS_CLOSE.awarenessTooLarge, YJS_CLOSE_REASON.awarenessTooLarge)).toBe('error');
  });

  it('retries what reconnecting can cure: rate limit, slowness, shutdown, a dropped link', () => {
    for (const code of [YJS_CLOSE.rateLimited, YJS_CLOSE.tooSlow, YJS_CLOSE.goingAway, 1006]) {
      expect(refusalOf(code, '')).toBeNull();
    }
  });

  it('tells erased notes from a missing document by the reason', () => {
    expect(refusalOf(YJS_CLOSE.notFound, YJS_CLOSE_REASON.erased)).toBe('erased');
    expect(refusalOf(YJS_CLOSE.notFound, YJS_CLOSE_REASON.noSuchDocument)).toBe('not_found');
  });

  it('has a message in every language for every refusal', () => {
    for (const { translation } of Object.values(resources)) {
      for (const refusal of ['unauthorized', 'not_found', 'erased', 'too_large', 'error'] as const) {
        expect(translation.drafts.refused[refusal]).toMatch(/\S/);
      }
    }
  });
});
