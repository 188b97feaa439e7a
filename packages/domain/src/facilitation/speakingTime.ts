import type { LanguageKey, SpeakerLanguage, SpeakingTime, VoterGroup } from '@roundtable/protocol/client';

/** One finished turn, as {@link recordTurn} needs it. `from` and `to` are server ms. */
export interface TurnRecord {
  participantId: string;
  name: string;
  group: VoterGroup;
  language: SpeakerLanguage | null;
  from: number;
  to: number;
}

export function emptySpeakingTime(): SpeakingTime {
  return { totalMs: 0, turns: 0, byGroup: {}, byLanguage: {}, bySpeaker: [] };
}

/**
 * Adds a finished turn to the sums. A turn of no time (skipped at once, or a clock that
 * went back between instances) changes nothing, so it is not counted as a turn either.
 * Returns a new object; the same one when nothing changes.
 */
export function recordTurn(time: SpeakingTime, turn: TurnRecord): SpeakingTime {
  const ms = turn.to - turn.from;
  if (!(ms > 0)) return time;
  const language: LanguageKey = turn.language ?? 'unspecified';
  const known = time.bySpeaker.some((s) => s.participantId === turn.participantId);
  const bySpeaker = known
    ? time.bySpeaker.map((s) =>
        // The latest name wins: a person who rejoined under a corrected name shows it.
        s.participantId === turn.participantId ? { ...s, name: turn.name, ms: s.ms + ms, turns: s.turns + 1 } : s,
      )
    : [...time.bySpeaker, { participantId: turn.participantId, name: turn.name, ms, turns: 1 }];
  return {
    totalMs: time.totalMs + ms,
    turns: time.turns + 1,
    byGroup: { ...time.byGroup, [turn.group]: (time.byGroup[turn.group] ?? 0) + ms },
    byLanguage: { ...time.byLanguage, [language]: (time.byLanguage[language] ?? 0) + ms },
    bySpeaker,
  };
}

/** Share of the total per group, 0..1 (empty when nobody spoke), for "was every group heard". */
export function groupShares(time: SpeakingTime): Partial<Record<VoterGroup, number>> {
  if (time.totalMs === 0) return {};
  return Object.fromEntries(
    Object.entries(time.byGroup).map(([group, ms]) => [group, (ms ?? 0) / time.totalMs]),
  ) as Partial<Record<VoterGroup, number>>;
}

/**
 * The sums a report publishes: per group and per language only. Per-speaker times are
 * for the facilitator during the meeting; leaving them out of the report keeps it from
 * ranking named people.
 */
export function reportableSpeakingTime(time: SpeakingTime): Omit<SpeakingTime, 'bySpeaker'> {
  const { bySpeaker: _bySpeaker, ...sums } = time;
  return sums;
}
