import {
  BALLOT_SCHEMAS,
  DEFAULT_DOTS_BUDGET,
  type BallotByMethod,
  type VoteDto,
  type VoteMethod,
} from '@roundtable/protocol';

/** Outcome of {@link parseBallot}: the typed ballot, or an `invalid_ballot` error for the ack. */
export type ParseBallotResult<M extends VoteMethod = VoteMethod> =
  | { ok: true; ballot: BallotByMethod[M] }
  | { ok: false; code: 'invalid_ballot'; message: string };

/** The part of a vote a ballot is checked against. */
export type BallotVote<M extends VoteMethod = VoteMethod> = Pick<VoteDto, 'options' | 'dotsBudget'> & { method: M };

const invalid = (message: string): { ok: false; code: 'invalid_ballot'; message: string } => ({
  ok: false,
  code: 'invalid_ballot',
  message,
});

/**
 * Parses an untrusted ballot for `vote`: first its shape with the method's zod schema,
 * then what the schema cannot know: option ids belong to this vote, a ranking lists each
 * option once, dots stay within the budget (and at least one is placed), a score ballot
 * scores at least one option.
 *
 * Messages are short English developer messages; the UI translates by `code`.
 */
export function parseBallot<M extends VoteMethod>(vote: BallotVote<M>, raw: unknown): ParseBallotResult<M> {
  const parsed = BALLOT_SCHEMAS[vote.method].safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return invalid(`${where}${issue?.message ?? 'bad ballot shape'}`);
  }
  // The schema is picked by `vote.method`, so its output is this method's ballot; TypeScript
  // cannot follow an indexed generic lookup through `safeParse`.
  const ballot = parsed.data as BallotByMethod[M];
  const error = checkAgainstVote(vote, ballot as BallotByMethod[VoteMethod]);
  return error === null ? { ok: true, ballot } : invalid(error);
}

/** Returns why the well-formed `ballot` does not fit `vote`, or null when it does. */
function checkAgainstVote(vote: BallotVote, ballot: BallotByMethod[VoteMethod]): string | null {
  // A Set rather than an object lookup: option ids come from users' ballots, and keys
  // such as "constructor" must not be found on Object.prototype.
  const optionIds = new Set(vote.options.map((o) => o.id));
  const unknown = (ids: Iterable<string>) => [...ids].some((id) => !optionIds.has(id));

  switch (vote.method) {
    case 'approval':
    case 'consent':
      // Single-motion ballots name no option; the schema said everything.
      return null;
    case 'score': {
      const { scores } = ballot as BallotByMethod['score'];
      const ids = Object.keys(scores);
      if (unknown(ids)) return 'unknown option';
      if (ids.length === 0) return 'no option scored';
      return null;
    }
    case 'ranking': {
      const { order } = ballot as BallotByMethod['ranking'];
      if (unknown(order)) return 'unknown option';
      if (new Set(order).size !== order.length) return 'duplicate option in ranking';
      return null;
    }
    case 'dots': {
      const { dots } = ballot as BallotByMethod['dots'];
      if (unknown(Object.keys(dots))) return 'unknown option';
      const total = Object.values(dots).reduce((sum, n) => sum + n, 0);
      if (total > (vote.dotsBudget ?? DEFAULT_DOTS_BUDGET)) return 'over the dots budget';
      // An all-zero ballot would count in turnout while expressing nothing.
      if (total < 1) return 'no dots placed';
      return null;
    }
  }
}
