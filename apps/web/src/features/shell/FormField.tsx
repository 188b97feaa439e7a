import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** What the control inside a field must carry for its label and hint to reach it. */
export interface FieldControlProps {
  id: string;
  'aria-describedby'?: string;
}

interface Props {
  /** The control's id; the label points at it and the hint is `${id}-hint`. */
  id: string;
  label: ReactNode;
  /** Adds "(optional)" to the label: a field without it is one the form needs. */
  optional?: boolean;
  /** A line under the control, read out with it (aria-describedby). */
  hint?: ReactNode;
  /** Renders the input or select with the ids wired, so each form keeps its own control props. */
  children: (control: FieldControlProps) => ReactNode;
}

/** One labelled form field: label, control, optional hint, wired for screen readers. */
export function FormField({ id, label, optional = false, hint, children }: Props) {
  const { t } = useTranslation();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {optional && (
          <>
            {' '}
            <span className="optional">{t('common.optional')}</span>
          </>
        )}
      </label>
      {children(hintId ? { id, 'aria-describedby': hintId } : { id })}
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}
