import { groupByTheme, voteRecommendationIds } from '@roundtable/domain';
import {
  type AgendaItem,
  type Language,
  type SpeakingTime,
  ORGANISATION_TYPES,
  ROLES,
  isSingleMotion,
  type OrganisationType,
  type RecommendationDto,
  type Role,
  type SessionDto,
  type Tally,
  type Theme,
  type FrozenText,
  type VoteDto,
  type VoterGroup,
  type QuestionState,
} from '@roundtable/protocol';

/** A vote with the texts it froze (the wire carries their hashes only). */
export type ReportedVote = Omit<VoteDto, 'frozenTexts'> & { frozenTexts: FrozenText[] };

/** A vote as the record keeps it: the frozen texts voted on and the tally from stored ballots. */
export interface ReportVote {
  vote: ReportedVote;
  turnout: number;
  /** Absent while an anonymous on_close vote is open: not even the facilitator sees it yet. */
  tally?: Tally;
}

/**
 * One version of a recommendation's final text. Today a recommendation has one draft, in no
 * stated language (`language: null`); language versions add an entry each, and every
 * renderer prints them all, each labelled with its language.
 */
export interface RecommendationText {
  language: Language | null;
  text: string;
}

export interface ReportRecommendation {
  recommendation: RecommendationDto;
  /** The text as the server holds it now (after the last vote, the text decided on). */
  texts: RecommendationText[];
  /*
   * Amendments belong here, between the text and the votes, once sessions record them
   * (`amendments: ReportAmendment[]`); the renderers print nothing for them until then.
   */
  /** Votes on this recommendation alone (approval, consent), oldest first. */
  votes: ReportVote[];
}

/** A question from the room the record keeps: only what the room saw (approved, answered). */
export interface ReportQuestion {
  text: string;
  lang: string;
  state: Extract<QuestionState, 'approved' | 'answered'>;
  votes: number;
}

/** Who a record is for: the facilitator's full record, or the public summary (no names). */
export type ReportAudience = 'facilitator' | 'public';

export interface SessionReport {
  format: 'roundtable-report';
  version: 2;
  audience: ReportAudience;
  generatedAt: string;
  /** The IANA zone every date of the rendered report is written in (and says it is). */
  timeZone: string;
  session: SessionDto;
  recommendationsByTheme: { theme: Theme | null; recommendations: ReportRecommendation[] }[];
  /** Questions and prioritising votes among several options. */
  otherVotes: ReportVote[];
  agenda: AgendaItem[];
  /** Agenda items the facilitator went past without holding them (shown as skipped, not as held). */
  skippedItemIds: string[];
  /**
   * Questions from the room: the approved and answered ones (no author), most votes first,
   * and how many were hidden or never moderated.
   */
  questions: { items: ReportQuestion[]; hidden: number; pending: number };
  /** Sums per group and language only: no per-person times in the record. */
  speakingTime: Omit<SpeakingTime, 'bySpeaker'> | null;
  /**
   * The minutes document's plain text (paragraphs joined by LF), empty when none was
   * written; null in the public summary, which has no minutes section.
   */
  minutes: string | null;
  attendance: {
    total: number;
    byRole: Record<Role, number>;
    byOrganisationType: Record<VoterGroup, number>;
  };
  /** Only when the facilitator asks for names. */
  participants?: { name: string; organisation: string | null; organisationType: OrganisationType | null; role: Role }[];
}

export interface ReportInput {
  session: SessionDto;
  recommendations: { recommendation: RecommendationDto; texts: RecommendationText[] }[];
  votes: ReportVote[];
  participants: { name: string; organisation: string | null; organisationType: OrganisationType | null; role: Role }[];
  includeParticipants: boolean;
  generatedAt: string;
  agenda: AgendaItem[];
  /** Agenda items the facilitator went past without holding them (shown as skipped, not as held). */
  skippedItemIds: string[];
  speakingTime: Omit<SpeakingTime, 'bySpeaker'> | null;
  minutes: string | null;
  timeZone: string;
  audience: ReportAudience;
  /** Every question of the session, any state; authors are not part of the record. */
  questions: readonly { text: string; lang: string; state: QuestionState; votes: number; createdAt: string }[];
}

/** Assembles the record of a session from its stored parts. Pure: the caller loads them. */
export function buildSessionReport(input: ReportInput): SessionReport {
  const singleVotesOf = (recId: string) =>
    input.votes.filter((v) => isSingleMotion(v.vote.method) && v.vote.recommendationId === recId);
  // The same grouping as the web's list (storage lists by creation already, so the order holds).
  const textsOf = new Map(input.recommendations.map((r) => [r.recommendation.id, r.texts]));
  const recommendationsByTheme = groupByTheme(input.recommendations.map((r) => r.recommendation)).map(
    ({ theme, recommendations }) => ({
      theme,
      recommendations: recommendations.map((recommendation) => ({
        recommendation,
        texts: textsOf.get(recommendation.id) ?? [],
        votes: singleVotesOf(recommendation.id),
      })),
    }),
  );
  const otherVotes = input.votes.filter(
    (v) => !isSingleMotion(v.vote.method) || voteRecommendationIds(v.vote).length === 0,
  );

  const byRole = Object.fromEntries(ROLES.map((r) => [r, 0])) as Record<Role, number>;
  const byOrganisationType = Object.fromEntries([...ORGANISATION_TYPES, 'unspecified'].map((g) => [g, 0])) as Record<
    VoterGroup,
    number
  >;
  for (const p of input.participants) {
    byRole[p.role] += 1;
    byOrganisationType[p.organisationType ?? 'unspecified'] += 1;
  }

  return {
    format: 'roundtable-report',
    version: 2,
    audience: input.audience,
    generatedAt: input.generatedAt,
    timeZone: input.timeZone,
    session: input.session,
    recommendationsByTheme,
    otherVotes,
    agenda: input.agenda,
    skippedItemIds: input.skippedItemIds,
    speakingTime: input.speakingTime,
    minutes: input.minutes,
    questions: {
      items: input.questions
        .filter((q) => q.state === 'approved' || q.state === 'answered')
        .sort((a, b) => b.votes - a.votes || a.createdAt.localeCompare(b.createdAt))
        .map((q) => ({ text: q.text, lang: q.lang, state: q.state as ReportQuestion['state'], votes: q.votes })),
      hidden: input.questions.filter((q) => q.state === 'hidden').length,
      pending: input.questions.filter((q) => q.state === 'pending').length,
    },
    attendance: { total: input.participants.length, byRole, byOrganisationType },
    ...(input.includeParticipants ? { participants: input.participants } : {}),
  };
}
