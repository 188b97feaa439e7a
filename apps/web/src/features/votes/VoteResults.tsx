import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MAX_SCORE,
  type ApprovalTally,
  type ConsentTally,
  type DotsTally,
  type NoOutcomeReason,
  type RankingTally,
  type ScoreTally,
  type VoteDto,
  type VoteUpdated,
} from '@roundtable/protocol/client';
import { GroupTable } from './GroupTable';
import { ResultTable, type ResultRow } from './ResultTable';
import { closedHere, optionLabel, votePanelHeadingId } from './voteText';

const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

/** In place of "carried", "no objection" or a winner when the vote has none (api-v1 1.1). */
function NoOutcome({ reason }: { reason: NoOutcomeReason }) {
  const { t } = useTranslation();
  return (
    <p className="results-outcome" data-testid="vote-outcome" data-outcome="none">
      {t(`votes.results.noOutcome.${reason}`)}
    </p>
  );
}

function ApprovalResults({ tally, noOutcome }: { tally: ApprovalTally; noOutcome?: NoOutcomeReason }) {
  const { t } = useTranslation();
  const rows: ResultRow[] = (['for', 'against', 'abstain'] as const).map((c) => ({
    key: c,
    label: t(`votes.choices.approval.${c}`),
    value: String(tally[c]),
    share: share(tally[c], tally.ballots),
  }));
  return (
    <>
      <p className="results-summary" data-testid="vote-summary">
        {t('votes.results.approval.summary', {
          for: tally.for,
          against: tally.against,
          abstentions: t('votes.results.approval.abstentions', { count: tally.abstain }),
        })}
      </p>
      <ResultTable
        caption={t('votes.results.approval.caption')}
        labelHeader={t('votes.results.choice')}
        valueHeader={t('votes.results.votes')}
        shareHeader={t('votes.results.shareOfBallots')}
        rows={rows}
      />
      {noOutcome ? (
        <NoOutcome reason={noOutcome} />
      ) : (
        <p
          className="results-outcome"
          data-testid="vote-outcome"
          data-outcome={tally.carried ? 'carried' : 'not_carried'}
        >
          {t(tally.carried ? 'votes.results.approval.carried' : 'votes.results.approval.notCarried')}
        </p>
      )}
    </>
  );
}

function ConsentResults({ tally, noOutcome }: { tally: ConsentTally; noOutcome?: NoOutcomeReason }) {
  const { t } = useTranslation();
  const rows: ResultRow[] = (['agree', 'stand_aside', 'object', 'block'] as const).map((c) => ({
    key: c,
    label: t(`votes.choices.consent.${c}`),
    value: String(tally[c]),
    share: share(tally[c], tally.ballots),
  }));
  return (
    <>
      <ResultTable
        caption={t('votes.results.consent.caption')}
        labelHeader={t('votes.results.choice')}
        valueHeader={t('votes.results.votes')}
        shareHeader={t('votes.results.shareOfBallots')}
        rows={rows}
      />
      {noOutcome || !tally.outcome ? (
        <NoOutcome reason={noOutcome ?? 'no_ballots'} />
      ) : (
        <p className="results-outcome" data-testid="vote-outcome" data-outcome={tally.outcome}>
          {t(`votes.results.consent.outcomes.${tally.outcome}`)}
        </p>
      )}
      {tally.reasons && tally.reasons.length > 0 && (
        <section className="reasons">
          <h5>{t('votes.results.consent.reasons')}</h5>
          <ul>
            {tally.reasons.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: reasons are anonymous (no id), may repeat, and come as a whole list
              <li key={i}>
                {t('votes.results.consent.reasonItem', {
                  choice: t(`votes.choices.consent.${r.choice}`),
                  reason: r.reason,
                })}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function ScoreResults({ vote, tally }: { vote: VoteDto; tally: ScoreTally }) {
  const { t, i18n } = useTranslation();
  const decimal = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
  const best = Math.max(...tally.options.map((o) => o.mean ?? -1));
  const rows: ResultRow[] = [...tally.options]
    .sort((a, b) => (b.mean ?? -1) - (a.mean ?? -1))
    .map((o) => ({
      key: o.optionId,
      label: optionLabel(vote, o.optionId),
      value:
        o.mean === null
          ? t('votes.results.score.none')
          : t('votes.results.score.mean', { mean: decimal.format(o.mean), max: MAX_SCORE, count: o.count }),
      share: share(o.mean ?? 0, MAX_SCORE),
      leading: o.mean !== null && o.mean === best,
    }));
  return (
    <ResultTable
      caption={t('votes.results.score.caption')}
      labelHeader={t('votes.results.option')}
      valueHeader={t('votes.results.score.header')}
      shareHeader={t('votes.results.shareOfMax')}
      rows={rows}
    />
  );
}

function RankingResults({
  vote,
  tally,
  noOutcome,
}: {
  vote: VoteDto;
  tally: RankingTally;
  noOutcome?: NoOutcomeReason;
}) {
  const { t } = useTranslation();
  // Each ballot gives at most n - 1 points to one option.
  const maxPoints = tally.ballots * Math.max(0, vote.options.length - 1);
  const best = Math.max(...tally.options.map((o) => o.borda));
  const rows: ResultRow[] = [...tally.options]
    .sort((a, b) => b.borda - a.borda)
    .map((o) => ({
      key: o.optionId,
      label: optionLabel(vote, o.optionId),
      value: t('votes.results.ranking.points', { count: o.borda }),
      share: share(o.borda, maxPoints),
      leading: tally.ballots > 0 && o.borda === best,
    }));
  return (
    <>
      {noOutcome ? (
        <NoOutcome reason={noOutcome} />
      ) : (
        <p className="results-outcome" data-testid="vote-outcome" data-outcome={tally.condorcetWinner ?? 'none'}>
          {tally.condorcetWinner
            ? t('votes.results.ranking.condorcet', { label: optionLabel(vote, tally.condorcetWinner) })
            : t('votes.results.ranking.noCondorcet')}
        </p>
      )}
      <ResultTable
        caption={t('votes.results.ranking.caption')}
        labelHeader={t('votes.results.option')}
        valueHeader={t('votes.results.ranking.header')}
        shareHeader={t('votes.results.shareOfMax')}
        rows={rows}
      />
    </>
  );
}

function DotsResults({ vote, tally }: { vote: VoteDto; tally: DotsTally }) {
  const { t } = useTranslation();
  const total = tally.options.reduce((sum, o) => sum + o.dots, 0);
  const best = Math.max(...tally.options.map((o) => o.dots));
  const rows: ResultRow[] = [...tally.options]
    .sort((a, b) => b.dots - a.dots)
    .map((o) => ({
      key: o.optionId,
      label: optionLabel(vote, o.optionId),
      value: t('votes.results.dots.count', { count: o.dots }),
      share: share(o.dots, total),
      leading: total > 0 && o.dots === best,
    }));
  return (
    <ResultTable
      caption={t('votes.results.dots.caption', { count: total })}
      labelHeader={t('votes.results.option')}
      valueHeader={t('votes.results.dots.header')}
      shareHeader={t('votes.results.shareOfDots')}
      rows={rows}
    />
  );
}

/**
 * The tally as this person may see it, in words and tables (bars only repeat the figures),
 * or the plain statement that results are hidden until the vote closes.
 */
export function VoteResults({
  update,
  manages,
  headingLevel = 4,
}: {
  update: VoteUpdated;
  manages: boolean;
  /** 4 inside a vote panel (its title is an h3); 3 on the projector, whose vote title is an h2. */
  headingLevel?: 3 | 4;
}) {
  const { t } = useTranslation();
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const id = useId();
  const { vote, tally } = update;
  const open = vote.status === 'open';
  const section = useRef<HTMLElement>(null);
  // The facilitator who pressed "Close the vote" lands on the final result (its region is
  // named after the vote, so a screen reader says which one), not on the page's start.
  useEffect(() => {
    if (!open && closedHere.delete(vote.id)) section.current?.focus();
  }, [open, vote.id]);

  return (
    <section
      ref={section}
      tabIndex={-1}
      className="vote-results"
      aria-labelledby={`${votePanelHeadingId(vote.id)} ${id}-heading`}
      data-testid="vote-results"
      data-hidden={tally === undefined}
    >
      <Heading id={`${id}-heading`}>{t(open ? 'votes.results.headingLive' : 'votes.results.headingFinal')}</Heading>
      {!tally ? (
        <p data-testid="vote-results-hidden">
          {/* The server withholds a secret on_close vote's running tally from facilitators too. */}
          {t(manages && open && vote.anonymous ? 'votes.results.hiddenSecret' : 'votes.results.hidden')}
        </p>
      ) : (
        <>
          {manages && open && vote.results === 'on_close' && (
            <p className="notice">{t('votes.results.facilitatorOnly')}</p>
          )}
          <p className="hint">{t('votes.results.ballotsCount', { count: tally.ballots })}</p>
          {tally.method === 'approval' && <ApprovalResults tally={tally} noOutcome={tally.noOutcome} />}
          {tally.method === 'consent' && <ConsentResults tally={tally} noOutcome={tally.noOutcome} />}
          {tally.method === 'score' && <ScoreResults vote={vote} tally={tally} />}
          {tally.method === 'ranking' && <RankingResults vote={vote} tally={tally} noOutcome={tally.noOutcome} />}
          {tally.method === 'dots' && <DotsResults vote={vote} tally={tally} />}
          {tally.quorum && !tally.quorum.met && (
            <p className="alert alert--warning" data-testid="vote-quorum-warning">
              {t(open ? 'votes.results.quorumPending' : 'votes.results.quorumFailed', { count: tally.quorum.required })}
            </p>
          )}
          {tally.byGroup && <GroupTable vote={vote} byGroup={tally.byGroup} otherGroups={tally.otherGroups} />}
        </>
      )}
    </section>
  );
}
