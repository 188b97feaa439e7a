import type { Tally, VoteDto } from '@roundtable/protocol';
import type { ReportLabels } from './reportLabels.js';

/** A tally in words and a table, shared by the Markdown and HTML renderers. */
export interface TallyDescription {
  /** One line: the counts and the outcome. */
  summary: string;
  table?: { head: string[]; rows: string[][] };
  reasons: string[];
}

const optionLabel = (vote: VoteDto, id: string) => vote.options.find((o) => o.id === id)?.label ?? id;

export function describeTally(tally: Tally, vote: VoteDto, l: ReportLabels): TallyDescription {
  const c = l.choices;
  switch (tally.method) {
    case 'approval':
      return {
        summary: `${c.for} ${tally.for} · ${c.against} ${tally.against} · ${c.abstain} ${tally.abstain} — ${
          tally.carried ? l.carried : l.notCarried
        }`,
        reasons: [],
      };
    case 'consent':
      return {
        summary: `${c.agree} ${tally.agree} · ${c.stand_aside} ${tally.stand_aside} · ${c.object} ${tally.object} · ${
          c.block
        } ${tally.block} — ${l.consentOutcomes[tally.outcome]}`,
        reasons: (tally.reasons ?? []).map((r) => `${c[r.choice]}${l.colon}${r.reason}`),
      };
    case 'score':
      return {
        summary: `${l.turnout}${l.colon}${tally.ballots}`,
        table: {
          head: [l.option, l.mean, '0–5'],
          rows: tally.options.map((o) => [
            optionLabel(vote, o.optionId),
            o.mean === null ? '—' : String(o.mean),
            o.distribution.join(' / '),
          ]),
        },
        reasons: [],
      };
    case 'ranking':
      return {
        summary: `${l.condorcet}${l.colon}${tally.condorcetWinner ? optionLabel(vote, tally.condorcetWinner) : l.none}`,
        table: {
          head: [l.option, l.borda],
          rows: [...tally.options]
            .sort((a, b) => b.borda - a.borda)
            .map((o) => [optionLabel(vote, o.optionId), String(o.borda)]),
        },
        reasons: [],
      };
    case 'dots':
      return {
        summary: `${l.turnout}${l.colon}${tally.ballots}`,
        table: {
          head: [l.option, l.dots],
          rows: [...tally.options].sort((a, b) => b.dots - a.dots).map((o) => [optionLabel(vote, o.optionId), String(o.dots)]),
        },
        reasons: [],
      };
  }
}
