import { cleanText } from '@roundtable/protocol';

/*
 * The one way user text (titles, names, questions, options, reasons, drafts) enters the
 * Markdown report. Every block's text goes through here, catalogue words included: escaping
 * a word that holds no markup changes nothing, and no caller has to know which part of a
 * sentence came from a participant.
 */

/**
 * Markup anywhere in a line (CommonMark and GFM): backslash, code spans and fences (` ~),
 * emphasis (* _), links and images ([ ]), raw HTML and autolinks (< >), entities (&: "&#8238;"
 * would turn back into the bidi override the text rule removed), tables (|), strikethrough (~)
 * and the closing #s a heading drops. `!` needs no escape: an image needs the escaped `[`.
 */
const INLINE_MARKUP = /[\\`*_[\]<>#|~&]/g;
/** Block markers that are markup only at a line's start: bullets, setext underlines (= -). */
const LEADING_MARKER = /^[-+=]/;
/** An ordered-list marker at a line's start ("1. " or "1)"; not "0.5 min": a marker needs a space after it). */
const LEADING_ORDERED = /^(\d{1,9})([.)])(?=[ \t]|$)/;
/** Four spaces or a tab open an indented code block; indentation carries no meaning here. */
const LEADING_SPACE = /^[ \t]+/;

function escapeLine(line: string): string {
  return line
    .replace(LEADING_SPACE, '')
    .replace(INLINE_MARKUP, '\\$&')
    .replace(LEADING_MARKER, '\\$&')
    .replace(LEADING_ORDERED, '$1\\$2');
}

/**
 * The lines of a user text, each safe to print after any block prefix: the text rule applied
 * (CR and CRLF become LF, so no line ends where Markdown sees one and we do not; NUL, C1
 * controls, bidi overrides and lone surrogates removed, as stored data may predate the rule),
 * then every line escaped on its own.
 */
export function escapeMarkdownLines(text: string): string[] {
  return cleanText(text).split('\n').map(escapeLine);
}

/** One-line text (a heading, a table cell): escaped, line breaks turned into spaces. */
export function escapeMarkdown(text: string): string {
  return escapeMarkdownLines(text).join(' ');
}

/**
 * A multi-line text as one block: `first` before its first line, `rest` before every other
 * (a quote gives "> " to each; a list item indents its continuation lines so they stay in it).
 */
export function markdownBlock(text: string, first: string, rest = first): string {
  return escapeMarkdownLines(text)
    .map((line, i) => {
      const prefix = i === 0 ? first : rest;
      return line === '' ? prefix.trimEnd() : `${prefix}${line}`;
    })
    .join('\n');
}
