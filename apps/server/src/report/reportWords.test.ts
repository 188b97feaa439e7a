import { describe, expect, it } from 'vitest';
import { reportWords } from './reportWords.js';

describe('reportWords', () => {
  it('writes figures as each language does', () => {
    expect(reportWords('fr').number(4.25)).toBe('4,25');
    expect(reportWords('nl').number(3.5)).toBe('3,5');
    expect(reportWords('en').number(4.25)).toBe('4.25');
    expect(reportWords('fr').number(10 / 3)).toBe('3,33');
  });

  it('writes dates in the zone it is given, with the offset', () => {
    const at = '2026-12-02T13:05:00.000Z';
    expect(reportWords('en').date(at)).toBe('2 December 2026 at 14:05 GMT+1');
    expect(reportWords('en', 'Asia/Tokyo').date(at)).toBe('2 December 2026 at 22:05 GMT+9');
    expect(reportWords('nl', 'America/New_York').date(at)).toBe('2 december 2026 om 08:05 GMT-5');
  });
});
