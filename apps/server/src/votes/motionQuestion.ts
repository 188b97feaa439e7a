import type { Language } from '@roundtable/protocol';
import { reportWords } from '../report/reportWords.js';

/**
 * The question a vote about a recommendation shows when the facilitator gave none
 * (api-v1 1.1: "the server words the question"), in the session's language, so the
 * projector, the ballot and the report all say what was asked.
 */
export function motionQuestion(title: string, language: Language): string {
  return reportWords(language).t('votes.motionQuestion', { title, interpolation: { escapeValue: false } });
}

/** Longest quote of a passage in an amendment's question (a question is one line of a ballot). */
const QUOTE_LENGTH = 80;
const quote = (s: string) => {
  const line = s.replace(/\s+/g, ' ').trim();
  return line.length > QUOTE_LENGTH ? `${line.slice(0, QUOTE_LENGTH - 1)}…` : line;
};

/** The question of a vote on an amendment when the facilitator gave none. */
export function amendmentQuestion(title: string, original: string, replacement: string, language: Language): string {
  const words = reportWords(language);
  return words.t(replacement === '' ? 'votes.amendmentDeleteQuestion' : 'votes.amendmentQuestion', {
    title,
    original: quote(original),
    replacement: quote(replacement),
    interpolation: { escapeValue: false },
  });
}
