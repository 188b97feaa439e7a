import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AGENDA_TEMPLATE_NAMES, DEFAULT_AGENDA_TEMPLATE, type AgendaTemplateName } from '@roundtable/protocol/client';
import { MEETING_ERRORS, useMeetingCommand } from '../meeting/meetingCommands';
import { useSessionContext } from '../session/sessionContext';
import { ConfirmDialog } from '../shell/ConfirmDialog';
import { ErrorAlert } from '../shell/ErrorAlert';
import { FormField } from '../shell/FormField';

/** Facilitator: replaces the agenda with a template's items, after confirming. */
export function TemplatePicker({ itemCount }: { itemCount: number }) {
  const { t } = useTranslation();
  const id = useId();
  const { snapshot } = useSessionContext();
  const kind = snapshot?.session.kind;
  const [template, setTemplate] = useState<AgendaTemplateName>(
    () => (kind && DEFAULT_AGENDA_TEMPLATE[kind]) || AGENDA_TEMPLATE_NAMES[0],
  );
  const [confirming, setConfirming] = useState(false);
  const [applied, setApplied] = useState<AgendaTemplateName | null>(null);
  const { send, pending, error } = useMeetingCommand();

  async function apply() {
    if (await send('agenda:applyTemplate', { template })) {
      setApplied(template);
      setConfirming(false);
    }
  }

  return (
    <section className="template-picker" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('agenda.templatePicker.heading')}</h3>
      <div className="template-picker__row">
        <FormField id={`${id}-template`} label={t('agenda.templatePicker.label')}>
          {(control) => (
            <select
              {...control}
              name="template"
              value={template}
              onChange={(e) => setTemplate(e.target.value as AgendaTemplateName)}
            >
              {AGENDA_TEMPLATE_NAMES.map((name) => (
                <option key={name} value={name}>
                  {t(`agenda.templateNames.${name}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <button type="button" className="button" data-testid="template-apply" onClick={() => setConfirming(true)}>
          {t('agenda.templatePicker.apply')}
        </button>
      </div>
      <p role="status" className="form__status">
        {applied && t('agenda.templatePicker.applied', { name: t(`agenda.templateNames.${applied}`) })}
      </p>
      <ConfirmDialog
        open={confirming}
        title={t('agenda.templatePicker.confirmTitle')}
        confirmLabel={t('agenda.templatePicker.confirm')}
        cancelLabel={t('common.cancel')}
        busy={pending !== null}
        onConfirm={() => void apply()}
        onCancel={() => setConfirming(false)}
        testId="template-dialog"
      >
        <p>
          {t('agenda.templatePicker.confirmBody', {
            name: t(`agenda.templateNames.${template}`),
            count: itemCount,
          })}
        </p>
        <ErrorAlert error={error} overrides={MEETING_ERRORS} />
      </ConfirmDialog>
    </section>
  );
}
