import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '@roundtable/domain';
import type { Language } from '@roundtable/protocol/client';
import { useSessionContext } from '../session/sessionContext';
import { ErrorAlert } from '../shell/ErrorAlert';
import { AmendmentCard, amendmentHeadingId } from './AmendmentCard';
import { amendmentNumbers, displayOrder } from './amendmentModel';
import { ProposeAmendmentForm } from './ProposeAmendmentForm';
import type { Amendments } from './useAmendments';

interface Props {
  recommendationId: string;
  languages: readonly Language[];
  frozen: boolean;
  /** A passage the person chose to amend from the draft (a new object each time they do). */
  request: { original: string; lang?: Language } | null;
  onRequestHandled: () => void;
  /** The list, kept by the page (the editor marks the passages too). */
  amendments: Amendments;
}

/** Anchor of the amendments list, for the "propose" button under the draft. */
export const AMENDMENTS_ID = 'draft-amendments';

/**
 * The amendments of one recommendation, live, and the form to propose one. Below the draft on
 * a phone, beside it on a wide screen (styles.css). Amendments may be proposed while the draft
 * is frozen for a vote: that is how a change is asked for then.
 */
export function AmendmentsSection({
  recommendationId,
  languages,
  frozen,
  request,
  onRequestHandled,
  amendments,
}: Props) {
  const { t } = useTranslation();
  const id = useId();
  const { role } = useSessionContext();
  const { list, error, upsert } = amendments;
  const mayPropose = can(role, 'editDrafts');
  const [form, setForm] = useState<{ original: string; lang?: Language } | null | 'blank'>(null);
  const [announce, setAnnounce] = useState('');
  const toggle = useRef<HTMLButtonElement>(null);
  const [focusId, setFocusId] = useState<string | null>(null);

  useEffect(() => {
    if (!request) return;
    setForm(request);
    onRequestHandled();
    document.getElementById(AMENDMENTS_ID)?.scrollIntoView({ block: 'start' });
  }, [request, onRequestHandled]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: list is the trigger: the new amendment's heading exists once it is listed
  useEffect(() => {
    if (!focusId) return;
    const heading = document.getElementById(amendmentHeadingId(focusId));
    if (heading) {
      heading.focus();
      setFocusId(null);
    }
  }, [focusId, list]);

  const numbers = useMemo(() => amendmentNumbers(list ?? []), [list]);
  const ordered = useMemo(() => displayOrder(list ?? []), [list]);
  const open = ordered.filter((a) => a.status === 'proposed').length;

  return (
    <section
      className="card amendments"
      id={AMENDMENTS_ID}
      tabIndex={-1}
      aria-labelledby={`${id}-heading`}
      data-testid="amendments-section"
    >
      <h2 id={`${id}-heading`}>{t('amendments.heading')}</h2>
      <p className="hint">{t(mayPropose ? 'amendments.intro' : 'amendments.introObserver')}</p>
      {mayPropose && form === null && (
        <p>
          <button
            ref={toggle}
            type="button"
            className="button"
            data-testid="amendment-propose-toggle"
            onClick={() => setForm('blank')}
          >
            {t('amendments.proposeTyped')}
          </button>
        </p>
      )}
      {mayPropose && form !== null && (
        <ProposeAmendmentForm
          key={form === 'blank' ? 'blank' : `${form.lang}:${form.original}`}
          recommendationId={recommendationId}
          languages={languages}
          initial={form === 'blank' ? null : form}
          onProposed={(amendment) => {
            upsert(amendment);
            setForm(null);
            setAnnounce(t('amendments.proposed', { number: numbers.size + 1 }));
            setFocusId(amendment.id);
          }}
          onCancel={() => {
            setForm(null);
            requestAnimationFrame(() => toggle.current?.focus());
          }}
        />
      )}
      <p role="status" className="visually-hidden" data-testid="amendments-announcer">
        {announce}
      </p>
      <ErrorAlert error={error} />
      {list === null && !error && <p aria-busy="true">{t('common.loading')}</p>}
      {list !== null && list.length === 0 && <p>{t('amendments.none')}</p>}
      {list !== null && list.length > 0 && (
        <p className="amendments__count">{t('amendments.openCount', { count: open, total: list.length })}</p>
      )}
      {ordered.map((a) => (
        <AmendmentCard
          key={a.id}
          amendment={a}
          number={numbers.get(a.id) ?? 0}
          numbers={numbers}
          showLanguage={languages.length > 1}
          frozen={frozen}
          onDecided={(decided) => {
            upsert(decided);
            setFocusId(decided.id);
          }}
        />
      ))}
    </section>
  );
}
