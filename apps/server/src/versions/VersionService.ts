import { isDraftFrozen } from '@roundtable/domain';
import type {
  Language,
  LanguageVersion,
  ParsedPayload,
  RecommendationTextResponse,
  SocketData,
} from '@roundtable/protocol';
import type { DocRegistry } from '../collab/DocRegistry.js';
import { AppError } from '../errors.js';
import { toRecommendationDto } from '../sessions/SessionService.js';
import type { RecommendationRecord, Storage } from '../storage/Storage.js';

/**
 * Language versions of recommendations (api-v1 1.1): the text of one version, the
 * alignment of all, and confirming a version. The alignment itself lives in the draft's
 * Yjs document (AlignmentTracker); this is the session-side check around it.
 */
export class VersionService {
  constructor(
    private readonly storage: Pick<Storage, 'sessions' | 'recommendations'>,
    private readonly docs: Pick<DocRegistry, 'readVersions' | 'confirmVersion'>,
  ) {}

  /** GET .../recommendations/:id[?lang=]: one version's text and every version's state. */
  async read(sessionId: string, recommendationId: string, lang?: Language): Promise<RecommendationTextResponse> {
    const { rec, languages } = await this.recommendation(sessionId, recommendationId);
    const version = lang ?? languages[0]!;
    if (!languages.includes(version)) throw new AppError('not_found', `this recommendation has no ${version} version`);
    const { texts, versions } = await this.docs.readVersions(rec.id, languages);
    return { recommendation: toRecommendationDto(rec), text: texts[version], lang: version, versions };
  }

  /** `translation:confirm`: version `lang` was checked against the others. */
  async confirm(actor: SocketData, p: ParsedPayload<'translation:confirm'>): Promise<LanguageVersion[]> {
    const { rec, languages } = await this.recommendation(actor.sessionId, p.recommendationId);
    if (!languages.includes(p.lang)) throw new AppError('not_found', `this recommendation has no ${p.lang} version`);
    if (isDraftFrozen(rec.status)) {
      throw new AppError('conflict', `recommendation is ${rec.status}: its versions no longer change`);
    }
    const { versions } = await this.docs.confirmVersion(rec.id, actor.sessionId, languages, p.lang, {
      participantId: actor.participantId,
      name: actor.name,
    });
    return versions;
  }

  private async recommendation(
    sessionId: string,
    id: string,
  ): Promise<{ rec: RecommendationRecord; languages: Language[] }> {
    const [rec, session] = await Promise.all([
      this.storage.recommendations.getRecommendation(sessionId, id),
      this.storage.sessions.getSession(sessionId),
    ]);
    if (!rec || !session) throw new AppError('not_found', 'no such recommendation in this session');
    return { rec, languages: session.languages };
  }
}
