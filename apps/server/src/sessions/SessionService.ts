import { randomBytes, randomUUID } from 'node:crypto';
import { sha256 } from '../crypto/sha256.js';
import { isShortCode, normaliseShortCode, roleForCode, shortCodeFromBytes } from '@roundtable/domain';
import {
  JOIN_FAILURE_LIMIT,
  JOIN_FAILURE_WINDOW_MS,
  SHORT_CODE_LENGTH,
  type CreateRecommendationBody,
  type CreateSessionBody,
  type CreateSessionResponse,
  type JoinBody,
  type JoinResponse,
  type RecommendationDto,
  type SessionDto,
} from '@roundtable/protocol';
import type { TokenService } from '../auth/tokens.js';
import { AppError } from '../errors.js';
import { UniqueViolation, type RecommendationRecord, type SessionRecord, type Storage } from '../storage/Storage.js';
import { FailureLimiter } from './FailureLimiter.js';

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

export const toSessionDto = (s: SessionRecord): SessionDto => ({
  id: s.id,
  title: s.title,
  kind: s.kind,
  level: s.level,
  themes: s.themes,
  language: s.language,
  createdAt: s.createdAt,
  openJoin: s.openJoin,
  retentionDays: s.retentionDays,
  anonymisedAt: s.anonymisedAt,
});

export const toRecommendationDto = (r: RecommendationRecord): RecommendationDto => ({
  id: r.id,
  title: r.title,
  theme: r.theme,
  status: r.status,
  createdAt: r.createdAt,
});

/** Sessions, codes, joining and recommendations: the rules behind the REST routes. */
export class SessionService {
  private readonly joinFailures = new FailureLimiter(JOIN_FAILURE_LIMIT, JOIN_FAILURE_WINDOW_MS);

  constructor(
    private readonly storage: Storage,
    private readonly tokens: TokenService,
    private readonly personalCodes: PersonalCodes,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async createSession(body: CreateSessionBody): Promise<CreateSessionResponse> {
    for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
      const facilitator = randomBytes(FACILITATOR_CODE_BYTES).toString('base64url');
      const participant = shortCodeFromBytes(randomBytes(SHORT_CODE_LENGTH));
      const observer = shortCodeFromBytes(randomBytes(SHORT_CODE_LENGTH));
      if (participant === observer) continue;
      const session: SessionRecord = {
        id: randomUUID(),
        title: body.title,
        kind: body.kind,
        level: body.level ?? null,
        themes: [...new Set(body.themes ?? [])],
        language: body.language ?? DEFAULT_LANGUAGE,
        participantCode: participant,
        observerCode: observer,
        facilitatorCodeHash: sha256(facilitator),
        createdAt: this.now().toISOString(),
        openJoin: true,
        retentionDays: null,
        anonymisedAt: null,
      };
      try {
        await this.storage.createSession(session);
      } catch (err) {
        if (err instanceof UniqueViolation) continue;
        throw err;
      }
      return { session: toSessionDto(session), codes: { facilitator, participant, observer } };
    }
    throw new AppError('conflict', 'could not draw unique join codes; try again');
  }

  /** Joins by code; failed attempts are limited per client address. */
  async join(body: JoinBody, clientKey: string): Promise<JoinResponse> {
    if (this.joinFailures.isBlocked(clientKey)) {
      throw new AppError('rate_limited', 'too many failed join attempts; wait a few minutes');
    }
    // Behind the same limiter: guessing personal codes counts as failures too.
    const invited = await this.personalCodes.joinByPersonalCode(body.code);
    if (invited) return invited;
    const short = normaliseShortCode(body.code);
    const shortCode = isShortCode(short) ? short : '';
    const facilitatorCodeHash = sha256(body.code.trim());
    const session = await this.storage.findSessionByCode(shortCode, facilitatorCodeHash);
    const role = session && roleForCode(session, shortCode, facilitatorCodeHash);
    // openJoin false: only personal codes and the facilitator's still open the door.
    if (!session || !role || (role !== 'facilitator' && !session.openJoin)) {
      this.joinFailures.recordFailure(clientKey);
      throw new AppError('forbidden', 'this code does not open any session');
    }
    const participant = {
      id: randomUUID(),
      sessionId: session.id,
      name: body.name,
      organisation: body.organisation || null,
      organisationType: body.organisationType ?? null,
      role,
      createdAt: this.now().toISOString(),
    };
    await this.storage.addParticipant(participant);
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

  async getSession(sessionId: string): Promise<SessionRecord> {
    const session = await this.storage.getSession(sessionId);
    if (!session) throw new AppError('not_found', 'no such session');
    return session;
  }

  async listRecommendations(sessionId: string): Promise<RecommendationDto[]> {
    return (await this.storage.listRecommendations(sessionId)).map(toRecommendationDto);
  }

  async getRecommendation(sessionId: string, id: string): Promise<RecommendationDto> {
    const rec = await this.storage.getRecommendation(sessionId, id);
    if (!rec) throw new AppError('not_found', 'no such recommendation in this session');
    return toRecommendationDto(rec);
  }

  async createRecommendation(sessionId: string, body: CreateRecommendationBody): Promise<RecommendationDto> {
    const rec: RecommendationRecord = {
      id: randomUUID(),
      sessionId,
      title: body.title,
      theme: body.theme ?? null,
      status: 'draft',
      createdAt: this.now().toISOString(),
    };
    await this.storage.createRecommendation(rec);
    return toRecommendationDto(rec);
  }
}
