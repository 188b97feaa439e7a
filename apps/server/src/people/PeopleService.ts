import { randomBytes, randomUUID } from 'node:crypto';
import {
  intervisionNotesDocNames,
  minutesDocName,
  isPersonalCode,
  normaliseShortCode,
  personalCodeFromBytes,
  shortCodeFromBytes,
} from '@roundtable/domain';
import {
  SHORT_CODE_LENGTH,
  type AttendanceRow,
  type InvitationDto,
  type InvitationsBody,
  type JoinResponse,
  type MergeParticipantsBody,
  type RotateCodesResponse,
} from '@roundtable/protocol';
import type { Logger } from 'pino';
import type { TokenService } from '../auth/tokens.js';
import { sha256 } from '../crypto/sha256.js';
import { reportWords } from '../report/reportWords.js';
import { AppError } from '../errors.js';
import type { PresenceStore } from '../presence/PresenceStore.js';
import { UniqueViolation, type InviteeRecord, type ParticipantRecord, type Storage } from '../storage/Storage.js';
import type { VoteService } from '../votes/VoteService.js';
import type { SeenRecorder } from './SeenRecorder.js';

/** Random bytes drawn per personal code: two per character, with room for rejected draws. */
const PERSONAL_CODE_BYTES = 64;
/** Fresh draws when codes collide (a shared code of another session, a personal code). */
const CODE_ATTEMPTS = 5;

/** What the people service tells live clients and the other instances (the Broadcaster). */
export interface PeopleEvents {
  participantsRemoved(sessionId: string, participantIds: readonly string[]): void;
  sessionDeleted(sessionId: string): void;
  /** The meeting changed on this instance: the others refresh what they cache of it. */
  announceChange(sessionId: string): void;
}

/** Erases live documents on every instance and their stored updates (DocRegistry). */
export interface DocEraser {
  eraseDocs(docNames: readonly string[]): Promise<void>;
}

/** What the questions from the room keep of a person (QuestionService). */
export interface PersonRetirement {
  personRetired(sessionId: string, participantId: string, into: string | null): Promise<void>;
}

/** What a deleted session leaves in this instance's memory: told to forget it. */
export interface SessionForgetting {
  refreshMeeting(sessionId: string): Promise<void>;
}

const DAY_MS = 24 * 60 * 60_000;

/** The hash kept of a personal code: the code itself is shown once and never stored. */
const personalCodeHash = (code: string) => sha256(`personal:${code}`);

/**
 * People of a session (api-v1.1): invitations with personal codes, attendance, removing
 * and merging people, the shared codes' door (openJoin, rotation) and deleting a session.
 */
export class PeopleService {
  constructor(
    private readonly storage: Pick<Storage, 'sessions' | 'people' | 'recommendations' | 'votes'>,
    private readonly tokens: TokenService,
    private readonly votes: VoteService,
    private readonly docs: DocEraser,
    private readonly presence: PresenceStore,
    private readonly seen: SeenRecorder,
    private readonly events: PeopleEvents,
    private readonly forgetting: SessionForgetting,
    private readonly questions: PersonRetirement,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** One personal code per invitee; only their hashes are stored. */
  async invite(sessionId: string, body: InvitationsBody): Promise<InvitationDto[]> {
    for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
      const createdAt = this.now().toISOString();
      const drawn = body.people.map((p) => {
        const code = drawPersonalCode();
        const record: InviteeRecord = {
          id: randomUUID(),
          sessionId,
          name: p.name,
          organisation: p.organisation || null,
          organisationType: p.organisationType ?? null,
          role: p.role,
          createdAt,
          codeHash: personalCodeHash(code),
        };
        return { record, code };
      });
      try {
        await this.storage.people.addInvitees(drawn.map((d) => d.record));
      } catch (err) {
        // ~69 bits per code: a collision is next to impossible, but a retry costs nothing.
        if (err instanceof UniqueViolation) continue;
        throw err;
      }
      return drawn.map(({ record, code }) => ({
        participantId: record.id,
        name: record.name,
        role: record.role,
        code,
      }));
    }
    throw new AppError('conflict', 'could not draw unique codes; try again');
  }

  /** A lost card: a new code for the same person; the old one stops joining. */
  async reissueCode(sessionId: string, participantId: string): Promise<InvitationDto> {
    const person = await this.storage.people.getActiveParticipant(sessionId, participantId);
    if (!person || person.role === 'facilitator')
      throw new AppError('not_found', 'no such participant in this session');
    const code = drawPersonalCode();
    if (!(await this.storage.people.setPersonalCode(sessionId, participantId, personalCodeHash(code)))) {
      throw new AppError('not_found', 'no such participant in this session');
    }
    return { participantId, name: person.name, role: person.role, code };
  }

  /**
   * Joins with a personal code, from any device, any number of times: always the same
   * participant, so one ballot. Undefined when `code` is no personal code of anyone
   * (the caller then tries the shared codes and counts the failure).
   */
  async joinByPersonalCode(code: string): Promise<JoinResponse | undefined> {
    const normalised = normaliseShortCode(code);
    if (!isPersonalCode(normalised)) return undefined;
    const person = await this.storage.people.findInvitee(personalCodeHash(normalised));
    if (!person) return undefined;
    await this.storage.people.markSeen([
      { sessionId: person.sessionId, participantId: person.id, at: this.now().toISOString() },
    ]);
    return this.tokenFor(person);
  }

  private tokenFor(p: ParticipantRecord): JoinResponse {
    const token = this.tokens.sign({ sessionId: p.sessionId, participantId: p.id, role: p.role, name: p.name });
    return { token, sessionId: p.sessionId, participant: { id: p.id, name: p.name, role: p.role } };
  }

  /** One row per person (invited or joined), who is online now across instances. */
  async attendance(sessionId: string): Promise<AttendanceRow[]> {
    const online = new Set((await this.presence.list(sessionId)).map((p) => p.id));
    return (await this.storage.people.listPeople(sessionId)).map((p) => ({
      participantId: p.id,
      name: p.name,
      organisation: p.organisation,
      organisationType: p.organisationType,
      role: p.role,
      invited: p.invited,
      firstSeenAt: p.firstSeenAt,
      lastSeenAt: p.lastSeenAt,
      online: online.has(p.id),
    }));
  }

  /** Removes a person: tokens refused everywhere, ballots in open votes withdrawn. */
  async remove(sessionId: string, participantId: string, by: string): Promise<void> {
    if (participantId === by) throw new AppError('conflict', 'a facilitator cannot remove themselves');
    const changes = await this.votes.ballotChanges(sessionId, participantId);
    const done = await this.storage.people.retireParticipant(sessionId, participantId, {
      at: this.now().toISOString(),
      mergedInto: null,
      ballots: changes,
    });
    if (!done) throw new AppError('not_found', 'no such participant in this session');
    this.events.participantsRemoved(sessionId, [participantId]);
    await this.votes.ballotsChanged(
      sessionId,
      changes.map((c) => c.voteId),
    );
    // Like their ballots, a removed person's upvotes are withdrawn; their questions stay.
    await this.questions.personRetired(sessionId, participantId, null);
  }

  /**
   * Two rows that are one person: `from` is folded into `into` (earliest arrival, latest
   * departure), their ballots in open votes merge (the later one wins) and `from`'s
   * tokens and code are refused from then on, like a removal.
   */
  async merge(sessionId: string, { into, from }: MergeParticipantsBody, by: string): Promise<AttendanceRow> {
    if (from === by) throw new AppError('conflict', 'merge the other row into yours, not yours away');
    const [kept, folded] = await Promise.all([
      this.storage.people.getActiveParticipant(sessionId, into),
      this.storage.people.getActiveParticipant(sessionId, from),
    ]);
    if (!kept || !folded) throw new AppError('not_found', 'no such participant in this session');
    if (kept.role !== folded.role) throw new AppError('conflict', 'only rows of the same role can be one person');
    const people = await this.storage.people.listPeople(sessionId);
    const lastSeen = (id: string) => people.find((p) => p.id === id)?.lastSeenAt ?? '';
    const changes = await this.votes.ballotChanges(sessionId, from, {
      into,
      fromIsLater: lastSeen(from) > lastSeen(into),
    });
    const done = await this.storage.people.retireParticipant(sessionId, from, {
      at: this.now().toISOString(),
      mergedInto: into,
      ballots: changes,
    });
    if (!done) throw new AppError('not_found', 'no such participant in this session');
    this.events.participantsRemoved(sessionId, [from]);
    await this.votes.ballotsChanged(
      sessionId,
      changes.map((c) => c.voteId),
    );
    await this.questions.personRetired(sessionId, from, into);
    const row = (await this.attendance(sessionId)).find((p) => p.participantId === into);
    if (!row) throw new AppError('not_found', 'no such participant in this session');
    return row;
  }

  async setOpenJoin(sessionId: string, openJoin: boolean): Promise<void> {
    await this.storage.sessions.setOpenJoin(sessionId, openJoin);
  }

  /** The session's place ("" removes it, like null). */
  async setPlace(sessionId: string, place: string | null): Promise<void> {
    await this.storage.sessions.setPlace(sessionId, place || null);
  }

  async setRetention(sessionId: string, retentionDays: number | null): Promise<void> {
    await this.storage.sessions.setRetention(sessionId, retentionDays);
  }

  /**
   * Replaces the names of sessions past their retention by "Participant 1…n" (in the
   * session's language); the aggregated report (counts, types, roles, tallies) is kept.
   * Every instance sweeps; doing it twice gives the same names. Returns the sessions done.
   */
  async anonymiseDue(): Promise<string[]> {
    const now = this.now();
    const done: string[] = [];
    for (const session of await this.storage.sessions.listRetainedSessions()) {
      const due = Date.parse(session.createdAt) + (session.retentionDays ?? 0) * DAY_MS;
      if (due > now.getTime()) continue;
      const { t } = reportWords(session.language);
      await this.storage.sessions.anonymiseSession(session.id, now.toISOString(), (n) =>
        t('people.retention.pseudonym', { n }),
      );
      done.push(session.id);
    }
    return done;
  }

  /** New shared codes; the old ones get 403 from then on, tokens already issued stay valid. */
  async rotateCodes(sessionId: string): Promise<RotateCodesResponse> {
    for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
      const participant = shortCodeFromBytes(randomBytes(SHORT_CODE_LENGTH));
      const observer = shortCodeFromBytes(randomBytes(SHORT_CODE_LENGTH));
      if (participant === observer) continue;
      try {
        await this.storage.sessions.setShortCodes(sessionId, participant, observer);
      } catch (err) {
        if (err instanceof UniqueViolation) continue;
        throw err;
      }
      return { codes: { participant, observer } };
    }
    throw new AppError('conflict', 'could not draw unique join codes; try again');
  }

  /**
   * Deletes a session for good. The rows go first, in one transaction: from then on every
   * token of it is refused (its person is gone), so no client can reconnect and upload a
   * document again. Then every connection is closed on every instance, the live documents
   * are dropped without writing (here and, through the bus, on the others) and their
   * updates deleted once more, and the database's leftover copies are reclaimed.
   */
  async deleteSession(sessionId: string): Promise<void> {
    const recommendations = await this.storage.recommendations.listRecommendations(sessionId);
    const votes = await this.storage.votes.listVotes(sessionId);
    // Every Yjs document of the session: drafts, intervision notes and the minutes.
    const docNames = [
      ...recommendations.map((r) => r.id),
      ...intervisionNotesDocNames(sessionId),
      minutesDocName(sessionId),
    ];
    await this.storage.sessions.deleteSession(sessionId, docNames);
    this.seen.forgetSession(sessionId);
    this.votes.forgetVotes(votes.map((v) => v.id));
    this.events.sessionDeleted(sessionId);
    await this.forgetting.refreshMeeting(sessionId);
    this.events.announceChange(sessionId);
    // eraseDocs also reclaims the deleted updates (SQLite WAL, PostgreSQL VACUUM).
    await this.docs.eraseDocs(docNames);
    try {
      await this.storage.sessions.reclaimDeletedSession();
    } catch (err) {
      // The rows are deleted either way; the next checkpoint or VACUUM drops the copies.
      this.log.warn({ err, sessionId }, 'session deleted, but the database still holds old copies');
    }
  }
}

function drawPersonalCode(): string {
  for (;;) {
    const code = personalCodeFromBytes(randomBytes(PERSONAL_CODE_BYTES));
    if (code) return code;
  }
}
