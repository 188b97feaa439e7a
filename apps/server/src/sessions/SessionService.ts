import { randomBytes, randomUUID } from 'node:crypto';
import { sha256 } from '../crypto/sha256.js';
import { isShortCode, normaliseShortCode, roleForCode, shortCodeFromBytes } from '@roundtable/domain';
import {
  DEFAULT_TIME_ZONE,
  JOIN_FAILURE_LIMIT,
  JOIN_FAILURE_WINDOW_MS,
  JOIN_SUCCESS_LIMIT,
  JOIN_SUCCESS_WINDOW_MS,
  SESSION_CREATE_GLOBAL_LIMIT,
  SESSION_CREATE_LIMIT,
  SESSION_CREATE_WINDOW_MS,
  SHORT_CODE_LENGTH,
  type CreateRecommendationBody,
  type CreateSessionBody,
  type CreateSessionResponse,
  type JoinBody,
  type JoinResponse,
  type Language,
  type RecommendationDto,
  type SessionDto,
} from '@roundtable/protocol';
import type { TokenService } from '../auth/tokens.js';
import { AppError } from '../errors.js';
import { UniqueViolation, type RecommendationRecord, type SessionRecord, type Storage } from '../storage/Storage.js';
import { FailureLimiter, WindowLimiter } from './FailureLimiter.js';

/** Personal invitation codes (api-v1.1), tried before the shared ones. */
export interface PersonalCodes {
  /** The invitee's token, or undefined when `code` is nobody's personal code. */
  joinByPersonalCode(code: string): Promise<JoinResponse | undefined>;
}

/** 128 bits of randomness for the facilitator code (api-v1). */
const FACILITATOR_CODE_BYTES = 16;
/** Fresh codes drawn when a short code collides with an existing session's. */
const CODE_ATTEMPTS = 5;
const DEFAULT_LANGUAGE = 'fr';
/** The one key of the instance-wide creation limit (addresses are never this). */
const GLOBAL_KEY = '*';
/** Bounds of the venue memory behind join's exemption. */
const MAX_REMEMBERED_SESSIONS_PER_ADDRESS = 50;
const MAX_REMEMBERED_ADDRESSES = 100_000;

export const toSessionDto = (s: SessionRecord): SessionDto => ({
  id: s.id,
  title: s.title,
  kind: s.kind,
  level: s.level,
  themes: s.themes,
  language: s.language,
  languages: s.languages,
  createdAt: s.createdAt,
  openJoin: s.openJoin,
  retentionDays: s.retentionDays,
  anonymisedAt: s.anonymisedAt,
  place: s.place,
  timeZone: s.timeZone,
});

export const toRecommendationDto = (r: RecommendationRecord): RecommendationDto => ({
  id: r.id,
  title: r.title,
  theme: r.theme,
  status: r.status,
  titles: r.titles,
  createdAt: r.createdAt,
  ...(r.decisionReason ? { decisionReason: r.decisionReason } : {}),
});

/** Sessions, codes, joining and recommendations: the rules behind the REST routes. */
export class SessionService {
  private readonly joinFailures: FailureLimiter;
  private readonly joinSuccesses: WindowLimiter;
  /** Sessions joined per address (sessionId as the "event"), for the venue exemption in join. */
  private readonly joinedFrom = new Map<string, Map<string, number>>();
  private readonly creations: WindowLimiter;
  private readonly allCreations: WindowLimiter;

  constructor(
    private readonly storage: Pick<Storage, 'sessions' | 'people' | 'recommendations'>,
    private readonly tokens: TokenService,
    private readonly personalCodes: PersonalCodes,
    private readonly now: () => Date = () => new Date(),
  ) {
    const clock = () => this.now().getTime();
    this.joinFailures = new FailureLimiter(JOIN_FAILURE_LIMIT, JOIN_FAILURE_WINDOW_MS, clock);
    this.joinSuccesses = new WindowLimiter(JOIN_SUCCESS_LIMIT, JOIN_SUCCESS_WINDOW_MS, clock);
    this.creations = new WindowLimiter(SESSION_CREATE_LIMIT, SESSION_CREATE_WINDOW_MS, clock);
    this.allCreations = new WindowLimiter(SESSION_CREATE_GLOBAL_LIMIT, SESSION_CREATE_WINDOW_MS, clock);
  }

  /** Creates a session; creations are limited per client address and for the whole instance. */
  async createSession(body: CreateSessionBody, clientKey: string): Promise<CreateSessionResponse> {
    const wait = Math.max(this.creations.retryAfterMs(clientKey), this.allCreations.retryAfterMs(GLOBAL_KEY));
    if (wait > 0) throw AppError.rateLimited('too many sessions created; try again later', wait);
    this.creations.record(clientKey);
    this.allCreations.record(GLOBAL_KEY);
    for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
      const facilitator = randomBytes(FACILITATOR_CODE_BYTES).toString('base64url');
      const participant = shortCodeFromBytes(randomBytes(SHORT_CODE_LENGTH));
      const observer = shortCodeFromBytes(randomBytes(SHORT_CODE_LENGTH));
      if (participant === observer) continue;
      const language = body.languages?.[0] ?? body.language ?? DEFAULT_LANGUAGE;
      const session: SessionRecord = {
        id: randomUUID(),
        title: body.title,
        kind: body.kind,
        level: body.level ?? null,
        themes: [...new Set(body.themes ?? [])],
        language,
        languages: body.languages ?? [language],
        participantCode: participant,
        observerCode: observer,
        facilitatorCodeHash: sha256(facilitator),
        createdAt: this.now().toISOString(),
        openJoin: true,
        retentionDays: null,
        anonymisedAt: null,
        place: body.place || null,
        timeZone: body.timeZone ?? DEFAULT_TIME_ZONE,
      };
      try {
        await this.storage.sessions.createSession(session);
      } catch (err) {
        if (err instanceof UniqueViolation) continue;
        throw err;
      }
      return { session: toSessionDto(session), codes: { facilitator, participant, observer } };
    }
    throw new AppError('conflict', 'could not draw unique join codes; try again');
  }

  /**
   * Joins by code. Failed attempts are limited per client address (distinct codes), and
   * successful ones too, far above a venue's needs. An address over its failure limit may
   * still join a session already joined from it in the window: one guesser behind a venue's
   * NAT cannot lock the room out, and learns nothing, since the refusal for any other code,
   * right or wrong, is the same 429.
   */
  async join(body: JoinBody, clientKey: string): Promise<JoinResponse> {
    const successWait = this.joinSuccesses.retryAfterMs(clientKey);
    if (successWait > 0) throw AppError.rateLimited('too many joins from this address; try again later', successWait);
    // A personal code (about 69 bits) cannot be guessed, so an address over the failure limit
    // may still use one: a guesser behind the venue's NAT locks no invitee out. A wrong one
    // falls through to the shared codes below and counts as a failure there.
    const invited = await this.personalCodes.joinByPersonalCode(body.code);
    if (invited) {
      this.joinSuccesses.record(clientKey);
      return invited;
    }
    const short = normaliseShortCode(body.code);
    const shortCode = isShortCode(short) ? short : '';
    const facilitatorCodeHash = sha256(body.code.trim());
    const blocked = this.joinFailures.isBlocked(clientKey);
    const session = await this.storage.sessions.findSessionByCode(shortCode, facilitatorCodeHash);
    const role = session && roleForCode(session, shortCode, facilitatorCodeHash);
    if (blocked && !(session && role && this.hasJoinedFrom(clientKey, session.id))) {
      throw AppError.rateLimited(
        'too many failed join attempts; wait a few minutes',
        this.joinFailures.retryAfterMs(clientKey),
      );
    }
    // openJoin false: only personal codes and the facilitator's still open the door.
    if (!session || !role || (role !== 'facilitator' && !session.openJoin)) {
      // Keyed by the code's hash: counts each distinct wrong code once, and keeps no guess in clear.
      this.joinFailures.recordFailure(clientKey, facilitatorCodeHash);
      throw new AppError('forbidden', 'this code does not open any session');
    }
    this.joinSuccesses.record(clientKey);
    this.rememberJoin(clientKey, session.id);
    const participant = {
      id: randomUUID(),
      sessionId: session.id,
      name: body.name,
      organisation: body.organisation || null,
      organisationType: body.organisationType ?? null,
      role,
      createdAt: this.now().toISOString(),
    };
    await this.storage.people.addParticipant(participant);
    const token = this.tokens.sign({
      sessionId: participant.sessionId,
      participantId: participant.id,
      role: participant.role,
      name: participant.name,
    });
    return {
      token,
      sessionId: participant.sessionId,
      participant: { id: participant.id, name: participant.name, role: participant.role },
    };
  }

  private hasJoinedFrom(clientKey: string, sessionId: string): boolean {
    const at = this.joinedFrom.get(clientKey)?.get(sessionId);
    return at !== undefined && at > this.now().getTime() - JOIN_FAILURE_WINDOW_MS;
  }

  private rememberJoin(clientKey: string, sessionId: string): void {
    const sessions = this.joinedFrom.get(clientKey) ?? new Map<string, number>();
    sessions.delete(sessionId);
    sessions.set(sessionId, this.now().getTime());
    // Bounded: an address keeps its latest sessions only, and the oldest addresses go first.
    if (sessions.size > MAX_REMEMBERED_SESSIONS_PER_ADDRESS) sessions.delete(sessions.keys().next().value!);
    this.joinedFrom.delete(clientKey);
    this.joinedFrom.set(clientKey, sessions);
    if (this.joinedFrom.size > MAX_REMEMBERED_ADDRESSES) this.joinedFrom.delete(this.joinedFrom.keys().next().value!);
  }

  async getSession(sessionId: string): Promise<SessionRecord> {
    const session = await this.storage.sessions.getSession(sessionId);
    if (!session) throw new AppError('not_found', 'no such session');
    return session;
  }

  async listRecommendations(sessionId: string): Promise<RecommendationDto[]> {
    return (await this.storage.recommendations.listRecommendations(sessionId)).map(toRecommendationDto);
  }

  async getRecommendation(sessionId: string, id: string): Promise<RecommendationDto> {
    const rec = await this.storage.recommendations.getRecommendation(sessionId, id);
    if (!rec) throw new AppError('not_found', 'no such recommendation in this session');
    return toRecommendationDto(rec);
  }

  async createRecommendation(sessionId: string, body: CreateRecommendationBody): Promise<RecommendationDto> {
    const { languages } = await this.getSession(sessionId);
    const titles = { ...body.titles };
    for (const lang of Object.keys(titles) as Language[]) {
      if (!languages.includes(lang)) throw new AppError('invalid_request', `this session has no ${lang} version`);
    }
    const first = languages[0]!;
    if (titles[first] !== undefined && titles[first] !== body.title) {
      throw new AppError('invalid_request', `title is the ${first} title: give it once, or twice the same`);
    }
    titles[first] = body.title;
    const rec: RecommendationRecord = {
      id: randomUUID(),
      sessionId,
      title: body.title,
      theme: body.theme ?? null,
      status: 'draft',
      titles,
      createdAt: this.now().toISOString(),
    };
    await this.storage.recommendations.createRecommendation(rec);
    return toRecommendationDto(rec);
  }
}
