import {
  AGENDA_TEMPLATES,
  type AgendaItem,
  type AgendaTemplateItem,
  type AgendaTemplateName,
  type FacilitationState,
  type Theme,
} from '@roundtable/protocol/client';
import type { NewId } from './agenda.js';
import { ok, type FacilitationResult } from './state.js';

export interface TemplateOptions {
  /** The session's themes; a per-theme item is repeated for each, or given once without a theme. */
  themes: readonly Theme[];
  newId: NewId;
}

/** The agenda items of a template, in order, with fresh ids and titles as i18n keys. */
export function buildTemplateAgenda(template: AgendaTemplateName, opts: TemplateOptions): AgendaItem[] {
  const lines: readonly AgendaTemplateItem[] = AGENDA_TEMPLATES[template];
  return lines.flatMap((line) => {
    const themes: (Theme | null)[] = line.perTheme && opts.themes.length > 0 ? [...opts.themes] : [null];
    return themes.map((theme) => ({
      id: opts.newId(),
      title: null,
      titleKey: line.titleKey,
      kind: line.kind,
      plannedMinutes: line.plannedMinutes,
      recommendationIds: [],
      intervisionPhase: line.intervisionPhase ?? null,
      theme,
    }));
  });
}

/**
 * Replaces the agenda with a template's items (`agenda:applyTemplate`). Nothing is current
 * afterwards and the timer is cleared; the floor, queue and tour are left alone.
 */
export function applyTemplate(
  state: FacilitationState,
  template: AgendaTemplateName,
  opts: TemplateOptions,
): FacilitationResult {
  return ok({
    ...state,
    agenda: buildTemplateAgenda(template, opts),
    currentItemId: null,
    heldItemIds: [],
    timer: null,
  });
}
