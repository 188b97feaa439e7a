import type { MethodTally, Tally } from '@roundtable/protocol/client';

/** Drops consent reasons from one method tally; other tallies are returned as they are. */
function withoutReasons<T extends MethodTally>(tally: T): T {
  if (tally.method !== 'consent' || tally.reasons === undefined) return tally;
  const { reasons: _dropped, ...rest } = tally;
  return rest as T;
}

/**
 * Shapes a tally for its audience. Reasons of objections and blocks stay only with
 * `includeReasons` (facilitators), and are always removed from `byGroup` and `otherGroups`, where a small
 * group could tie a reason to a person. Lets the server tally once, with reasons, and
 * send each recipient a redacted copy. Returns a new object; never mutates `tally`.
 */
export function redactTally(tally: Tally, opts: { includeReasons: boolean }): Tally {
  const out: Tally = { ...(opts.includeReasons ? tally : withoutReasons(tally)) };
  if (tally.byGroup !== undefined) {
    out.byGroup = Object.fromEntries(
      Object.entries(tally.byGroup).map(([group, groupTally]) => [group, withoutReasons(groupTally)]),
    );
  }
  if (tally.otherGroups !== undefined) out.otherGroups = withoutReasons(tally.otherGroups);
  return out;
}
