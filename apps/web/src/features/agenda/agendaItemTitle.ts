import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { AGENDA_TEMPLATES, type AgendaItem, type AgendaTemplateName } from '@roundtable/protocol/client';

/**
 * The i18n keys the agenda templates use. t() is typed, so a template key missing from the
 * catalogues fails the typecheck rather than showing a raw key on the agenda.
 */
export type AgendaTemplateKey = (typeof AGENDA_TEMPLATES)[AgendaTemplateName][number]['titleKey'];

const TEMPLATE_KEYS: ReadonlySet<string> = new Set(
  Object.values(AGENDA_TEMPLATES).flatMap((lines) => lines.map((line) => line.titleKey)),
);

export function isAgendaTemplateKey(key: string | null): key is AgendaTemplateKey {
  return key !== null && TEMPLATE_KEYS.has(key);
}

/** Title of an item in the current language, without its theme: the typed title, else the template's. */
export function useAgendaBaseTitle(): (item: Pick<AgendaItem, 'title' | 'titleKey'>) => string {
  const { t } = useTranslation();
  return useCallback(
    (item) => item.title ?? (isAgendaTemplateKey(item.titleKey) ? t(item.titleKey) : t('agenda.untitled')),
    [t],
  );
}

/**
 * Title of an item as shown: a typed title as the facilitator wrote it; a template title
 * translated, with the theme of a per-theme item ("Drafting – Housing").
 */
export function useAgendaItemTitle(): (item: AgendaItem) => string {
  const { t } = useTranslation();
  const base = useAgendaBaseTitle();
  return useCallback(
    (item) =>
      item.title === null && item.theme
        ? t('agenda.withTheme', { title: base(item), theme: t(`themes.${item.theme}`) })
        : base(item),
    [t, base],
  );
}
