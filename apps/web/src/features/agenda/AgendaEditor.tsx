import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AGENDA_ITEM_KINDS,
  INTERVISION_PHASES,
  MAX_AGENDA_ITEM_MINUTES,
  MAX_AGENDA_ITEMS,
  type AgendaItem,
  type AgendaItemInput,
  type AgendaItemKind,
  type IntervisionPhase,
  type Theme,
} from '@roundtable/protocol/client';
import { MEETING_ERRORS, useMeetingCommand } from '../meeting/meetingCommands';
import { useSessionContext } from '../session/sessionContext';
import { ErrorAlert } from '../shell/ErrorAlert';
import { isAgendaTemplateKey, useAgendaBaseTitle, type AgendaTemplateKey } from './agendaItemTitle';
import { useRecommendationTitle } from '../drafts/recommendationTitle';

/** Minutes a new item starts with; the facilitator changes them. */
const NEW_ITEM_MINUTES = 15;

/** One item being edited. Kept apart from the server's items until "Save". */
interface Row {
  /** React key; the server id for an existing item. */
  key: string;
  /** The server id to keep; absent for a new item. */
  id?: string;
  title: string;
  /** The template key an item came with, kept so that it stays translated unless renamed. */
  titleKey: AgendaTemplateKey | null;
  /** The template title in the language the editor opened in, to tell a rename from no change. */
  templateTitle: string | null;
  kind: AgendaItemKind;
  minutes: string;
  recommendationIds: string[];
  intervisionPhase: IntervisionPhase;
  theme: Theme | null;
}

let newRows = 0;

function toInput(row: Row): AgendaItemInput {
  const typed = row.title.trim();
  const keepTemplate = row.titleKey !== null && (typed === '' || typed === row.templateTitle);
  return {
    ...(row.id ? { id: row.id } : {}),
    ...(keepTemplate
      ? { titleKey: row.titleKey! }
      : { title: typed, ...(row.titleKey ? { titleKey: row.titleKey } : {}) }),
    kind: row.kind,
    plannedMinutes: Number(row.minutes),
    recommendationIds: row.recommendationIds,
    ...(row.kind === 'intervision_phase' ? { intervisionPhase: row.intervisionPhase } : {}),
    ...(row.theme ? { theme: row.theme } : {}),
  };
}

const minutesValid = (text: string) => /^\d+$/.test(text.trim()) && Number(text) <= MAX_AGENDA_ITEM_MINUTES;

interface Props {
  agenda: AgendaItem[];
  onDone: () => void;
}

/**
 * Facilitator: edits the agenda as a list (add, remove, move, rename, kind, minutes, linked
 * recommendations) and saves it whole with `agenda:set`. Existing items keep their ids, so
 * the current item and its timer survive a reorder or a rename.
 */
export function AgendaEditor({ agenda, onDone }: Props) {
  const { t } = useTranslation();
  const recommendationTitle = useRecommendationTitle();
  const id = useId();
  const { recommendations } = useSessionContext();
  const baseTitle = useAgendaBaseTitle();
  const { send, pending, error } = useMeetingCommand();
  const [rows, setRows] = useState<Row[]>(() =>
    agenda.map((item) => {
      const titleKey = isAgendaTemplateKey(item.titleKey) ? item.titleKey : null;
      const templateTitle = titleKey ? baseTitle({ title: null, titleKey }) : null;
      return {
        key: item.id,
        id: item.id,
        title: item.title ?? templateTitle ?? '',
        titleKey,
        templateTitle,
        kind: item.kind,
        minutes: String(item.plannedMinutes),
        recommendationIds: [...item.recommendationIds],
        intervisionPhase: item.intervisionPhase ?? INTERVISION_PHASES[0],
        theme: item.theme,
      };
    }),
  );
  const [showProblems, setShowProblems] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [focusNext, setFocusNext] = useState<string | null>(null);
  const focusables = useRef(new Map<string, HTMLElement>());
  const addButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!focusNext) return;
    (focusables.current.get(focusNext) ?? addButton.current)?.focus();
    setFocusNext(null);
  }, [focusNext]);

  const register = (key: string) => (el: HTMLElement | null) => {
    if (el) focusables.current.set(key, el);
    else focusables.current.delete(key);
  };

  const titleProblem = (row: Row) => row.title.trim() === '' && row.titleKey === null;
  const problems = rows.some((r) => titleProblem(r) || !minutesValid(r.minutes));
  const labelOf = (row: Row, index: number) => row.title.trim() || t('agenda.edit.itemLegend', { position: index + 1 });

  const update = (key: string, change: Partial<Row>) =>
    setRows((current) => current.map((r) => (r.key === key ? { ...r, ...change } : r)));

  function move(index: number, delta: -1 | 1) {
    const target = index + delta;
    if (target < 0 || target >= rows.length) return;
    const next = [...rows];
    const [moved] = next.splice(index, 1);
    next.splice(target, 0, moved!);
    setRows(next);
    setAnnouncement(
      t('agenda.edit.moved', { title: labelOf(moved!, index), position: target + 1, count: next.length }),
    );
    // Re-ordering the DOM drops the focus: give it back to the button pressed.
    setFocusNext(`${moved!.key}:${delta === -1 ? 'up' : 'down'}`);
  }

  function remove(index: number) {
    const row = rows[index]!;
    const next = rows.filter((r) => r.key !== row.key);
    setRows(next);
    setAnnouncement(t('agenda.edit.removed', { title: labelOf(row, index) }));
    // The focus goes to the item that took its place, or to "Add an item".
    const after = next[index] ?? next[index - 1];
    setFocusNext(after ? `${after.key}:title` : 'add');
  }

  function add() {
    const key = `new-${++newRows}`;
    setRows((current) => [
      ...current,
      {
        key,
        title: '',
        titleKey: null,
        templateTitle: null,
        kind: 'discussion',
        minutes: String(NEW_ITEM_MINUTES),
        recommendationIds: [],
        intervisionPhase: INTERVISION_PHASES[0],
        theme: null,
      },
    ]);
    setAnnouncement(t('agenda.edit.added', { position: rows.length + 1 }));
    setFocusNext(`${key}:title`);
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (problems) {
      setShowProblems(true);
      const first = rows.find((r) => titleProblem(r) || !minutesValid(r.minutes))!;
      setFocusNext(`${first.key}:${titleProblem(first) ? 'title' : 'minutes'}`);
      return;
    }
    if (await send('agenda:set', { items: rows.map(toInput) })) onDone();
  }

  return (
    <form
      className="agenda-edit"
      data-testid="agenda-editor"
      aria-labelledby={`${id}-heading`}
      onSubmit={(e) => void save(e)}
      noValidate
    >
      <h3 id={`${id}-heading`}>{t('agenda.edit.heading')}</h3>
      <p className="hint">{t('agenda.edit.hint')}</p>
      {rows.length === 0 && <p>{t('agenda.edit.none')}</p>}
      <ol className="agenda-edit__list">
        {rows.map((row, index) => {
          const label = labelOf(row, index);
          const rowId = `${id}-${row.key}`;
          const badTitle = showProblems && titleProblem(row);
          const badMinutes = showProblems && !minutesValid(row.minutes);
          return (
            <li key={row.key} className="agenda-edit__row" data-testid="agenda-edit-row">
              <fieldset className="agenda-edit__fieldset">
                <legend>{t('agenda.edit.itemLegend', { position: index + 1 })}</legend>
                <div className="agenda-edit__fields">
                  <div className="field agenda-edit__title">
                    <label htmlFor={`${rowId}-title`}>{t('agenda.edit.title')}</label>
                    <input
                      id={`${rowId}-title`}
                      ref={register(`${row.key}:title`)}
                      name="title"
                      maxLength={200}
                      value={row.title}
                      aria-invalid={badTitle}
                      aria-describedby={badTitle ? `${rowId}-title-problem` : undefined}
                      onChange={(e) => update(row.key, { title: e.target.value })}
                    />
                    {badTitle && (
                      <p id={`${rowId}-title-problem`} className="field__problem">
                        {t('agenda.edit.titleRequired')}
                      </p>
                    )}
                  </div>
                  <div className="field">
                    <label htmlFor={`${rowId}-kind`}>{t('agenda.edit.kind')}</label>
                    <select
                      id={`${rowId}-kind`}
                      name="kind"
                      value={row.kind}
                      onChange={(e) => update(row.key, { kind: e.target.value as AgendaItemKind })}
                    >
                      {AGENDA_ITEM_KINDS.map((kind) => (
                        <option key={kind} value={kind}>
                          {t(`agenda.kinds.${kind}`)}
                        </option>
                      ))}
                    </select>
                  </div>
                  {row.kind === 'intervision_phase' && (
                    <div className="field">
                      <label htmlFor={`${rowId}-phase`}>{t('agenda.edit.phase')}</label>
                      <select
                        id={`${rowId}-phase`}
                        name="phase"
                        value={row.intervisionPhase}
                        onChange={(e) => update(row.key, { intervisionPhase: e.target.value as IntervisionPhase })}
                      >
                        {INTERVISION_PHASES.map((phase) => (
                          <option key={phase} value={phase}>
                            {t(`intervision.phases.${phase}`)}
                          </option>
                        ))}
                      </select>
                    </div>
                  )}
                  <div className="field agenda-edit__minutes">
                    <label htmlFor={`${rowId}-minutes`}>{t('agenda.edit.minutes')}</label>
                    <input
                      id={`${rowId}-minutes`}
                      ref={register(`${row.key}:minutes`)}
                      name="minutes"
                      type="number"
                      min={0}
                      max={MAX_AGENDA_ITEM_MINUTES}
                      step={1}
                      inputMode="numeric"
                      value={row.minutes}
                      aria-invalid={badMinutes}
                      aria-describedby={badMinutes ? `${rowId}-minutes-problem` : undefined}
                      onChange={(e) => update(row.key, { minutes: e.target.value })}
                    />
                    {badMinutes && (
                      <p id={`${rowId}-minutes-problem`} className="field__problem">
                        {t('agenda.edit.minutesInvalid', { max: MAX_AGENDA_ITEM_MINUTES })}
                      </p>
                    )}
                  </div>
                </div>
                {row.theme && <p className="hint">{t('agenda.edit.theme', { theme: t(`themes.${row.theme}`) })}</p>}
                {recommendations && recommendations.length > 0 && (
                  <details className="agenda-edit__links">
                    <summary>{t('agenda.edit.linked', { count: row.recommendationIds.length })}</summary>
                    <fieldset className="checkboxes">
                      <legend className="visually-hidden">{t('agenda.edit.linkedLegend', { title: label })}</legend>
                      {recommendations.map((r) => (
                        <label key={r.id} className="checkbox">
                          <input
                            type="checkbox"
                            checked={row.recommendationIds.includes(r.id)}
                            onChange={(e) =>
                              update(row.key, {
                                recommendationIds: e.target.checked
                                  ? [...row.recommendationIds, r.id]
                                  : row.recommendationIds.filter((x) => x !== r.id),
                              })
                            }
                          />
                          {recommendationTitle(r)}
                        </label>
                      ))}
                    </fieldset>
                  </details>
                )}
                <div className="agenda-edit__buttons">
                  {/* aria-disabled rather than disabled: a disabled button would drop the focus. */}
                  <button
                    ref={register(`${row.key}:up`)}
                    type="button"
                    className="button button--small"
                    aria-disabled={index === 0}
                    onClick={() => move(index, -1)}
                  >
                    {t('agenda.edit.moveUp')}
                    <span className="visually-hidden">: {label}</span>
                  </button>
                  <button
                    ref={register(`${row.key}:down`)}
                    type="button"
                    className="button button--small"
                    aria-disabled={index === rows.length - 1}
                    onClick={() => move(index, 1)}
                  >
                    {t('agenda.edit.moveDown')}
                    <span className="visually-hidden">: {label}</span>
                  </button>
                  <button type="button" className="button button--small" onClick={() => remove(index)}>
                    {t('agenda.edit.remove')}
                    <span className="visually-hidden">: {label}</span>
                  </button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <p role="status" className="visually-hidden" data-testid="agenda-edit-announcer">
        {announcement}
      </p>
      <div className="actions">
        <button
          ref={addButton}
          type="button"
          className="button"
          data-testid="agenda-add"
          aria-disabled={rows.length >= MAX_AGENDA_ITEMS}
          onClick={() => rows.length < MAX_AGENDA_ITEMS && add()}
        >
          {t('agenda.edit.add')}
        </button>
      </div>
      {showProblems && problems && (
        <p className="alert alert--error" role="alert">
          {t('agenda.edit.problems')}
        </p>
      )}
      <ErrorAlert error={error} overrides={MEETING_ERRORS} />
      <div className="actions">
        <button
          type="submit"
          className="button button--primary"
          data-testid="agenda-save"
          aria-disabled={pending !== null}
        >
          {pending ? t('agenda.edit.saving') : t('agenda.edit.save')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
