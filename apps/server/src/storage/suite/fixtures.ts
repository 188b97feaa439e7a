import { randomUUID } from 'node:crypto';
import type {
  AmendmentRecord,
  BallotRecord,
  DraftVersionRecord,
  SessionRecord,
  Storage,
  VoteRecord,
} from '../Storage.js';

/** What every case of the suite reads: the storage under test, fresh and migrated per case. */
export interface SuiteContext {
  readonly storage: Storage;
}

export const session = (over: Partial<SessionRecord> = {}): SessionRecord => ({
  id: randomUUID(),
  title: 'Réunion thématique emploi',
  kind: 'thematic_meeting',
  level: 'federal',
  themes: ['employment', 'anti_discrimination'],
  language: 'nl',
  languages: ['nl', 'fr'],
  participantCode: randomUUID().slice(0, 8).toUpperCase(),
  observerCode: randomUUID().slice(0, 8).toUpperCase(),
  facilitatorCodeHash: randomUUID(),
  createdAt: new Date().toISOString(),
  openJoin: true,
  retentionDays: null,
  anonymisedAt: null,
  place: 'Résidence Palace, Bruxelles',
  timeZone: 'America/Argentina/Buenos_Aires',
  ...over,
});

/** An open approval vote on a question, named, unsplit, untimed. */
export const vote = (sessionId: string, over: Partial<VoteRecord> = {}): VoteRecord => ({
  id: randomUUID(),
  sessionId,
  method: 'approval',
  status: 'open',
  recommendationId: null,
  question: 'Q?',
  options: [],
  anonymous: false,
  results: 'live',
  quorum: null,
  dotsBudget: null,
  splitByGroup: false,
  frozenTexts: [],
  languagesOverridden: false,
  amendmentId: null,
  openedAt: '2026-01-01T10:00:00.000Z',
  closesAt: null,
  closedAt: null,
  ...over,
});

/** A named ballot of `participantId` (its own voter key), group unspecified. */
export const namedBallot = (
  voteId: string,
  participantId: string,
  choice: 'for' | 'against',
  castAt = '2026-01-01T10:10:00.000Z',
): BallotRecord => ({
  voteId,
  voterKey: participantId,
  participantId,
  group: 'unspecified',
  ballot: { choice },
  castAt,
});

export const amendment = (sessionId: string, recommendationId: string, authorId: string): AmendmentRecord => ({
  id: randomUUID(),
  sessionId,
  recommendationId,
  lang: 'fr',
  original: ' plus de places ',
  replacement: '',
  reason: null,
  status: 'proposed',
  authorId,
  createdAt: new Date().toISOString(),
  decidedAt: null,
  decidedBy: null,
  voteId: null,
});

export const version = (
  sessionId: string,
  recommendationId: string,
  createdAt: string,
  editorIds: string[] = [],
): DraftVersionRecord => ({
  id: randomUUID(),
  sessionId,
  recommendationId,
  createdAt,
  reason: 'saved',
  label: null,
  restoredFrom: null,
  amendmentId: null,
  voteId: null,
  hashes: { fr: 'abc' },
  editorIds,
});
