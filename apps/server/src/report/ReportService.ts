import { timingSafeEqual } from 'node:crypto';
import { agendaProgress, mayReadTally, minutesDocName, reportableSpeakingTime, tallyVote } from '@roundtable/domain';
import type { DraftGate } from '../collab/DraftGate.js';
import { toRecommendationDto, toSessionDto } from '../sessions/SessionService.js';
import type { Storage } from '../storage/Storage.js';
import type { Language, RecommendationDto, ReportFormat, ReportLanguage } from '@roundtable/protocol';
import { renderReportFile, type ReportFile } from './reportFile.js';
import { buildSessionReport, type RecommendationText, type ReportAudience } from './SessionReport.js';

/** Loads a session's record from storage and renders it. */
export class ReportService {
  constructor(
    private readonly storage: Pick<
      Storage,
      'sessions' | 'people' | 'recommendations' | 'votes' | 'roomCounts' | 'facilitation' | 'amendments' | 'questions'
    >,
    /** Drafts and minutes, read as the server holds them (live document, else storage). */
    private readonly docs: Pick<DraftGate, 'readText' | 'readVersions'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * A recommendation's final text in each language of the session: one unlabelled text in a
   * single-language session, else one per language version, in session order.
   */
  private async textsOf(
    recommendation: RecommendationDto,
    languages: readonly Language[],
  ): Promise<RecommendationText[]> {
    if (languages.length <= 1) return [{ language: null, text: await this.docs.readText(recommendation.id) }];
    const { texts } = await this.docs.readVersions(recommendation.id, languages);
    return languages.map((language) => ({ language, text: texts[language] ?? '' }));
  }

  async render(
    sessionId: string,
    format: ReportFormat,
    includeParticipants: boolean,
    lang?: ReportLanguage,
  ): Promise<ReportFile> {
    return renderReportFile(await this.build(sessionId, 'facilitator', includeParticipants), format, lang);
  }

  /**
   * The public summary as one HTML page, when `key` is the one the facilitator published;
   * undefined otherwise (the caller answers 404, the same for a wrong key and for none).
   */
  async renderPublicSummary(sessionId: string, key: string, lang?: ReportLanguage): Promise<ReportFile | undefined> {
    const published = (await this.storage.facilitation.getFacilitationState(sessionId))?.publicSummaryKey ?? null;
    if (published === null || !sameKey(published, key)) return undefined;
    return renderReportFile(await this.build(sessionId, 'public', false), 'html', lang);
  }

  /**
   * The facilitator's record, or the public summary: what anyone in the room may see (the
   * observer's tallies, no reasons), with no names, no minutes (free text that may name
   * people) and no speaking time (facilitators only, on screen too).
   */
  private async build(sessionId: string, audience: ReportAudience, includeParticipants: boolean) {
    const session = await this.storage.sessions.getSession(sessionId);
    if (!session) throw new Error(`session ${sessionId} vanished`);
    const viewer = audience === 'public' ? 'observer' : 'facilitator';
    const votes = await Promise.all(
      (await this.storage.votes.listVotes(sessionId)).map(async (vote) => {
        const ballots = await this.storage.votes.listBallots(vote.id);
        const room = await this.storage.roomCounts.getRoomCounts(vote.id);
        // The facilitator's view: full tallies, reasons included, never who voted what; an
        // open anonymous on_close vote shows its turnout only, as it does on screen.
        return {
          vote,
          turnout: ballots.length,
          ...(mayReadTally(vote, viewer)
            ? { tally: tallyVote(vote, ballots, { includeReasons: audience === 'facilitator', room }) }
            : {}),
        };
      }),
    );
    // Agenda titles and speaking-time sums only: intervision notes never leave the meeting.
    const meeting = await this.storage.facilitation.getFacilitationState(sessionId);
    const facilitator = audience === 'facilitator';
    return buildSessionReport({
      audience,
      agenda: meeting?.agenda ?? [],
      skippedItemIds: meeting
        ? [...agendaProgress(meeting)].flatMap(([id, progress]) => (progress === 'skipped' ? [id] : []))
        : [],
      speakingTime:
        facilitator && meeting && meeting.speakingTime.turns > 0 ? reportableSpeakingTime(meeting.speakingTime) : null,
      session: toSessionDto(session),
      recommendations: await Promise.all(
        (await this.storage.recommendations.listRecommendations(sessionId)).map(async (row) => {
          const recommendation = toRecommendationDto(row);
          return { recommendation, texts: await this.textsOf(recommendation, session.languages) };
        }),
      ),
      questions: await this.storage.questions.listQuestions(sessionId),
      minutes: facilitator ? await this.docs.readText(minutesDocName(sessionId)) : null,
      timeZone: session.timeZone,
      votes,
      amendments: (await this.storage.amendments.listAmendments(sessionId)).map((a) => ({
        id: a.id,
        recommendationId: a.recommendationId,
        lang: a.lang,
        original: a.original,
        replacement: a.replacement,
        reason: a.reason ?? '',
        status: a.status,
        decidedBy: a.decidedBy,
      })),
      participants: (await this.storage.people.listParticipants(sessionId)).map((p) => ({
        name: p.name,
        organisation: p.organisation,
        organisationType: p.organisationType,
        role: p.role,
      })),
      includeParticipants: facilitator && includeParticipants,
      generatedAt: this.now().toISOString(),
    });
  }
}

/** Compares keys in constant time (a timing difference would leak the key byte by byte). */
function sameKey(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
