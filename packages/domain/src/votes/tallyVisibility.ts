import type { Role, VoteDto } from '@roundtable/protocol/client';
import { can } from '../permissions.js';

/**
 * Whether a reader with `role` may see the tally of `vote` now (turnout is always public).
 *
 * Everyone, once the vote is closed or when its results are `live`. Before the close of an
 * `on_close` vote, facilitators only, and not in an anonymous vote: a facilitator watching
 * the running tally while people vote in front of them can tie each change to whoever just
 * cast, which is the secret the vote promised to keep. They see turnout until the close.
 */
export function mayReadTally(vote: Pick<VoteDto, 'status' | 'results' | 'anonymous'>, role: Role): boolean {
  if (vote.status === 'closed' || vote.results === 'live') return true;
  return can(role, 'manageSession') && !vote.anonymous;
}
