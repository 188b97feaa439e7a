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
