import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { isDraftFrozen, TokenBucket } from '@roundtable/domain';
import {
  MAX_SAVED_VERSIONS_PER_RECOMMENDATION,
  MAX_SAVED_VERSIONS_PER_SESSION,
  VERSION_SAVE_RATE,
  type DraftVersionDto,
  type HistoryResponse,
  type Language,
  type VersionEditor,
  type VersionReason,
  type VersionTextsResponse,
} from '@roundtable/protocol';
import type { DocRegistry } from '../collab/DocRegistry.js';
import { sha256 } from '../crypto/sha256.js';
import { AppError } from '../errors.js';
import type { DraftVersionRecord, RecommendationRecord, Storage } from '../storage/Storage.js';

/** Who acts on a history (token claims). */
export interface HistoryActor {
  sessionId: string;
  participantId: string;
  name: string;
}

/** What else a kept version points at. */
export interface VersionLinks {
  label?: string | null;
  restoredFrom?: string | null;
  amendmentId?: string | null;
  voteId?: string | null;
}

/** How many versions facilitators may save; the defaults are the protocol's (tests lower them). */
export interface SavedVersionLimits {
  perRecommendation: number;
  perSession: number;
  rate: { readonly perSecond: number; readonly burst: number };
}

const DEFAULT_LIMITS: SavedVersionLimits = {
  perRecommendation: MAX_SAVED_VERSIONS_PER_RECOMMENDATION,
  perSession: MAX_SAVED_VERSIONS_PER_SESSION,
  rate: VERSION_SAVE_RATE,
};

/**
 * The history of drafts (api-v1 1.1 "History"): a version is every language version's text
 * (with its SHA-256) and the document's encoded state, kept at every vote opened about the
 * draft, every decision, every accepted amendment and when a facilitator saves one. Versions
 * are rows of their own: the live documents keep Yjs garbage collection on (see
 * docs/architecture.md "History").
 */
export class HistoryService {
  /** Per person; a facilitator saving in a burst is refused, not the session. */
  private readonly buckets = new Map<string, TokenBucket>();
  /** The saves of one session run one after the other here, so two at once cannot both pass the cap. */
  private readonly saving = new Map<string, Promise<unknown>>();
  private readonly limits: SavedVersionLimits;

  constructor(
    private readonly storage: Pick<Storage, 'sessions' | 'recommendations' | 'people' | 'history'>,
    private readonly docs: Pick<DocRegistry, 'snapshot' | 'restoreVersion' | 'flushEdits'>,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
    limits: Partial<SavedVersionLimits> = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** Keeps a version of a draft as the server holds it now. */
  async record(
    sessionId: string,
    recommendationId: string,
    reason: VersionReason,
    links: VersionLinks = {},
  ): Promise<DraftVersionDto> {
    const languages = await this.languages(sessionId);
    const previous = (await this.storage.history.listVersions(recommendationId)).at(-1);
    const { texts, state } = await this.docs.snapshot(recommendationId, languages);
    const editors = await this.storage.history.editsSince(recommendationId, previous?.createdAt ?? null);
    const version: DraftVersionRecord = {
      id: randomUUID(),
      sessionId,
      recommendationId,
      createdAt: this.createdAfter(previous),
      reason,
      label: links.label ?? null,
      restoredFrom: links.restoredFrom ?? null,
      amendmentId: links.amendmentId ?? null,
      voteId: links.voteId ?? null,
      hashes: Object.fromEntries(languages.map((lang) => [lang, sha256(texts[lang])])),
      editorIds: editors.map((e) => e.participantId),
    };
    await this.storage.history.addVersion(version, { texts, state });
    return (await this.toDtos(sessionId, [version]))[0]!;
  }

  /**
   * Keeps a version, logging rather than failing when it cannot: for the votes and
   * decisions that keep one, which have happened by then whatever becomes of it.
   */
  async recordQuietly(sessionId: string, recommendationId: string, reason: VersionReason, links?: VersionLinks) {
    try {
      await this.record(sessionId, recommendationId, reason, links);
    } catch (err) {
      this.log.warn({ err, recommendationId, reason }, 'keeping a version of a draft failed');
    }
  }

  /** GET .../history: the versions, oldest first, and who edited since the newest. */
  async list(sessionId: string, recommendationId: string): Promise<HistoryResponse> {
    await this.recommendation(sessionId, recommendationId);
    await this.docs.flushEdits(recommendationId);
    const versions = await this.storage.history.listVersions(recommendationId);
    const since = await this.storage.history.editsSince(recommendationId, versions.at(-1)?.createdAt ?? null);
    const names = await this.names(sessionId, [
      ...versions.flatMap((v) => v.editorIds),
      ...since.map((e) => e.participantId),
    ]);
    return {
      versions: versions.map((v) => this.toDto(v, names)),
      editorsSinceLast: since.map((e) => ({ participantId: e.participantId, name: names.get(e.participantId) ?? '' })),
    };
  }

  /** GET .../history/:versionId: one version with its texts. */
  async get(sessionId: string, recommendationId: string, versionId: string): Promise<VersionTextsResponse> {
    await this.recommendation(sessionId, recommendationId);
    const found = await this.storage.history.getVersion(recommendationId, versionId);
    if (!found) throw new AppError('not_found', 'no such version of this recommendation');
    const [version] = await this.toDtos(sessionId, [found.version]);
    return { version: version!, texts: found.content.texts };
  }

  /** POST .../history (facilitator): keeps a version now, within the rate and the caps. */
  async save(actor: HistoryActor, recommendationId: string, label?: string): Promise<DraftVersionDto> {
    await this.recommendation(actor.sessionId, recommendationId);
    this.takeToken(actor.participantId);
    return this.serially(actor.sessionId, async () => {
      await this.checkCaps(actor.sessionId, recommendationId);
      return this.record(actor.sessionId, recommendationId, 'saved', { label: label || null });
    });
  }

  /**
   * POST .../history/:versionId/restore (facilitator): the version's content becomes the
   * draft's again, as a new edit; then a version "saved" restoredFrom it is kept. Refused
   * while the draft is frozen (a vote open about it, or decided).
   */
  async restore(actor: HistoryActor, recommendationId: string, versionId: string): Promise<DraftVersionDto> {
    const rec = await this.recommendation(actor.sessionId, recommendationId);
    if (isDraftFrozen(rec.status)) {
      throw new AppError('conflict', `recommendation is ${rec.status}: its draft does not change now`);
    }
    const found = await this.storage.history.getVersion(recommendationId, versionId);
    if (!found) throw new AppError('not_found', 'no such version of this recommendation');
    this.takeToken(actor.participantId);
    // A restore keeps a `saved` version, so it counts like a save, checked before the draft
    // changes: refused, it leaves the draft and the history as they were.
    return this.serially(actor.sessionId, async () => {
      await this.checkCaps(actor.sessionId, recommendationId);
      const languages = await this.languages(actor.sessionId);
      await this.docs.restoreVersion(rec.id, actor.sessionId, languages, found.content, {
        participantId: actor.participantId,
        name: actor.name,
      });
      return this.record(actor.sessionId, recommendationId, 'saved', { restoredFrom: versionId });
    });
  }

  /**
   * The caps count `saved` versions only (saves and restores, a facilitator's choice). The
   * versions the server keeps by itself at a vote, a decision or an accepted amendment are
   * never refused: they record what the meeting did (the vote has happened by then; a cap
   * reached by saves must not leave a vote without its version). They are bounded by what
   * makes them: opening votes (socket.io's rate per connection), decisions, amendments
   * (AMENDMENT_RATE and MAX_OPEN_AMENDMENTS_PER_PERSON).
   */
  private async checkCaps(sessionId: string, recommendationId: string): Promise<void> {
    const [ofRecommendation, ofSession] = await Promise.all([
      this.storage.history.countVersions({ sessionId, recommendationId, reason: 'saved' }),
      this.storage.history.countVersions({ sessionId, reason: 'saved' }),
    ]);
    if (ofRecommendation >= this.limits.perRecommendation) {
      throw new AppError(
        'too_many_versions',
        `this recommendation already has ${this.limits.perRecommendation} saved versions, the most it may keep`,
      );
    }
    if (ofSession >= this.limits.perSession) {
      throw new AppError(
        'too_many_versions',
        `this session already has ${this.limits.perSession} saved versions, the most it may keep`,
      );
    }
  }

  private takeToken(participantId: string): void {
    const now = Date.now();
    const { burst, perSecond } = this.limits.rate;
    let bucket = this.buckets.get(participantId);
    if (!bucket) {
      bucket = new TokenBucket(burst, perSecond, now);
      this.buckets.set(participantId, bucket);
    }
    if (!bucket.take(now))
      throw AppError.rateLimited('too many versions saved at once: wait a little', 1000 / perSecond);
  }

  /**
   * Runs `job` after the session's earlier ones here. Instances do not share this: with
   * several, two saves at the same moment on two of them may pass a cap by one each, which
   * the per-person rate keeps small.
   */
  private serially<T>(sessionId: string, job: () => Promise<T>): Promise<T> {
    const run = (this.saving.get(sessionId) ?? Promise.resolve()).then(job);
    const tail = run.catch(() => undefined);
    this.saving.set(sessionId, tail);
    void tail.then(() => {
      if (this.saving.get(sessionId) === tail) this.saving.delete(sessionId);
    });
    return run;
  }

  /** Versions are listed by time: a new one never sorts before the one it follows. */
  private createdAfter(previous: DraftVersionRecord | undefined): string {
    const now = this.now();
    if (previous && now.toISOString() <= previous.createdAt) {
      return new Date(Date.parse(previous.createdAt) + 1).toISOString();
    }
    return now.toISOString();
  }

  private async toDtos(sessionId: string, versions: readonly DraftVersionRecord[]): Promise<DraftVersionDto[]> {
    const names = await this.names(
      sessionId,
      versions.flatMap((v) => v.editorIds),
    );
    return versions.map((v) => this.toDto(v, names));
  }

  private toDto(v: DraftVersionRecord, names: ReadonlyMap<string, string>): DraftVersionDto {
    const editors: VersionEditor[] = v.editorIds.map((participantId) => ({
      participantId,
      name: names.get(participantId) ?? '',
    }));
    const { sessionId: _session, editorIds: _ids, ...rest } = v;
    return { ...rest, editors };
  }

  /** Names as the session knows them now (retention replaces them there, so here too). */
  private async names(sessionId: string, ids: readonly string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const id of new Set(ids)) {
      const p = await this.storage.people.getParticipant(sessionId, id);
      if (p) names.set(id, p.name);
    }
    return names;
  }

  private async languages(sessionId: string): Promise<Language[]> {
    const session = await this.storage.sessions.getSession(sessionId);
    if (!session) throw new AppError('not_found', 'no such session');
    return session.languages;
  }

  private async recommendation(sessionId: string, id: string): Promise<RecommendationRecord> {
    const rec = await this.storage.recommendations.getRecommendation(sessionId, id);
    if (!rec) throw new AppError('not_found', 'no such recommendation in this session');
    return rec;
  }
}
