import { describe, expect, it } from 'vitest';
import { escapeMarkdown, markdownBlock } from './escapeMarkdown.js';

describe('escapeMarkdown', () => {
  it('escapes inline markup, entities included, and leaves plain words alone', () => {
    expect(escapeMarkdown('Réserver 20 % (oui) !')).toBe('Réserver 20 % (oui) !');
    expect(escapeMarkdown('*a* _b_ `c` [d](e) <f> g|h ~~i~~ &#8238; \\')).toBe(
      '\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\<f\\> g\\|h \\~\\~i\\~\\~ \\&\\#8238; \\\\',
    );
  });

  it('escapes block markers at a line start only, but not a number that starts a line', () => {
    expect(markdownBlock('- a\n+ b\n===\n1. c\n2) d\n0.5 min\n    code\n# e', '')).toBe(
      '\\- a\n\\+ b\n\\===\n1\\. c\n2\\) d\n0.5 min\ncode\n\\# e',
    );
  });

  it('gives every line its prefix after normalising CR and CRLF, and joins lines inline', () => {
    expect(markdownBlock('a\r# b\r\n~~~\n\nc', '> ')).toBe('> a\n> \\# b\n> \\~\\~\\~\n>\n> c');
    expect(markdownBlock('a\r\nb', '- ', '  ')).toBe('- a\n  b');
    expect(escapeMarkdown('a\r# b')).toBe('a \\# b');
  });

  it('removes what the text rule refuses', () => {
    expect(escapeMarkdown('a\u202eb\u0000c\ud800d\u0085')).toBe('abcd');
  });
});
