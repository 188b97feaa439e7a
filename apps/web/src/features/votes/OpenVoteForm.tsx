import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { voteRecommendationIds } from '@roundtable/domain';
import {
  DEFAULT_DOTS_BUDGET,
  MAX_DOTS_BUDGET,
  MAX_VOTE_OPTIONS,
  VOTE_METHODS,
  isSingleMotion,
  type VoteDto,
  type VoteMethod,
} from '@roundtable/protocol/client';
import { emitWithAck } from '../../lib/socket';
import { useSessionContext } from '../session/sessionContext';
import { ErrorAlert } from '../shell/ErrorAlert';
import { FormField } from '../shell/FormField';
import {
  buildOpenPayload,
  effectiveTarget,
  MAX_MINUTES,
  type OpenVoteFields,
  type OpenVoteProblem,
  type VoteTarget,
} from './openVotePayload';
import { ackError, OPEN_ERRORS } from './voteErrors';
import { useRecommendationTitle } from '../drafts/recommendationTitle';

interface Props {
  /** Pre-fills the form for this recommendation (the draft page's shortcut). */
  recommendationId?: string;
  /** Called once the server has opened the vote. */
  onOpened?: (vote: VoteDto) => void;
}

/**
 * Facilitator: opens a vote. Everything the server accepts can be set here; the server checks
 * it again, and opening a vote on a recommendation freezes its draft.
 */
export function OpenVoteForm({ recommendationId: initialRec, onOpened }: Props) {
  const { t } = useTranslation();
  const titleOf = useRecommendationTitle();
  const id = useId();
  const { socket, recommendations, votes, upsertVote, snapshot } = useSessionContext();
  const multilingual = (snapshot?.session.languages.length ?? 1) > 1;
  // api-v1 1.1: any recommendation with no open vote about it may be (re-)voted on.
  const underVote = new Set(
    (votes ?? []).filter((v) => v.vote.status === 'open').flatMap((v) => voteRecommendationIds(v.vote)),
  );
  const eligible = (recommendations ?? []).filter((r) => !underVote.has(r.id));

  const [fields, setFields] = useState<OpenVoteFields>(() => ({
    method: 'approval',
    target: initialRec || eligible.length > 0 ? 'recommendation' : 'question',
    recommendationId: initialRec ?? '',
    recommendationIds: initialRec ? [initialRec] : [],
    question: '',
    optionsText: '',
    anonymous: false,
    results: 'live',
    quorum: '',
    minutes: '',
    dotsBudget: String(DEFAULT_DOTS_BUDGET),
    splitByGroup: false,
  }));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<OpenVoteProblem | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [opened, setOpened] = useState(false);

  const set = <K extends keyof OpenVoteFields>(key: K, value: OpenVoteFields[K]) => {
    setFields((current) => ({ ...current, [key]: value }));
    setProblem(null);
  };
  const { method, recommendationId, recommendationIds, question, optionsText } = fields;
  const { anonymous, results, quorum, minutes, dotsBudget, splitByGroup } = fields;
  const single = isSingleMotion(method);
  const shownTarget = effectiveTarget(method, fields.target);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setError(null);
    setOpened(false);
    const payload = buildOpenPayload(fields, new Set(eligible.map((r) => r.id)));
    if (typeof payload === 'string') {
      setProblem(payload);
      return;
    }
    setProblem(null);
    setBusy(true);
    const res = await emitWithAck(socket, 'vote:open', payload);
    setBusy(false);
    if (!res.ok) {
      setError(ackError(res.error));
      return;
    }
    upsertVote({ vote: res.vote, turnout: 0 });
    setOpened(true);
    // The target is now frozen (or the question asked): clear it, keep the settings.
    setFields((current) => ({
      ...current,
      recommendationId: '',
      recommendationIds: [],
      question: '',
      optionsText: '',
    }));
    onOpened?.(res.vote);
  }

  return (
    <form
      className="form open-vote"
      data-testid="open-vote-form"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(e) => void onSubmit(e)}
    >
      <h3 id={`${id}-heading`}>{t('votes.open.heading')}</h3>

      <div className="field">
        <label htmlFor={`${id}-method`}>{t('votes.open.method')}</label>
        <select
          id={`${id}-method`}
          name="method"
          aria-describedby={`${id}-method-hint`}
          value={method}
          onChange={(e) => set('method', e.target.value as VoteMethod)}
        >
          {VOTE_METHODS.map((m) => (
            <option key={m} value={m}>
              {t(`votes.methods.${m}.name`)}
            </option>
          ))}
        </select>
        <p id={`${id}-method-hint`} className="hint" data-testid="method-explanation">
          {t(`votes.methods.${method}.explain`)}
        </p>
      </div>

      <fieldset className="field checkboxes">
        <legend>{t('votes.open.target')}</legend>
        {(['recommendation', 'question'] as const).map((choice) => {
          const value: VoteTarget = choice === 'question' ? 'question' : single ? 'recommendation' : 'recommendations';
          return (
            <label key={choice} className="checkbox">
              <input
                type="radio"
                name="target"
                value={value}
                checked={shownTarget === value}
                onChange={() => set('target', value)}
              />
              {t(`votes.open.targets.${choice === 'question' ? (single ? 'question' : 'options') : value}`)}
            </label>
          );
        })}
      </fieldset>

      {shownTarget === 'recommendation' && (
        <div className="field">
          <label htmlFor={`${id}-recommendation`}>{t('votes.open.recommendation')}</label>
          <select
            id={`${id}-recommendation`}
            name="recommendationId"
            aria-invalid={problem === 'votes.open.problems.recommendation'}
            value={recommendationId}
            onChange={(e) => set('recommendationId', e.target.value)}
          >
            <option value="">{t('votes.open.chooseRecommendation')}</option>
            {eligible.map((r) => (
              <option key={r.id} value={r.id}>
                {titleOf(r)}
              </option>
            ))}
          </select>
          {eligible.length === 0 && <p className="hint">{t('votes.open.noEligible')}</p>}
        </div>
      )}

      {shownTarget === 'recommendations' && (
        <fieldset className="field checkboxes" aria-invalid={problem === 'votes.open.problems.recommendations'}>
          <legend>{t('votes.open.recommendations')}</legend>
          {eligible.length === 0 && <p className="hint">{t('votes.open.noEligible')}</p>}
          {eligible.map((r) => (
            <label key={r.id} className="checkbox">
              <input
                type="checkbox"
                name="recommendationIds"
                value={r.id}
                checked={recommendationIds.includes(r.id)}
                onChange={(e) =>
                  set(
                    'recommendationIds',
                    e.target.checked ? [...recommendationIds, r.id] : recommendationIds.filter((rid) => rid !== r.id),
                  )
                }
              />
              {titleOf(r)}
            </label>
          ))}
        </fieldset>
      )}

      {shownTarget === 'question' && (
        <>
          <FormField
            id={`${id}-question`}
            label={t(single ? 'votes.open.question' : 'votes.open.optionsQuestion')}
            optional={!single}
          >
            {(control) => (
              <input
                {...control}
                name="question"
                maxLength={300}
                aria-invalid={problem === 'votes.open.problems.question'}
                value={question}
                onChange={(e) => set('question', e.target.value)}
              />
            )}
          </FormField>
          {!single && (
            <FormField
              id={`${id}-options`}
              label={t('votes.open.options')}
              hint={t('votes.open.optionsHint', { max: MAX_VOTE_OPTIONS })}
            >
              {(control) => (
                <textarea
                  {...control}
                  name="options"
                  rows={4}
                  aria-invalid={problem === 'votes.open.problems.options'}
                  value={optionsText}
                  onChange={(e) => set('optionsText', e.target.value)}
                />
              )}
            </FormField>
          )}
        </>
      )}

      <fieldset className="field checkboxes">
        <legend>{t('votes.open.settings')}</legend>
        <label className="checkbox">
          <input
            type="checkbox"
            name="anonymous"
            checked={anonymous}
            onChange={(e) => set('anonymous', e.target.checked)}
          />
          {t('votes.open.anonymous')}
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            name="splitByGroup"
            checked={splitByGroup}
            aria-describedby={`${id}-split-hint`}
            onChange={(e) => set('splitByGroup', e.target.checked)}
          />
          {t('votes.open.splitByGroup')}
        </label>
        <p id={`${id}-split-hint`} className="hint">
          {t('votes.open.splitByGroupHint')}
        </p>
        {multilingual && (
          <label className="checkbox">
            <input
              type="checkbox"
              name="overrideLanguages"
              data-testid="vote-override-languages"
              checked={fields.overrideLanguages ?? false}
              onChange={(e) => set('overrideLanguages', e.target.checked)}
            />
            {t('votes.open.overrideLanguages')}
          </label>
        )}
      </fieldset>

      <fieldset className="field checkboxes">
        <legend>{t('votes.open.results')}</legend>
        {(['live', 'on_close'] as const).map((r) => (
          <label key={r} className="checkbox">
            <input type="radio" name="results" value={r} checked={results === r} onChange={() => set('results', r)} />
            {t(`votes.open.resultsModes.${r}`)}
          </label>
        ))}
      </fieldset>

      <div className="open-vote__numbers">
        <FormField id={`${id}-quorum`} label={t('votes.open.quorum')} optional hint={t('votes.open.quorumHint')}>
          {(control) => (
            <input
              {...control}
              name="quorum"
              type="number"
              inputMode="numeric"
              min={1}
              step={1}
              value={quorum}
              onChange={(e) => set('quorum', e.target.value)}
            />
          )}
        </FormField>
        <FormField id={`${id}-minutes`} label={t('votes.open.minutes')} optional hint={t('votes.open.minutesHint')}>
          {(control) => (
            <input
              {...control}
              name="minutes"
              type="number"
              inputMode="numeric"
              min={1}
              max={MAX_MINUTES}
              step={1}
              value={minutes}
              onChange={(e) => set('minutes', e.target.value)}
            />
          )}
        </FormField>
        {method === 'dots' && (
          <FormField id={`${id}-dots`} label={t('votes.open.dotsBudget')}>
            {(control) => (
              <input
                {...control}
                name="dotsBudget"
                type="number"
                inputMode="numeric"
                min={1}
                max={MAX_DOTS_BUDGET}
                step={1}
                value={dotsBudget}
                onChange={(e) => set('dotsBudget', e.target.value)}
              />
            )}
          </FormField>
        )}
      </div>

      {problem && (
        <p className="alert alert--error" role="alert">
          {t(problem, { max: MAX_VOTE_OPTIONS })}
        </p>
      )}
      <ErrorAlert error={error} overrides={OPEN_ERRORS} />
      <button className="button button--primary" type="submit" aria-disabled={busy} data-testid="open-vote-submit">
        {busy ? t('votes.open.submitting') : t('votes.open.submit')}
      </button>
      <p role="status" className="form__status">
        {opened && t('votes.open.opened')}
      </p>
    </form>
  );
}
