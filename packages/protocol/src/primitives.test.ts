import { describe, expect, it } from 'vitest';
import { TimeZone, multiLineText, singleLineText } from './primitives.js';
import { cleanText, isCleanText } from './textRules.js';
import { isTimeZone } from './timeZones.js';

const line = singleLineText(1, 200);
const lines = multiLineText(0, 1000);

describe('the text rule', () => {
  it('accepts ordinary French and Dutch text with accents, emoji and tabs', () => {
    for (const s of [
      'Égalité à l’école : « oui » ✊🏽',
      'Gelijke kansen voor iedereen, ook in België 🇧🇪',
      'naïve\tcafé',
      'Zoë 👩‍👩‍👧',
    ]) {
      expect(line.parse(s)).toBe(s);
      expect(lines.parse(s)).toBe(s);
    }
  });

  it('refuses NUL and C0 controls, DEL and C1 controls', () => {
    for (const c of ['\u0000', '\u0007', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085', '\u009f']) {
      expect(line.safeParse(`a${c}b`).success, JSON.stringify(c)).toBe(false);
      expect(lines.safeParse(`a${c}b`).success, JSON.stringify(c)).toBe(false);
    }
  });

  it('refuses bidi embeddings, overrides and isolates', () => {
    for (let cp = 0x202a; cp <= 0x202e; cp++)
      expect(line.safeParse(`a${String.fromCharCode(cp)}b`).success).toBe(false);
    for (let cp = 0x2066; cp <= 0x2069; cp++)
      expect(lines.safeParse(`a${String.fromCharCode(cp)}b`).success).toBe(false);
  });

  it('refuses lone surrogates but not surrogate pairs', () => {
    expect(line.safeParse('a\ud83db').success).toBe(false);
    expect(line.safeParse('a\udc4db').success).toBe(false);
    expect(lines.safeParse('end\ud83d').success).toBe(false);
    expect(line.parse('a\ud83d\udc4db')).toBe('a👍b');
  });

  it('refuses line breaks on one line, normalises CR and CRLF on several', () => {
    for (const s of ['a\nb', 'a\rb', 'a\r\nb']) expect(line.safeParse(s).success).toBe(false);
    expect(lines.parse('un\r\ndeux\rtrois\nquatre')).toBe('un\ndeux\ntrois\nquatre');
  });

  it('trims before checking the length', () => {
    expect(line.safeParse('   ').success).toBe(false);
    expect(line.parse('  Titre  ')).toBe('Titre');
  });

  it('cleans where it cannot refuse: line breaks normalised, refused characters removed, pairs kept', () => {
    const dirty = 'un\r\ndeux\rtrois\u0000\u0085\u202e\u2066quatre\ud83d \udc4d fin 👍\tok';
    const clean = cleanText(dirty);
    expect(clean).toBe('un\ndeux\ntroisquatre  fin 👍\tok');
    expect(isCleanText(clean)).toBe(true);
    expect(cleanText(clean)).toBe(clean);
  });
});

describe('TimeZone', () => {
  it('takes IANA names Intl knows, spelled as Intl spells them, and refuses offsets and unknown names', () => {
    expect(TimeZone.parse('Europe/Brussels')).toBe('Europe/Brussels');
    expect(TimeZone.parse('europe/brussels')).toBe('Europe/Brussels');
    expect(TimeZone.parse('Etc/GMT+1')).toBe('Etc/GMT+1');
    expect(TimeZone.parse('UTC')).toBe('UTC');
    for (const bad of [
      '+01:00',
      '-05:00',
      'Mars/Olympus_Mons',
      '',
      'Europe/Brussels ',
      'Europe/../etc',
      'x'.repeat(65),
    ]) {
      expect(TimeZone.safeParse(bad).success, bad).toBe(false);
      expect(isTimeZone(bad), bad).toBe(false);
    }
  });
});
