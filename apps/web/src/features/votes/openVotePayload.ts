import {
  MAX_DOTS_BUDGET,
  MAX_VOTE_DURATION_SECONDS,
  MAX_VOTE_OPTIONS,
  isSingleMotion,
  type VoteMethod,
  type VoteOpenPayload,
  type VoteResults,
} from '@roundtable/protocol/client';

/** What the vote is about: one recommendation, several (to prioritise), or a free question. */
export type VoteTarget = 'recommendation' | 'recommendations' | 'question';

/** Why the form cannot be sent yet (checked here so the message is translated; the server checks again). */
export type OpenVoteProblem =
  | 'votes.open.problems.recommendation'
  | 'votes.open.problems.recommendations'
  | 'votes.open.problems.question'
  | 'votes.open.problems.options'
  | 'votes.open.problems.number';

/** The "open a vote" form as typed: numbers stay text until sent. */
export interface OpenVoteFields {
  method: VoteMethod;
  target: VoteTarget;
  recommendationId: string;
  recommendationIds: string[];
  question: string;
  /** One option per line. */
  optionsText: string;
  anonymous: boolean;
  results: VoteResults;
  quorum: string;
  minutes: string;
  dotsBudget: string;
  splitByGroup: boolean;
  /** api-v1 1.1: open although a language version is not in step (recorded). */
  overrideLanguages?: boolean;
}

export const MAX_MINUTES = MAX_VOTE_DURATION_SECONDS / 60;
const MAX_QUORUM = 100_000;

/** "One recommendation" and "several recommendations" are the same choice for the two kinds of method. */
export function effectiveTarget(method: VoteMethod, target: VoteTarget): VoteTarget {
  if (target === 'question') return 'question';
  return isSingleMotion(method) ? 'recommendation' : 'recommendations';
}

export function parseOptions(text: string): string[] {
  return text
    .split('\n')
    .map((o) => o.trim())
    .filter((o) => o !== '');
}

/** A whole number typed in a field, or undefined when empty; NaN when it is not a whole number in range. */
function parseWhole(raw: string, min: number, max: number): number | undefined {
  if (raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isInteger(n) && n >= min && n <= max ? n : NaN;
}

/**
 * The `vote:open` payload of the form, or the first problem with it. Only recommendations in
 * `eligible` (not frozen) may be targets: the list may have changed since they were ticked.
 */
export function buildOpenPayload(f: OpenVoteFields, eligible: ReadonlySet<string>): VoteOpenPayload | OpenVoteProblem {
  const quorum = parseWhole(f.quorum, 1, MAX_QUORUM);
  const minutes = parseWhole(f.minutes, 1, MAX_MINUTES);
  const dots = f.method === 'dots' ? parseWhole(f.dotsBudget, 1, MAX_DOTS_BUDGET) : undefined;
  if ([quorum, minutes, dots].some((n) => Number.isNaN(n))) return 'votes.open.problems.number';
  const common = {
    method: f.method,
    anonymous: f.anonymous,
    results: f.results,
    splitByGroup: f.splitByGroup,
    ...(f.overrideLanguages ? { overrideLanguages: true } : {}),
    ...(quorum !== undefined ? { quorum } : {}),
    ...(minutes !== undefined ? { durationSeconds: minutes * 60 } : {}),
    ...(dots !== undefined ? { dotsBudget: dots } : {}),
  };
  switch (effectiveTarget(f.method, f.target)) {
    case 'recommendation':
      return eligible.has(f.recommendationId)
        ? { ...common, recommendationId: f.recommendationId }
        : 'votes.open.problems.recommendation';
    case 'recommendations': {
      const ids = f.recommendationIds.filter((id) => eligible.has(id));
      return ids.length >= 2 && ids.length <= MAX_VOTE_OPTIONS
        ? { ...common, recommendationIds: ids }
        : 'votes.open.problems.recommendations';
    }
    case 'question': {
      const question = f.question.trim();
      if (isSingleMotion(f.method)) return question ? { ...common, question } : 'votes.open.problems.question';
      const options = parseOptions(f.optionsText);
      if (options.length < 2 || options.length > MAX_VOTE_OPTIONS) return 'votes.open.problems.options';
      return { ...common, options, ...(question ? { question } : {}) };
    }
  }
}
