import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ANONYMOUS_MIN_GROUP_SIZE } from '@roundtable/domain';
import {
  ORGANISATION_TYPES,
  type MethodTally,
  type Tally,
  type VoteDto,
  type VoterGroup,
} from '@roundtable/protocol/client';

interface Column {
  key: string;
  header: string;
  cell: (tally: MethodTally) => string;
}

/** The figures a per-group row shows, by method: counts per choice, or a figure per option. */
function useColumns(vote: VoteDto): Column[] {
  const { t, i18n } = useTranslation();
  const decimal = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
  const ballots: Column = { key: 'ballots', header: t('votes.results.ballots'), cell: (m) => String(m.ballots) };
  const perOption = (figure: (m: MethodTally, optionId: string) => string): Column[] =>
    vote.options.map((o) => ({ key: o.id, header: o.label, cell: (m) => figure(m, o.id) }));
  switch (vote.method) {
    case 'approval':
      return [
        ...(['for', 'against', 'abstain'] as const).map((c) => ({
          key: c,
          header: t(`votes.choices.approval.${c}`),
          cell: (m: MethodTally) => (m.method === 'approval' ? String(m[c]) : ''),
        })),
        ballots,
      ];
    case 'consent':
      return [
        ...(['agree', 'stand_aside', 'object', 'block'] as const).map((c) => ({
          key: c,
          header: t(`votes.choices.consent.${c}`),
          cell: (m: MethodTally) => (m.method === 'consent' ? String(m[c]) : ''),
        })),
        ballots,
      ];
    case 'score':
      return [
        ...perOption((m, id) => {
          const mean = m.method === 'score' ? m.options.find((o) => o.optionId === id)?.mean : null;
          return mean == null ? '–' : decimal.format(mean);
        }),
        ballots,
      ];
    case 'ranking':
      return [
        ...perOption((m, id) =>
          String(m.method === 'ranking' ? (m.options.find((o) => o.optionId === id)?.borda ?? 0) : ''),
        ),
        ballots,
      ];
    case 'dots':
      return [
        ...perOption((m, id) =>
          String(m.method === 'dots' ? (m.options.find((o) => o.optionId === id)?.dots ?? 0) : ''),
        ),
        ballots,
      ];
  }
}

const GROUP_ORDER: readonly VoterGroup[] = [...ORGANISATION_TYPES, 'unspecified'];

/**
 * The tally per stakeholder group, as a table; on phones each group's row reflows into a line
 * of labelled figures (CSS, `data-label`), so nothing scrolls sideways. In an
 * anonymous vote, `otherGroups` is the groups the server pooled so that no row is too small.
 */
export function GroupTable({
  vote,
  byGroup,
  otherGroups,
}: {
  vote: VoteDto;
  byGroup: NonNullable<Tally['byGroup']>;
  otherGroups?: MethodTally | undefined;
}) {
  const { t } = useTranslation();
  const id = useId();
  const columns = useColumns(vote);
  const groups = GROUP_ORDER.filter((g) => byGroup[g] !== undefined);
  const groupName = (g: VoterGroup) =>
    g === 'unspecified' ? t('votes.results.groupUnspecified') : t(`organisationTypes.${g}`);

  return (
    <section className="group-results" aria-labelledby={`${id}-heading`} data-testid="vote-groups">
      <h5 id={`${id}-heading`}>{t('votes.results.byGroup')}</h5>
      {vote.method === 'score' && <p className="hint">{t('votes.results.byGroupScoreHint')}</p>}
      {vote.method === 'ranking' && <p className="hint">{t('votes.results.byGroupRankingHint')}</p>}
      {vote.anonymous && (
        <p className="hint">{t('votes.results.byGroupAnonymous', { count: ANONYMOUS_MIN_GROUP_SIZE })}</p>
      )}
      {groups.length === 0 && !otherGroups ? (
        <p>{t('votes.results.byGroupEmpty')}</p>
      ) : (
        // Focusable so keyboard users can scroll a wide table.
        // biome-ignore lint/a11y/useSemanticElements: WAI-ARIA scrollable region pattern: a named role=region wrapper
        // biome-ignore lint/a11y/noNoninteractiveTabindex: tabIndex=0 is what lets a keyboard scroll the region
        <div className="table-scroll" role="region" aria-labelledby={`${id}-heading`} tabIndex={0}>
          <table className="group-table">
            <thead>
              <tr>
                <th scope="col">{t('votes.results.group')}</th>
                {columns.map((c) => (
                  <th key={c.key} scope="col">
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr key={g}>
                  <th scope="row">{groupName(g)}</th>
                  {columns.map((c) => (
                    <td key={c.key} data-label={c.header}>
                      {c.cell(byGroup[g]!)}
                    </td>
                  ))}
                </tr>
              ))}
              {otherGroups && (
                <tr data-testid="vote-groups-other">
                  <th scope="row">{t('votes.results.otherGroups')}</th>
                  {columns.map((c) => (
                    <td key={c.key} data-label={c.header}>
                      {c.cell(otherGroups)}
                    </td>
                  ))}
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
