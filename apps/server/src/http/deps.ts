import type { RecommendationDto } from '@roundtable/protocol';
import type { Admission } from '../auth/Admission.js';
import type { TokenService } from '../auth/tokens.js';
import type { DraftGate } from '../collab/DraftGate.js';
import type { PresenceStore } from '../presence/PresenceStore.js';
import type { SessionService } from '../sessions/SessionService.js';
import type { PeopleService } from '../people/PeopleService.js';
import type { QuestionService } from '../questions/QuestionService.js';
import type { ReportService } from '../report/ReportService.js';
import type { FacilitationService } from '../facilitation/FacilitationService.js';
import type { Storage } from '../storage/Storage.js';
import type { VersionService } from '../versions/VersionService.js';
import type { VoteService } from '../votes/VoteService.js';

/** What the REST layer tells live clients (the Broadcaster). */
export interface SessionEvents {
  recommendationCreated(sessionId: string, recommendation: RecommendationDto): void;
}

export interface HttpDeps {
  sessions: SessionService;
  people: PeopleService;
  votes: VoteService;
  versions: VersionService;
  facilitation: FacilitationService;
  questions: QuestionService;
  reports: ReportService;
  tokens: TokenService;
  /** Checks a token and that its person is still in the session. */
  admission: Admission;
  drafts: DraftGate;
  presence: PresenceStore;
  /** /readyz asks it whether the database answers. */
  storage: Pick<Storage, 'ping'>;
  events: SessionEvents;
  /** Extra readiness checks (e.g. Redis), each true when its service answers. */
  readinessChecks: (() => Promise<boolean>)[];
}
