import type { MethodTally, Tally, VoteDto } from '@roundtable/protocol';
import type { ReportWords } from './reportWords.js';

/** A tally in words and a table, shared by the Markdown and HTML renderers. */
export interface TallyDescription {
  /** One line: the counts and the outcome. */
  summary: string;
  table?: { head: string[]; rows: string[][] };
  reasons: string[];
}

const optionLabel = (vote: VoteDto, id: string) => vote.options.find((o) => o.id === id)?.label ?? id;

export function describeTally(tally: Tally, vote: VoteDto, w: ReportWords): TallyDescription {
  const { t, word, colon } = w;
  const approval = (c: 'for' | 'against' | 'abstain') => word(`votes.choices.approval.${c}`);
  const consent = (c: 'agree' | 'stand_aside' | 'object' | 'block') => word(`votes.choices.consent.${c}`);
  // No "carried" nor "consent reached" at 0 ballots or a failed quorum (api-v1 1.1).
  const noOutcome = tally.noOutcome && t(`report.noOutcome.${tally.noOutcome}`);
  switch (tally.method) {
    case 'approval':
      return {
        summary: `${approval('for')} ${tally.for} · ${approval('against')} ${tally.against} · ${approval('abstain')} ${
          tally.abstain
        } — ${noOutcome || (tally.carried ? t('report.carried') : t('report.notCarried'))}`,
        reasons: [],
      };
    case 'consent':
      return {
        summary: `${consent('agree')} ${tally.agree} · ${consent('stand_aside')} ${tally.stand_aside} · ${consent('object')} ${
          tally.object
        } · ${consent('block')} ${tally.block} — ${
          noOutcome || (tally.outcome ? t(`report.consentOutcomes.${tally.outcome}`) : '')
        }`,
        reasons: (tally.reasons ?? []).map((r) => `${consent(r.choice)}${colon}${r.reason}`),
      };
    case 'score':
      return {
        summary: [...tally.options]
          .sort((a, b) => (b.mean ?? -1) - (a.mean ?? -1))
          .map((o) => `${optionLabel(vote, o.optionId)} ${o.mean === null ? '—' : w.number(o.mean)}`)
          .join(' · '),
        table: {
          head: [t('votes.results.option'), t('votes.results.score.header'), t('report.scoreDistribution')],
          rows: tally.options.map((o) => [
            optionLabel(vote, o.optionId),
            o.mean === null ? '—' : w.number(o.mean),
            o.distribution.join(' / '),
          ]),
        },
        reasons: [],
      };
    case 'ranking':
      return {
        summary:
          noOutcome ||
          `${t('report.condorcet')}${colon}${tally.condorcetWinner ? optionLabel(vote, tally.condorcetWinner) : t('report.none')}`,
        table: {
          head: [t('votes.results.option'), t('votes.results.ranking.header')],
          rows: [...tally.options]
            .sort((a, b) => b.borda - a.borda)
            .map((o) => [optionLabel(vote, o.optionId), String(o.borda)]),
        },
        reasons: [],
      };
    case 'dots':
      return {
        summary: [...tally.options]
          .sort((a, b) => b.dots - a.dots)
          .map((o) => `${optionLabel(vote, o.optionId)} ${o.dots}`)
          .join(' · '),
        table: {
          head: [t('votes.results.option'), t('votes.results.dots.header')],
          rows: [...tally.options]
            .sort((a, b) => b.dots - a.dots)
            .map((o) => [optionLabel(vote, o.optionId), String(o.dots)]),
        },
        reasons: [],
      };
  }
}

/**
 * The per-group table. Approval and consent give one summary per group; score, ranking and
 * dots give each option's figure per group (an average, Borda points, dots), one column an
 * option, so a reader sees how each group scored, not just how many ballots it cast.
 */
export function describeGroups(
  rows: readonly [string, MethodTally][],
  vote: VoteDto,
  w: ReportWords,
): { head: string[]; rows: string[][] } {
  const { t } = w;
  const group = t('votes.results.group');
  if (vote.method === 'approval' || vote.method === 'consent') {
    return {
      head: [group, t('report.result')],
      rows: rows.map(([name, gt]) => [name, describeTally({ ...gt, quorum: null }, vote, w).summary]),
    };
  }
  const figure = (gt: MethodTally, optionId: string): string => {
    switch (gt.method) {
      case 'score': {
        const o = gt.options.find((x) => x.optionId === optionId);
        return o?.mean == null ? '—' : w.number(o.mean);
      }
      case 'ranking':
        return String(gt.options.find((x) => x.optionId === optionId)?.borda ?? 0);
      case 'dots':
        return String(gt.options.find((x) => x.optionId === optionId)?.dots ?? 0);
      default:
        return '—';
    }
  };
  const hint =
    vote.method === 'score'
      ? t('votes.results.score.header')
      : vote.method === 'ranking'
        ? t('votes.results.ranking.header')
        : t('votes.results.dots.header');
  return {
    head: [`${group} (${hint})`, ...vote.options.map((o) => o.label), t('votes.results.ballots')],
    rows: rows.map(([name, gt]) => [name, ...vote.options.map((o) => figure(gt, o.id)), String(gt.ballots)]),
  };
}
