import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '@roundtable/domain';
import { ORGANISATION_TYPES, SPEAKER_LANGUAGES, type LanguageKey, type VoterGroup } from '@roundtable/protocol/client';
import { formatDuration } from '../meeting/formatDuration';
import { useSessionContext } from '../session/sessionContext';
import { ResultTable, type ResultRow } from '../votes/ResultTable';

const GROUPS: readonly VoterGroup[] = [...ORGANISATION_TYPES, 'unspecified'];
const LANGUAGE_KEYS: readonly LanguageKey[] = [...SPEAKER_LANGUAGES, 'unspecified'];

/**
 * Facilitators: speaking time summed per stakeholder group and per language, live, to see
 * whether every group was heard. Every group is listed, at zero too: a group that has not
 * spoken is the point. Per-person times exist on the server but are not shown, so the panel
 * never ranks named people.
 */
export function SpeakingTimePanel() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const { meeting, role } = useSessionContext();
  const time = meeting?.speakingTime;
  if (!can(role, 'manageSession') || !time) return null;

  const share = (ms: number) => (time.totalMs > 0 ? ms / time.totalMs : 0);
  const minutes = (ms: number) => formatDuration(ms, 'down');
  const groupRows: ResultRow[] = GROUPS.map((g) => ({
    key: g,
    label: g === 'unspecified' ? t('votes.results.groupUnspecified') : t(`organisationTypes.${g}`),
    value: minutes(time.byGroup[g] ?? 0),
    share: share(time.byGroup[g] ?? 0),
  }));
  const languageRows: ResultRow[] = LANGUAGE_KEYS.filter(
    (l) => l !== 'unspecified' || (time.byLanguage[l] ?? 0) > 0,
  ).map((l) => ({
    key: l,
    label: l === 'unspecified' ? t('queue.languageUnspecified') : t(`queue.languages.${l}`),
    value: minutes(time.byLanguage[l] ?? 0),
    share: share(time.byLanguage[l] ?? 0),
  }));
  const unheard = ORGANISATION_TYPES.filter((g) => !time.byGroup[g]);
  const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' });

  return (
    <section className="card speaking-time" aria-labelledby={`${id}-heading`} data-testid="speaking-time">
      <h2 id={`${id}-heading`}>{t('speakingTime.heading')}</h2>
      <p className="hint">{t('speakingTime.explain')}</p>
      <p className="speaking-time__total" data-testid="speaking-time-total">
        {t('speakingTime.total', { time: minutes(time.totalMs), count: time.turns })}
      </p>
      {time.totalMs > 0 && unheard.length > 0 && (
        <p className="notice">
          {t('speakingTime.unheard', { groups: list.format(unheard.map((g) => t(`organisationTypes.${g}`))) })}
        </p>
      )}
      <ResultTable
        caption={t('speakingTime.byGroup')}
        labelHeader={t('speakingTime.group')}
        valueHeader={t('speakingTime.time')}
        shareHeader={t('speakingTime.share')}
        rows={groupRows}
      />
      <ResultTable
        caption={t('speakingTime.byLanguage')}
        labelHeader={t('speakingTime.language')}
        valueHeader={t('speakingTime.time')}
        shareHeader={t('speakingTime.share')}
        rows={languageRows}
      />
      <p className="hint">{t('speakingTime.runningTurn')}</p>
    </section>
  );
}
