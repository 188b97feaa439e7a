import {
  APPROVAL_CHOICES,
  CONSENT_CHOICES,
  ID_PATTERN,
  isCleanText,
  MAX_DOTS_BUDGET,
  MAX_REASON_LENGTH,
  MAX_SCORE,
  MAX_VOTE_OPTIONS,
  normaliseLineBreaks,
  type BallotByMethod,
  type VoteMethod,
} from '@roundtable/protocol/client';

/*
 * Whether a value has the shape of a ballot of a method: the rules of the protocol's ballot
 * schemas (BALLOT_SCHEMAS), written out so that the browser needs no zod (issue #12: zod
 * was ~25 KiB of every page's scripts, for this one check). ballotShape.test.ts checks that
 * both agree, sample by sample. The server parses every ballot it receives with the schemas.
 */

type Plain = Record<string, unknown>;

const isPlain = (v: unknown): v is Plain =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** Only these keys (a strict object); the required ones present. */
const hasKeys = (v: Plain, required: readonly string[], optional: readonly string[] = []) =>
  required.every((k) => v[k] !== undefined) &&
  Object.keys(v).every((k) => required.includes(k) || optional.includes(k));

const isId = (v: unknown) => typeof v === 'string' && ID_PATTERN.test(v);
const isIntIn = (v: unknown, max: number) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= max;
const isOneOf = (v: unknown, values: readonly string[]) => typeof v === 'string' && values.includes(v);

/** An id -> integer 0..max record (score and dots ballots). */
const isIdRecord = (v: unknown, max: number) =>
  isPlain(v) && Object.entries(v).every(([id, n]) => isId(id) && isIntIn(n, max));

/** A consent reason as `multiLineText(0, MAX_REASON_LENGTH)` reads it: the trimmed text, or null if refused. */
function reasonText(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const text = normaliseLineBreaks(v).trim();
  return text.length <= MAX_REASON_LENGTH && isCleanText(text) ? text : null;
}

const CHECKS: { [M in VoteMethod]: (v: Plain) => boolean } = {
  approval: (v) => hasKeys(v, ['choice']) && isOneOf(v.choice, APPROVAL_CHOICES),
  consent: (v) => {
    if (!hasKeys(v, ['choice'], ['reason']) || !isOneOf(v.choice, CONSENT_CHOICES)) return false;
    const reason = v.reason === undefined ? '' : reasonText(v.reason);
    if (reason === null) return false;
    // An objection or a block needs a reason.
    return (v.choice !== 'object' && v.choice !== 'block') || reason !== '';
  },
  score: (v) => hasKeys(v, ['scores']) && isIdRecord(v.scores, MAX_SCORE),
  ranking: (v) =>
    hasKeys(v, ['order']) &&
    Array.isArray(v.order) &&
    v.order.length >= 1 &&
    v.order.length <= MAX_VOTE_OPTIONS &&
    v.order.every(isId),
  dots: (v) => hasKeys(v, ['dots']) && isIdRecord(v.dots, MAX_DOTS_BUDGET),
};

/** True when `value` is a ballot of `method` as the protocol's schema for it accepts one. */
export function isBallotOf<M extends VoteMethod>(method: M, value: unknown): value is BallotByMethod[M] {
  return isPlain(value) && CHECKS[method](value);
}
