import { z } from 'zod';
import { Theme } from './enums.js';
import {
  AGENDA_ITEM_KINDS,
  AGENDA_TEMPLATE_NAMES,
  INTERVISION_PHASES,
  MAX_AGENDA_ITEM_MINUTES,
  MAX_AGENDA_ITEMS,
  MAX_ITEM_RECOMMENDATIONS,
  MAX_TIMER_SECONDS,
  MAX_TURN_LIMIT_SECONDS,
  MIN_TURN_LIMIT_SECONDS,
  QUEUE_ENTRY_KINDS,
  SPEAKER_LANGUAGES,
  TOUR_ORDERS,
} from './facilitationValues.js';
import { VoterGroup } from './votes.js';
import { Id, singleLineText } from './primitives.js';

/*
 * Facilitation (issue #4): agenda and timers, speaking queue, tour de table, speaking
 * time and intervision phases. The server keeps one FacilitationState per session,
 * changes it only through @roundtable/domain/facilitation, and broadcasts a
 * MeetingState (per audience) after every change. Limits, closed lists and the agenda
 * templates are in facilitationValues.ts.
 */

/** User-visible text: one line, the rule of every text field (primitives.ts). */
const Text = (max: number) => singleLineText(1, max);
/** An i18n key of the web catalogues, e.g. `agenda.templates.round_table.discussion`. */
const I18nKey = z
  .string()
  .regex(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/, 'must be an i18n key')
  .max(120);
/** Milliseconds since the epoch on the server clock. */
const ServerMs = z.number().int().nonnegative();
const Ms = z.number().int().nonnegative();

/* ------------------------------------------------------------------ agenda */

export const AgendaItemKind = z.enum(AGENDA_ITEM_KINDS);
export type AgendaItemKind = z.infer<typeof AgendaItemKind>;

export const IntervisionPhase = z.enum(INTERVISION_PHASES);
export type IntervisionPhase = z.infer<typeof IntervisionPhase>;

const phaseMatchesKind = (item: { kind: AgendaItemKind; intervisionPhase?: IntervisionPhase | null }) =>
  (item.kind === 'intervision_phase') === (item.intervisionPhase !== undefined && item.intervisionPhase !== null);
const PHASE_MESSAGE = 'an intervision_phase item needs intervisionPhase, and only such an item has one';

/**
 * One agenda item as the server keeps and broadcasts it. Items made from a template carry
 * `titleKey` (translated by the web) and no `title` until the facilitator renames them.
 */
export const AgendaItem = z
  .strictObject({
    id: Id,
    /** Text typed by the facilitator; shown instead of `titleKey` when set. */
    title: Text(200).nullable(),
    titleKey: I18nKey.nullable(),
    kind: AgendaItemKind,
    plannedMinutes: z.number().int().min(0).max(MAX_AGENDA_ITEM_MINUTES),
    recommendationIds: z.array(Id).max(MAX_ITEM_RECOMMENDATIONS),
    /** Set exactly when kind is `intervision_phase`. */
    intervisionPhase: IntervisionPhase.nullable(),
    /** The theme a per-theme drafting item is about (thematic meeting template). */
    theme: Theme.nullable(),
  })
  .refine((i) => i.title !== null || i.titleKey !== null, { message: 'an item needs a title or a titleKey' })
  .refine(phaseMatchesKind, { message: PHASE_MESSAGE, path: ['intervisionPhase'] });
export type AgendaItem = z.infer<typeof AgendaItem>;

/**
 * An item as the facilitator sends it in `agenda:set`. `id` names an existing item to keep
 * (so the current item survives a reorder); a new or unknown id gets a server id.
 */
export const AgendaItemInput = z
  .strictObject({
    id: Id.optional(),
    title: Text(200).optional(),
    titleKey: I18nKey.optional(),
    kind: AgendaItemKind,
    plannedMinutes: z.number().int().min(0).max(MAX_AGENDA_ITEM_MINUTES),
    recommendationIds: z.array(Id).max(MAX_ITEM_RECOMMENDATIONS).default([]),
    intervisionPhase: IntervisionPhase.optional(),
    theme: Theme.optional(),
  })
  .refine((i) => i.title !== undefined || i.titleKey !== undefined, { message: 'an item needs a title or a titleKey' })
  .refine(phaseMatchesKind, { message: PHASE_MESSAGE, path: ['intervisionPhase'] });
export type AgendaItemInput = z.input<typeof AgendaItemInput>;
export type AgendaItemInputParsed = z.output<typeof AgendaItemInput>;

/* --------------------------------------------------------------- templates */

export const AgendaTemplateName = z.enum(AGENDA_TEMPLATE_NAMES);
export type AgendaTemplateName = z.infer<typeof AgendaTemplateName>;

/* ------------------------------------------------------------------ timers */

/**
 * A countdown on the server clock. Elapsed time is `elapsedBeforePauseMs` plus
 * `(pausedAt ?? now) - startedAt`, where `now` is server time: a client adds its clock
 * offset (see `clockOffset` in @roundtable/domain) to `Date.now()` first. Remaining time
 * goes negative past the duration: over-time is shown, never clamped.
 */
export const TimerState = z.strictObject({
  durationMs: Ms,
  /** Server ms of the latest start or resume. */
  startedAt: ServerMs,
  /** Server ms the timer was paused at; null while it runs. A reset timer is paused. */
  pausedAt: ServerMs.nullable(),
  /** Time run before the latest resume. */
  elapsedBeforePauseMs: Ms,
});
export type TimerState = z.infer<typeof TimerState>;

/* ----------------------------------------------------------- floor & queue */

export const SpeakerLanguage = z.enum(SPEAKER_LANGUAGES);
export type SpeakerLanguage = z.infer<typeof SpeakerLanguage>;
/** Speaking-time key of a language: a declared one, or `unspecified`. */
export const LanguageKey = z.union([SpeakerLanguage, z.literal('unspecified')]);
export type LanguageKey = z.infer<typeof LanguageKey>;

export const QueueEntryKind = z.enum(QUEUE_ENTRY_KINDS);
export type QueueEntryKind = z.infer<typeof QueueEntryKind>;

/** A raised hand. The queue lists points of order first, then hands, each in the order raised. */
export const QueueEntry = z.strictObject({
  participantId: Id,
  name: z.string().max(80),
  kind: QueueEntryKind,
  raisedAt: ServerMs,
  language: SpeakerLanguage.nullable(),
});
export type QueueEntry = z.infer<typeof QueueEntry>;

/** Who has the floor, since when (server ms). */
export const Speaker = z.strictObject({
  participantId: Id,
  name: z.string().max(80),
  since: ServerMs,
  language: SpeakerLanguage.nullable(),
});
export type Speaker = z.infer<typeof Speaker>;

/* -------------------------------------------------------------------- tour */

/** A seat of a tour de table; the name is kept so the order shows people who left. */
export const TourSeat = z.strictObject({ participantId: Id, name: z.string().max(80) });
export type TourSeat = z.infer<typeof TourSeat>;

export const TourOrder = z.enum(TOUR_ORDERS);
export type TourOrder = z.infer<typeof TourOrder>;

/**
 * A tour de table. `order[index]` holds the turn; `index === order.length` means the round
 * is over (skipped people can still be recalled). A recalled person is moved to the seat
 * after the current one, so `order` is always the actual sequence of turns.
 */
export const Tour = z.strictObject({
  order: z.array(TourSeat),
  index: z.number().int().nonnegative(),
  turnLimitSeconds: z.number().int().min(MIN_TURN_LIMIT_SECONDS).max(MAX_TURN_LIMIT_SECONDS).nullable(),
  /** Participant ids skipped and not recalled yet, in the order skipped. */
  skipped: z.array(Id),
  startedAt: ServerMs,
});
export type Tour = z.infer<typeof Tour>;

/* ----------------------------------------------------------- speaking time */

/**
 * Measured speaking time, in ms. Only sums: per stakeholder group (organisation type
 * given at join), per declared language, and per speaker by the id and name the session
 * already shows. Nothing else about a person is recorded. Facilitators only.
 * Invariant: `totalMs` equals the sum of `byGroup`, of `byLanguage` and of `bySpeaker`.
 */
export const SpeakingTime = z.strictObject({
  totalMs: Ms,
  turns: z.number().int().nonnegative(),
  byGroup: z.partialRecord(VoterGroup, Ms),
  byLanguage: z.partialRecord(LanguageKey, Ms),
  /** In the order people first spoke. */
  bySpeaker: z.array(
    z.strictObject({ participantId: Id, name: z.string().max(80), ms: Ms, turns: z.number().int().nonnegative() }),
  ),
});
export type SpeakingTime = z.infer<typeof SpeakingTime>;

/* ------------------------------------------------------------------- state */

const stateShape = {
  sessionId: Id,
  /**
   * Bumped by the server on every stored change; clients drop a broadcast older than the
   * one they hold (broadcasts of different instances may cross).
   */
  revision: z.number().int().nonnegative(),
  agenda: z.array(AgendaItem).max(MAX_AGENDA_ITEMS),
  currentItemId: Id.nullable(),
  /**
   * The agenda items that have been current, in the order first held. An item before the
   * furthest one held that is not listed was skipped: an intervision phase the facilitator
   * jumped over is shown and reported as skipped, not as done. Empty in a state stored
   * before this field (then everything before the current item counts as held).
   */
  heldItemIds: z.array(Id).max(MAX_AGENDA_ITEMS).default([]),
  timer: TimerState.nullable(),
  queue: z.array(QueueEntry),
  speaker: Speaker.nullable(),
  tour: Tour.nullable(),
  /** Intervision only: who brings the case. */
  caseBringerId: Id.nullable(),
  /**
   * When the intervision notes were erased (server ms), or null. Erased notes stay erased:
   * the server refuses their documents from then on, so no client can bring them back.
   */
  intervisionErasedAt: ServerMs.nullable().default(null),
  /**
   * Who besides the facilitators writes the minutes document (`minutes-<sessionId>`), or
   * null. A participant; everyone else reads the minutes only.
   */
  minuteTakerId: Id.nullable().default(null),
  /**
   * The key of the public summary while the facilitator publishes one, else null: anyone
   * holding it may read the session's summary (no names) without a token.
   */
  publicSummaryKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,64}$/)
    .nullable()
    .default(null),
};

/**
 * The server's whole facilitation state of one session (kept in storage or Redis so any
 * instance can serve the session). Never sent as is: see {@link MeetingState}.
 */
export const FacilitationState = z.strictObject({
  ...stateShape,
  speakingTime: SpeakingTime,
  /**
   * The language each person last said they speak in (with a raised hand or `floor:language`),
   * so a turn they did not ask for (a tour de table, the floor given) still counts in it.
   * Server-side only, like speaking time per speaker; absent from states stored before it.
   */
  declaredLanguages: z.record(Id, SpeakerLanguage).optional(),
});
export type FacilitationState = z.infer<typeof FacilitationState>;

/**
 * What the server broadcasts (`meeting:updated`) and answers to `meeting:get`.
 * `speakingTime` is present for facilitators only. `serverNow` is the server clock when
 * the message was built, so clients compute their offset and every screen shows the same
 * remaining time.
 */
export const MeetingState = z.strictObject({
  ...stateShape,
  speakingTime: SpeakingTime.optional(),
  serverNow: ServerMs,
});
export type MeetingState = z.infer<typeof MeetingState>;

/* --------------------------------------------------- client → server events */

const Empty = z.strictObject({});

export const AgendaSetPayload = z.strictObject({ items: z.array(AgendaItemInput).max(MAX_AGENDA_ITEMS) }).refine(
  (p) => {
    const ids = p.items.flatMap((i) => (i.id === undefined ? [] : [i.id]));
    return new Set(ids).size === ids.length;
  },
  { message: 'an item id is listed twice', path: ['items'] },
);
export const AgendaApplyTemplatePayload = z.strictObject({ template: AgendaTemplateName });
export const AgendaCurrentPayload = z.strictObject({ itemId: Id.nullable() });
/** Without `durationSeconds`, the timer runs for the current item's planned minutes. */
export const TimerStartPayload = z.strictObject({
  durationSeconds: z.number().int().min(1).max(MAX_TIMER_SECONDS).optional(),
});
export const QueueRaisePayload = z.strictObject({
  pointOfOrder: z.boolean().default(false),
  language: SpeakerLanguage.optional(),
});
/** Without `participantId`, lowers the sender's own hand; with it, facilitators only. */
export const QueueLowerPayload = z.strictObject({ participantId: Id.optional() });
export const FloorGivePayload = z.strictObject({ participantId: Id });
/** The current speaker (or a facilitator) says which language this turn is in. */
export const FloorLanguagePayload = z.strictObject({ language: SpeakerLanguage });
export const TourStartPayload = z.strictObject({
  order: TourOrder,
  turnLimitSeconds: z.number().int().min(MIN_TURN_LIMIT_SECONDS).max(MAX_TURN_LIMIT_SECONDS).optional(),
});
export const TourRecallPayload = z.strictObject({ participantId: Id });
/** null clears the role. */
export const IntervisionSetCaseBringerPayload = z.strictObject({ participantId: Id.nullable() });
/** null: the facilitators write the minutes alone. */
export const MinutesSetTakerPayload = z.strictObject({ participantId: Id.nullable() });
/** true publishes the public summary (a new key if none), false withdraws it (the key is forgotten). */
export const SummaryPublishPayload = z.strictObject({ published: z.boolean() });
/** Erasing is final, so the client must say so explicitly. */
export const IntervisionErasePayload = z.strictObject({ confirm: z.literal(true) });

export type AgendaSetPayload = z.input<typeof AgendaSetPayload>;
export type AgendaApplyTemplatePayload = z.infer<typeof AgendaApplyTemplatePayload>;
export type AgendaCurrentPayload = z.infer<typeof AgendaCurrentPayload>;
export type TimerStartPayload = z.infer<typeof TimerStartPayload>;
export type QueueRaisePayload = z.input<typeof QueueRaisePayload>;
export type QueueLowerPayload = z.infer<typeof QueueLowerPayload>;
export type FloorGivePayload = z.infer<typeof FloorGivePayload>;
export type FloorLanguagePayload = z.infer<typeof FloorLanguagePayload>;
export type TourStartPayload = z.infer<typeof TourStartPayload>;
export type TourRecallPayload = z.infer<typeof TourRecallPayload>;
export type IntervisionSetCaseBringerPayload = z.infer<typeof IntervisionSetCaseBringerPayload>;
export type IntervisionErasePayload = z.infer<typeof IntervisionErasePayload>;
export type MinutesSetTakerPayload = z.infer<typeof MinutesSetTakerPayload>;
export type SummaryPublishPayload = z.infer<typeof SummaryPublishPayload>;

/**
 * Who may send an event. `anyone`: observers too (reading the meeting, e.g. to time the
 * clock). `member`: facilitators and participants (observers never).
 * `facilitator_or_speaker`: a facilitator, or the participant who has the floor.
 * `member_or_facilitator_for_others`: a member for themselves; a facilitator for anyone.
 * Rules that depend on the state (intervision listening phases) live in the domain.
 */
export type FacilitationSender =
  | 'anyone'
  | 'facilitator'
  | 'member'
  | 'facilitator_or_speaker'
  | 'member_or_facilitator_for_others';

/**
 * Every facilitation event a client emits, with its payload schema and who may send it.
 * Each is acknowledged with `Ack<{ state: MeetingState }>` (the sender's view after the
 * change); every member of the session then gets `meeting:updated`. Events without a
 * payload take `{}`.
 */
export const FACILITATION_EVENTS = {
  /** Sender's current view (on join and reconnect; time it to measure the round trip). */
  'meeting:get': { payload: Empty, sender: 'anyone' },
  'agenda:set': { payload: AgendaSetPayload, sender: 'facilitator' },
  /** Replaces the agenda with a template's items; clears the current item and the timer. */
  'agenda:applyTemplate': { payload: AgendaApplyTemplatePayload, sender: 'facilitator' },
  /** Moves the current item; its timer is reset to the item's planned minutes, not started. */
  'agenda:current': { payload: AgendaCurrentPayload, sender: 'facilitator' },
  'timer:start': { payload: TimerStartPayload, sender: 'facilitator' },
  'timer:pause': { payload: Empty, sender: 'facilitator' },
  'timer:resume': { payload: Empty, sender: 'facilitator' },
  /** Back to zero elapsed, paused. */
  'timer:reset': { payload: Empty, sender: 'facilitator' },
  'queue:raise': { payload: QueueRaisePayload, sender: 'member' },
  'queue:lower': { payload: QueueLowerPayload, sender: 'member_or_facilitator_for_others' },
  /** Gives the floor to the head of the queue (ending the current turn). */
  'queue:next': { payload: Empty, sender: 'facilitator' },
  'floor:give': { payload: FloorGivePayload, sender: 'facilitator' },
  'floor:end': { payload: Empty, sender: 'facilitator_or_speaker' },
  'floor:language': { payload: FloorLanguagePayload, sender: 'facilitator_or_speaker' },
  /** Over the present participants the server lists, in join (seat) order or shuffled. */
  'tour:start': { payload: TourStartPayload, sender: 'facilitator' },
  'tour:next': { payload: Empty, sender: 'facilitator' },
  'tour:skip': { payload: Empty, sender: 'facilitator' },
  'tour:recall': { payload: TourRecallPayload, sender: 'facilitator' },
  'tour:end': { payload: Empty, sender: 'facilitator' },
  'intervision:setCaseBringer': { payload: IntervisionSetCaseBringerPayload, sender: 'facilitator' },
  /** Deletes every intervision notes document of the session for good. */
  'intervision:erase': { payload: IntervisionErasePayload, sender: 'facilitator' },
  /** Names (or with null, clears) the participant who writes the minutes with the facilitators. */
  'minutes:setTaker': { payload: MinutesSetTakerPayload, sender: 'facilitator' },
  /** Publishes or withdraws the read-only public summary (the projector shows its QR code). */
  'summary:publish': { payload: SummaryPublishPayload, sender: 'facilitator' },
} as const satisfies Record<string, { payload: z.ZodType; sender: FacilitationSender }>;
export type FacilitationEvent = keyof typeof FACILITATION_EVENTS;
export const FACILITATION_EVENT_NAMES = Object.keys(FACILITATION_EVENTS) as FacilitationEvent[];

/** Socket.io client→server map of the facilitation events; payloads parsed with zod on arrival. */
