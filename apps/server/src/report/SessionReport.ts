import { groupByTheme, voteRecommendationIds } from '@roundtable/domain';
import {
  type AgendaItem,
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

export interface ReportRecommendation {
  recommendation: RecommendationDto;
  /** Votes on this recommendation alone (approval, consent), oldest first. */
  votes: ReportVote[];
}

export interface SessionReport {
  format: 'roundtable-report';
  version: 1;
  generatedAt: string;
  session: SessionDto;
  recommendationsByTheme: { theme: Theme | null; recommendations: ReportRecommendation[] }[];
  /** Questions and prioritising votes among several options. */
  otherVotes: ReportVote[];
  agenda: AgendaItem[];
  /** Sums per group and language only: no per-person times in the record. */
  speakingTime: Omit<SpeakingTime, 'bySpeaker'> | null;
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
  recommendations: RecommendationDto[];
  votes: ReportVote[];
  participants: { name: string; organisation: string | null; organisationType: OrganisationType | null; role: Role }[];
  includeParticipants: boolean;
  generatedAt: string;
  agenda: AgendaItem[];
  speakingTime: Omit<SpeakingTime, 'bySpeaker'> | null;
}

/** Assembles the record of a session from its stored parts. Pure: the caller loads them. */
export function buildSessionReport(input: ReportInput): SessionReport {
  const singleVotesOf = (recId: string) =>
    input.votes.filter((v) => isSingleMotion(v.vote.method) && v.vote.recommendationId === recId);
  // The same grouping as the web's list (storage lists by creation already, so the order holds).
  const recommendationsByTheme = groupByTheme(input.recommendations).map(({ theme, recommendations }) => ({
    theme,
    recommendations: recommendations.map((recommendation) => ({
      recommendation,
      votes: singleVotesOf(recommendation.id),
    })),
  }));
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
    version: 1,
    generatedAt: input.generatedAt,
    session: input.session,
    recommendationsByTheme,
    otherVotes,
    agenda: input.agenda,
    speakingTime: input.speakingTime,
    attendance: { total: input.participants.length, byRole, byOrganisationType },
    ...(input.includeParticipants ? { participants: input.participants } : {}),
  };
}
