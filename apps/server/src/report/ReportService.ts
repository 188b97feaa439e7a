import { mayReadTally, minutesDocName, reportableSpeakingTime, tallyVote } from '@roundtable/domain';
import type { DraftGate } from '../collab/DraftGate.js';
import { toRecommendationDto, toSessionDto } from '../sessions/SessionService.js';
import type { Storage } from '../storage/Storage.js';
import type { RecommendationDto, ReportFormat, ReportLanguage } from '@roundtable/protocol';
import { renderReportFile, type ReportFile } from './reportFile.js';
import { buildSessionReport, type RecommendationText } from './SessionReport.js';
import { REPORT_TIME_ZONE } from './reportWords.js';

/** Loads a session's record from storage and renders it. */
export class ReportService {
  constructor(
    private readonly storage: Storage,
    /** Drafts and minutes, read as the server holds them (live document, else storage). */
    private readonly docs: Pick<DraftGate, 'readText'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * A recommendation's final text in each language it has. One draft today; language
   * versions add an entry each here, and every renderer prints them all.
   */
  private async textsOf(recommendation: RecommendationDto): Promise<RecommendationText[]> {
    return [{ language: null, text: await this.docs.readText(recommendation.id) }];
  }

  async render(
    sessionId: string,
    format: ReportFormat,
    includeParticipants: boolean,
    lang?: ReportLanguage,
  ): Promise<ReportFile> {
    const session = await this.storage.getSession(sessionId);
    if (!session) throw new Error(`session ${sessionId} vanished`);
    const votes = await Promise.all(
      (await this.storage.listVotes(sessionId)).map(async (vote) => {
        const ballots = await this.storage.listBallots(vote.id);
        // The facilitator's view: full tallies, reasons included, never who voted what; an
        // open anonymous on_close vote shows its turnout only, as it does on screen.
        return {
          vote,
          turnout: ballots.length,
          ...(mayReadTally(vote, 'facilitator') ? { tally: tallyVote(vote, ballots, { includeReasons: true }) } : {}),
        };
      }),
    );
    // Agenda titles and speaking-time sums only: intervision notes never leave the meeting.
    const meeting = await this.storage.getFacilitationState(sessionId);
    const report = buildSessionReport({
      agenda: meeting?.agenda ?? [],
      speakingTime: meeting && meeting.speakingTime.turns > 0 ? reportableSpeakingTime(meeting.speakingTime) : null,
      session: toSessionDto(session),
      recommendations: await Promise.all(
        (await this.storage.listRecommendations(sessionId)).map(async (row) => {
          const recommendation = toRecommendationDto(row);
          return { recommendation, texts: await this.textsOf(recommendation) };
        }),
      ),
      minutes: await this.docs.readText(minutesDocName(sessionId)),
      timeZone: REPORT_TIME_ZONE,
      votes,
      participants: (await this.storage.listParticipants(sessionId)).map((p) => ({
        name: p.name,
        organisation: p.organisation,
        organisationType: p.organisationType,
        role: p.role,
      })),
      includeParticipants,
      generatedAt: this.now().toISOString(),
    });
    return renderReportFile(report, format, lang);
  }
}
