import type { SessionKind } from './enums.js';
import type { AgendaItemKind, AgendaTemplateName, IntervisionPhase } from './facilitation.js';

/*
 * Facilitation's limits, closed lists and agenda templates as plain values, without zod:
 * facilitation.ts builds the schemas from them, and the web (which loads no zod) uses them.
 */

/** Largest agenda; a long meeting day has a few dozen items. */
export const MAX_AGENDA_ITEMS = 60;
/** Longest planned item, and longest timer: a meeting day. */
export const MAX_AGENDA_ITEM_MINUTES = 12 * 60;
export const MAX_TIMER_SECONDS = MAX_AGENDA_ITEM_MINUTES * 60;
/** Recommendations one agenda item may link to. */
export const MAX_ITEM_RECOMMENDATIONS = 100;
/** Bounds of a tour de table turn limit; under 10 s nobody can say a sentence. */
export const MIN_TURN_LIMIT_SECONDS = 10;
export const MAX_TURN_LIMIT_SECONDS = 60 * 60;

/* ------------------------------------------------------------------ agenda */

export const AGENDA_ITEM_KINDS = ['discussion', 'drafting', 'vote', 'intervision_phase', 'break'] as const;

/** The fixed phases of an intervision, in the order they are run. */
export const INTERVISION_PHASES = [
  'case_presentation',
  'clarifying_questions',
  'analysis',
  'advice',
  'reflection',
] as const;

/* --------------------------------------------------------------- templates */

export const AGENDA_TEMPLATE_NAMES = ['thematic_meeting', 'round_table', 'intervision'] as const;

/** One line of a template. `perTheme` items are repeated once per session theme. */
export interface AgendaTemplateItem {
  titleKey: string;
  kind: AgendaItemKind;
  plannedMinutes: number;
  intervisionPhase?: IntervisionPhase;
  perTheme?: true;
}

/**
 * Starting agendas per kind of session. Titles are i18n keys (the web translates; a
 * per-theme item shows its `theme` too); minutes are defaults the facilitator changes.
 * The server builds items from these with `buildTemplateAgenda` (@roundtable/domain).
 */
export const AGENDA_TEMPLATES = {
  thematic_meeting: [
    { titleKey: 'agenda.templates.thematic_meeting.welcome', kind: 'discussion', plannedMinutes: 10 },
    { titleKey: 'agenda.templates.thematic_meeting.context', kind: 'discussion', plannedMinutes: 20 },
    { titleKey: 'agenda.templates.thematic_meeting.drafting', kind: 'drafting', plannedMinutes: 45, perTheme: true },
    { titleKey: 'agenda.templates.thematic_meeting.votes', kind: 'vote', plannedMinutes: 30 },
    { titleKey: 'agenda.templates.thematic_meeting.wrap_up', kind: 'discussion', plannedMinutes: 10 },
  ],
  round_table: [
    { titleKey: 'agenda.templates.round_table.tour_de_table', kind: 'discussion', plannedMinutes: 30 },
    { titleKey: 'agenda.templates.round_table.discussion', kind: 'discussion', plannedMinutes: 45 },
    { titleKey: 'agenda.templates.round_table.recommendations', kind: 'drafting', plannedMinutes: 45 },
  ],
  intervision: [
    {
      titleKey: 'agenda.templates.intervision.case_presentation',
      kind: 'intervision_phase',
      plannedMinutes: 10,
      intervisionPhase: 'case_presentation',
    },
    {
      titleKey: 'agenda.templates.intervision.clarifying_questions',
      kind: 'intervision_phase',
      plannedMinutes: 15,
      intervisionPhase: 'clarifying_questions',
    },
    {
      titleKey: 'agenda.templates.intervision.analysis',
      kind: 'intervision_phase',
      plannedMinutes: 20,
      intervisionPhase: 'analysis',
    },
    {
      titleKey: 'agenda.templates.intervision.advice',
      kind: 'intervision_phase',
      plannedMinutes: 15,
      intervisionPhase: 'advice',
    },
    {
      titleKey: 'agenda.templates.intervision.reflection',
      kind: 'intervision_phase',
      plannedMinutes: 10,
      intervisionPhase: 'reflection',
    },
  ],
} as const satisfies Record<AgendaTemplateName, readonly AgendaTemplateItem[]>;

/** The template a new session of each kind starts from; kinds without one start empty. */
export const DEFAULT_AGENDA_TEMPLATE: Record<SessionKind, AgendaTemplateName | null> = {
  thematic_meeting: 'thematic_meeting',
  round_table: 'round_table',
  participatory_dialogue: null,
  training: null,
  intervision: 'intervision',
};

/* ----------------------------------------------------- floor, queue, tour */

/**
 * The language a speaker says they speak in; optional and declared per turn, only to
 * sum speaking time per language. `other` covers German and any other language.
 */
export const SPEAKER_LANGUAGES = ['fr', 'nl', 'en', 'other'] as const;

export const QUEUE_ENTRY_KINDS = ['hand', 'point_of_order'] as const;

export const TOUR_ORDERS = ['seat', 'shuffled'] as const;
