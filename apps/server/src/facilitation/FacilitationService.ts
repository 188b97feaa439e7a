import { randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import {
  applyTemplate,
  applyTimer,
  buildTemplateAgenda,
  can,
  canManageOwnTurn,
  canPost,
  currentIntervisionPhase,
  endTour,
  endTurn,
  eraseIntervision,
  giveFloor,
  initialFacilitationState,
  intervisionNotesDocNames,
  isCaseBringer,
  lowerHand,
  mayTakeFloor,
  mayWriteMinutes,
  meetingStateFor,
  nextInQueue,
  raiseHand,
  setAgenda,
  setCaseBringer,
  setCurrentItem,
  setMinuteTaker,
  setSummaryPublished,
  setTurnLanguage,
  startTour,
  tourNext,
  tourRecall,
  tourSkip,
  type FacilitationResult,
  type FloorContext,
} from '@roundtable/domain';
import {
  DEFAULT_AGENDA_TEMPLATE,
  type FacilitationEvent,
  type ParsedPayload,
  type FacilitationState,
  type MeetingState,
  type Role,
  type VoterGroup,
} from '@roundtable/protocol';
import { AppError } from '../errors.js';
import type { PresenceStore } from '../presence/PresenceStore.js';
import type { SessionRecord, Storage } from '../storage/Storage.js';

/** Attempts at a change when other instances keep changing the same session first. */
const MAX_ATTEMPTS = 5;

export interface FacilitationActor {
  sessionId: string;
  participantId: string;
  name: string;
  role: Role;
}

/** What the service tells live clients and the other parts of this instance. */
export interface FacilitationEvents {
  meetingUpdated(sessionId: string, forFacilitators: MeetingState, forOthers: MeetingState): void;
  /** Lets the other instances know a session's state changed (they refresh their cache). */
  announceChange(sessionId: string): void;
}

/** Deletes intervision notes documents everywhere (DocRegistry implements it). */
export interface NotesEraser {
  eraseDocs(docNames: readonly string[]): Promise<void>;
}

interface Context {
  actor: FacilitationActor;
  session: SessionRecord;
  now: number;
  floor: FloorContext;
}

type Handlers = {
  [E in FacilitationEvent]: (
    state: FacilitationState,
    payload: ParsedPayload<E>,
    ctx: Context,
  ) => Promise<FacilitationResult> | FacilitationResult;
};

const ok = (state: FacilitationState): FacilitationResult => ({ ok: true, state });
const newId = () => randomUUID();

/**
 * The agenda, timer, speaking queue, floor, tour de table and intervision of each
 * session. Storage holds the one authoritative state per session; every change is
 * written with the revision it was made from, so changes arriving on several
 * instances at once apply one after the other. Rules are @roundtable/domain's.
 */
export class FacilitationService {
  /** Latest state seen per session, for the Yjs notes permissions (read synchronously). */
  private readonly cache = new Map<string, FacilitationState>();

  constructor(
    private readonly storage: Pick<Storage, 'sessions' | 'people' | 'facilitation'>,
    private readonly presence: PresenceStore,
    private readonly eraser: NotesEraser,
    private readonly events: FacilitationEvents,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Handles one facilitation event from a member, its payload parsed and the sender's
   * role checked (the gateway, from CLIENT_EVENTS); resolves with the sender's view.
   * Checks that depend on the meeting (the speaker, the case bringer) are made here.
   */
  async handle<E extends FacilitationEvent>(
    actor: FacilitationActor,
    event: E,
    payload: ParsedPayload<E>,
  ): Promise<MeetingState> {
    const session = await this.storage.sessions.getSession(actor.sessionId);
    if (!session) throw new AppError('not_found', 'no such session');

    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const state = await this.load(session);
      const now = this.now();
      const ctx: Context = { actor, session, now, floor: { now, groupOf: await this.groupsOf(session.id) } };
      const handler: Handlers[E] = this.handlers[event];
      const result = await handler(state, payload, ctx);
      if (!result.ok) throw new AppError(result.code, result.message);
      if (result.state === state) return meetingStateFor(state, actor.role, this.now());
      const next = { ...result.state, revision: state.revision + 1 };
      if (await this.storage.facilitation.saveFacilitationState(next, state.revision)) {
        this.remember(next);
        this.broadcast(next);
        this.events.announceChange(session.id);
        await this.afterCommit[event]?.(next);
        return meetingStateFor(next, actor.role, this.now());
      }
    }
    throw new AppError('conflict', 'the meeting changed too often at once; try again');
  }

  /** The session's state as a role sees it (for the REST snapshot). */
  async view(sessionId: string, role: Role): Promise<MeetingState | undefined> {
    const session = await this.storage.sessions.getSession(sessionId);
    return session && meetingStateFor(await this.load(session), role, this.now());
  }

  /** Reloads a session's state changed by another instance; forgets a deleted session's. */
  async refresh(sessionId: string): Promise<void> {
    const state = await this.storage.facilitation.getFacilitationState(sessionId);
    if (state) this.remember(state);
    else if (!(await this.storage.sessions.getSession(sessionId))) this.cache.delete(sessionId);
  }

  /** Makes sure the cache holds the session's state (before Yjs permission checks). */
  async ensureLoaded(sessionId: string): Promise<void> {
    if (this.cache.has(sessionId)) return;
    const session = await this.storage.sessions.getSession(sessionId);
    if (session) await this.load(session);
  }

  /**
   * May this person edit an intervision notes document now? Observers never; the case
   * bringer not while listening (analysis, advice). Reads the cache: call ensureLoaded first.
   */
  canPostNotes(sessionId: string, participantId: string, role: Role): boolean {
    const state = this.cache.get(sessionId);
    if (!state || this.notesErased(sessionId)) return false;
    return canPost(role, isCaseBringer(state, participantId), currentIntervisionPhase(state));
  }

  /**
   * May this person write the session's minutes now? Facilitators and the named
   * minute-taker. Reads the cache: call ensureLoaded first.
   */
  canWriteMinutes(sessionId: string, participantId: string, role: Role): boolean {
    return mayWriteMinutes(this.cache.get(sessionId), participantId, role);
  }

  /** True once the facilitator erased the session's intervision notes (for good). */
  notesErased(sessionId: string): boolean {
    return (this.cache.get(sessionId)?.intervisionErasedAt ?? null) !== null;
  }

  private remember(state: FacilitationState): void {
    const known = this.cache.get(state.sessionId);
    if (!known || known.revision <= state.revision) this.cache.set(state.sessionId, state);
  }

  private broadcast(state: FacilitationState): void {
    const now = this.now();
    this.events.meetingUpdated(
      state.sessionId,
      meetingStateFor(state, 'facilitator', now),
      meetingStateFor(state, 'participant', now),
    );
  }

  /** The stored state, or a first one from the session kind's template (stored at once). */
  private async load(session: SessionRecord): Promise<FacilitationState> {
    for (;;) {
      const stored = await this.storage.facilitation.getFacilitationState(session.id);
      if (stored) {
        this.remember(stored);
        return stored;
      }
      const template = DEFAULT_AGENDA_TEMPLATE[session.kind];
      const first: FacilitationState = {
        ...initialFacilitationState(session.id),
        revision: 1,
        agenda: template ? buildTemplateAgenda(template, { themes: session.themes, newId }) : [],
      };
      // Stored before anyone sees it, so every instance shows the same item ids.
      if (await this.storage.facilitation.saveFacilitationState(first, 0)) {
        this.remember(first);
        return first;
      }
    }
  }

  private async groupsOf(sessionId: string): Promise<(participantId: string) => VoterGroup> {
    const participants = await this.storage.people.listParticipants(sessionId);
    const groups = new Map(participants.map((p) => [p.id, p.organisationType ?? 'unspecified'] as const));
    return (id) => groups.get(id) ?? 'unspecified';
  }

  private async participant(sessionId: string, participantId: string) {
    const p = await this.storage.people.getParticipant(sessionId, participantId);
    if (!p) throw new AppError('not_found', 'no such participant in this session');
    return p;
  }

  private readonly handlers: Handlers = {
    'meeting:get': (state) => ok(state),
    'agenda:set': (state, p) => setAgenda(state, p.items, newId),
    'agenda:applyTemplate': (state, p, ctx) => applyTemplate(state, p.template, { themes: ctx.session.themes, newId }),
    'agenda:current': (state, p, ctx) => setCurrentItem(state, p.itemId, ctx.now),
    'timer:start': (state, p, ctx) => applyTimer(state, { type: 'start', durationSeconds: p.durationSeconds }, ctx.now),
    'timer:pause': (state, _p, ctx) => applyTimer(state, { type: 'pause' }, ctx.now),
    'timer:resume': (state, _p, ctx) => applyTimer(state, { type: 'resume' }, ctx.now),
    'timer:reset': (state, _p, ctx) => applyTimer(state, { type: 'reset' }, ctx.now),
    'queue:raise': (state, p, ctx) =>
      raiseHand(
        state,
        { ...ctx.actor, pointOfOrder: p.pointOfOrder, ...(p.language ? { language: p.language } : {}) },
        ctx.now,
      ),
    'queue:lower': (state, p, ctx) => {
      const id = p.participantId ?? ctx.actor.participantId;
      if (id !== ctx.actor.participantId && !can(ctx.actor.role, 'manageSession')) {
        return { ok: false, code: 'forbidden', message: "only facilitators lower someone else's hand" };
      }
      return ok(lowerHand(state, id));
    },
    'queue:next': (state, _p, ctx) => nextInQueue(state, ctx.floor),
    'floor:give': async (state, p, ctx) => {
      const person = await this.participant(ctx.session.id, p.participantId);
      if (!can(person.role, 'takePart'))
        return { ok: false, code: 'forbidden', message: 'observers do not take the floor' };
      if (!mayTakeFloor(state, person.id))
        return { ok: false, code: 'forbidden', message: 'the case bringer listens in this phase' };
      return ok(giveFloor(state, { participantId: person.id, name: person.name }, ctx.floor));
    },
    'floor:end': (state, _p, ctx) =>
      canManageOwnTurn(state, ctx.actor)
        ? ok(endTurn(state, ctx.floor))
        : { ok: false, code: 'forbidden', message: 'only a facilitator or the speaker ends a turn' },
    'floor:language': (state, p, ctx) =>
      canManageOwnTurn(state, ctx.actor)
        ? setTurnLanguage(state, p.language)
        : { ok: false, code: 'forbidden', message: 'only a facilitator or the speaker sets the language' },
    'tour:start': async (state, p, ctx) => {
      // The round goes over the participants present now, in the order they joined.
      const online = new Set((await this.presence.list(ctx.session.id)).map((x) => x.id));
      const seats = (await this.storage.people.listParticipants(ctx.session.id))
        .filter((x) => x.role === 'participant' && online.has(x.id))
        .map((x) => ({ participantId: x.id, name: x.name }));
      return startTour(
        state,
        { seats, order: p.order, turnLimitSeconds: p.turnLimitSeconds, random: Math.random },
        ctx.floor,
      );
    },
    'tour:next': (state, _p, ctx) => tourNext(state, ctx.floor),
    'tour:skip': (state, _p, ctx) => tourSkip(state, ctx.floor),
    'tour:recall': (state, p, ctx) => tourRecall(state, p.participantId, ctx.floor),
    'tour:end': (state, _p, ctx) => endTour(state, ctx.floor),
    'intervision:setCaseBringer': async (state, p, ctx) => {
      if (p.participantId === null) return setCaseBringer(state, null);
      const person = await this.participant(ctx.session.id, p.participantId);
      return setCaseBringer(state, { participantId: person.id, role: person.role });
    },
    'minutes:setTaker': async (state, p, ctx) => {
      if (p.participantId === null) return setMinuteTaker(state, null);
      const person = await this.participant(ctx.session.id, p.participantId);
      return setMinuteTaker(state, { participantId: person.id, role: person.role });
    },
    // 18 random bytes: a key nobody guesses; base64url (24 chars) fits publicSummaryKey's pattern.
    'summary:publish': (state, p) =>
      setSummaryPublished(state, p.published, () => randomBytes(18).toString('base64url')),
    // The documents are deleted once the state says erased (afterCommit, below).
    'intervision:erase': (state, _p, ctx) => ok(eraseIntervision(state, ctx.now)),
  };

  /**
   * Work done once a change is stored. Erase deletes the notes after the state says erased:
   * from then on this instance refuses the notes documents (canPostNotes, the Yjs endpoint),
   * so a client reconnecting in a loop cannot upload them again between the delete and the
   * state change. A failure leaves the state erased and the ack an error: erasing again
   * deletes again.
   */
  private readonly afterCommit: Partial<Record<FacilitationEvent, (state: FacilitationState) => Promise<void>>> = {
    'intervision:erase': async (state) => {
      // Rows and updates are deleted, not hidden.
      await this.eraser.eraseDocs(intervisionNotesDocNames(state.sessionId));
      this.log.info({ sessionId: state.sessionId }, 'intervision notes erased');
    },
  };
}
