import type { Language } from '@roundtable/protocol';

/*
 * The amendment and history bodies of api-v1 1.1 as the server sends them (with its additions:
 * decidedAt, decidedBy, stale, overlaps; version labels, editors, restoredFrom).
 * TODO(merge amend-server): these mirror packages/protocol/src/amendments.ts of that branch;
 * once merged, re-export from '@roundtable/protocol' instead.
 */

export type AmendmentStatus = 'proposed' | 'accepted' | 'rejected';
export type AmendmentOutcome = 'accepted' | 'rejected';

export interface AmendmentDto {
  id: string;
  recommendationId: string;
  lang: Language;
  original: string;
  replacement: string;
  reason: string;
  status: AmendmentStatus;
  authorId: string;
  authorName?: string;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: 'consensus' | 'vote' | null;
  voteId: string | null;
  stale: boolean;
  overlaps: string[];
}

export type VersionReason = 'vote_opened' | 'decided' | 'amendment_accepted' | 'saved';

export interface VersionEditor {
  participantId: string;
  name: string;
}

export interface DraftVersionDto {
  id: string;
  recommendationId: string;
  createdAt: string;
  reason: VersionReason;
  hashes: Partial<Record<Language, string>>;
  label: string | null;
  restoredFrom: string | null;
  amendmentId?: string | null;
  voteId?: string | null;
  editors: VersionEditor[];
}

export interface ProposeAmendmentBody {
  lang?: Language;
  original: string;
  replacement: string;
  reason?: string;
}

export interface AmendmentResponse {
  amendment: AmendmentDto;
}
export interface AmendmentsResponse {
  amendments: AmendmentDto[];
}
export interface HistoryResponse {
  versions: DraftVersionDto[];
  editorsSinceLast: VersionEditor[];
}
export interface VersionResponse {
  version: DraftVersionDto;
}
export interface VersionTextsResponse {
  version: DraftVersionDto;
  texts: Partial<Record<Language, string>>;
}
