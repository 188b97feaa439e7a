import { describe, expect, it } from 'vitest';
import type { AgendaItem, FacilitationState, IntervisionPhase, Role } from '@roundtable/protocol';
import { setAgenda, setCurrentItem } from './agenda.js';
import { buildTemplateAgenda } from './agendaTemplates.js';
import {
  INTERVISION_PHASES,
  canPost,
  currentIntervisionPhase,
  eraseIntervision,
  intervisionNotesDocName,
  intervisionNotesDocNames,
  mayTakeFloor,
  nextPhase,
  parseIntervisionNotesDocName,
  setCaseBringer,
} from './intervision.js';
import { nextInQueue, raiseHand } from './speakingQueue.js';
import { initialFacilitationState, type FacilitationResult } from './state.js';
import { startTour, tourNext } from './tourDeTable.js';

const SESSION = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';
const DOC_NAME = /^[A-Za-z0-9_-]{1,64}$/;

describe('intervision phases', () => {
  it('run in the fixed order', () => {
    expect(INTERVISION_PHASES).toEqual([
      'case_presentation',
      'clarifying_questions',
      'analysis',
      'advice',
      'reflection',
    ]);
    const walked: (IntervisionPhase | null)[] = ['case_presentation'];
    while (walked.at(-1)) walked.push(nextPhase(walked.at(-1)!));
    expect(walked).toEqual([...INTERVISION_PHASES, null]);
  });
});

describe('canPost', () => {
  const roles: Role[] = ['facilitator', 'participant', 'observer'];
  /** Expected for each phase: [participant, participant case bringer, facilitator case bringer]. */
  const table: [IntervisionPhase | null, boolean, boolean, boolean][] = [
    ['case_presentation', true, true, true],
    ['clarifying_questions', true, true, true],
    ['analysis', true, false, false],
    ['advice', true, false, false],
    ['reflection', true, true, true],
    [null, true, true, true],
  ];

  it.each(table)('in %s', (phase, participant, caseBringer, facilitatorCaseBringer) => {
    expect(canPost('participant', false, phase)).toBe(participant);
    expect(canPost('facilitator', false, phase)).toBe(true);
    expect(canPost('participant', true, phase)).toBe(caseBringer);
    expect(canPost('facilitator', true, phase)).toBe(facilitatorCaseBringer);
  });

  it('never lets observers post', () => {
    for (const phase of [...INTERVISION_PHASES, null]) {
      expect(canPost('observer', false, phase)).toBe(false);
      expect(canPost('observer', true, phase)).toBe(false);
    }
    expect(roles.filter((r) => canPost(r, false, 'analysis'))).toEqual(['facilitator', 'participant']);
  });
});

describe('the case bringer in the session state', () => {
  let n = 0;
  const agenda = buildTemplateAgenda('intervision', { themes: [], newId: () => `i${++n}` });
  const at = (phase: IntervisionPhase): FacilitationState => ({
    ...initialFacilitationState(SESSION),
    agenda,
    currentItemId: agenda.find((i: AgendaItem) => i.intervisionPhase === phase)!.id,
    caseBringerId: 'cb',
  });
  const cb = { participantId: 'cb', name: 'CB', role: 'participant' as const };

  it('reads the phase from the current agenda item', () => {
    expect(currentIntervisionPhase(at('advice'))).toBe('advice');
    expect(currentIntervisionPhase(initialFacilitationState(SESSION))).toBeNull();
  });

  it('cannot raise a hand while listening, but can raise a point of order', () => {
    expect(raiseHand(at('analysis'), cb, 1)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(raiseHand(at('advice'), cb, 1)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(raiseHand(at('analysis'), { ...cb, pointOfOrder: true }, 1)).toMatchObject({ ok: true });
    expect(raiseHand(at('reflection'), cb, 1)).toMatchObject({ ok: true });
    expect(raiseHand(at('analysis'), { ...cb, participantId: 'other' }, 1)).toMatchObject({ ok: true });
  });

  it('is assigned and cleared by the facilitator; never an observer', () => {
    const s = initialFacilitationState(SESSION);
    const set = setCaseBringer(s, { participantId: 'p1', role: 'participant' });
    expect(set.ok && set.state.caseBringerId).toBe('p1');
    expect(set.ok && setCaseBringer(set.state, null)).toEqual({ ok: true, state: s });
    expect(setCaseBringer(s, { participantId: 'o1', role: 'observer' })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
  });

  it('is forgotten on erase, which is remembered once; the agenda stays', () => {
    const erased = eraseIntervision(at('reflection'), 1_000);
    expect(erased.caseBringerId).toBeNull();
    expect(erased.intervisionErasedAt).toBe(1_000);
    expect(erased.agenda).toBe(agenda);
    expect(eraseIntervision(erased, 2_000).intervisionErasedAt).toBe(1_000);
  });
});

describe("the case bringer's hand when they start listening", () => {
  let n = 0;
  const agenda = buildTemplateAgenda('intervision', { themes: [], newId: () => `h${++n}` });
  const item = (phase: IntervisionPhase) => agenda.find((i: AgendaItem) => i.intervisionPhase === phase)!.id;
  const must = (r: FacilitationResult): FacilitationState => {
    if (!r.ok) throw new Error(`refused: ${r.code} ${r.message}`);
    return r.state;
  };
  const ctx = { now: 5_000, groupOf: () => 'other' as const };
  const person = (participantId: string, pointOfOrder = false) => ({
    participantId,
    name: participantId.toUpperCase(),
    role: 'participant' as const,
    pointOfOrder,
  });
  /** Clarifying questions, the case bringer's hand raised, then a peer's. */
  const questions = (() => {
    let s: FacilitationState = { ...initialFacilitationState(SESSION), agenda, caseBringerId: 'cb' };
    s = must(setCurrentItem(s, item('clarifying_questions'), 1_000));
    s = must(raiseHand(s, person('cb'), 1_100));
    return must(raiseHand(s, person('peer'), 1_200));
  })();
  const hands = (s: FacilitationState) => s.queue.map((e) => `${e.participantId}:${e.kind}`);

  it('is taken down when the analysis becomes current, and does not get them the floor', () => {
    expect(hands(questions)).toEqual(['cb:hand', 'peer:hand']);
    const analysis = must(setCurrentItem(questions, item('analysis'), 2_000));
    expect(hands(analysis)).toEqual(['peer:hand']);
    expect(mayTakeFloor(analysis, 'cb')).toBe(false);
    expect(mayTakeFloor(analysis, 'peer')).toBe(true);
    expect(must(nextInQueue(analysis, ctx)).speaker?.participantId).toBe('peer');
  });

  it('is taken down when the current item is edited into an advice phase', () => {
    const inputs = [
      {
        id: item('clarifying_questions'),
        title: 'Advice',
        kind: 'intervision_phase' as const,
        plannedMinutes: 10,
        recommendationIds: [],
        intervisionPhase: 'advice' as const,
      },
    ];
    expect(hands(must(setAgenda(questions, inputs, () => 'new')))).toEqual(['peer:hand']);
  });

  it('is taken down when someone with a raised hand is made case bringer during the analysis', () => {
    const noBringer = must(setCaseBringer(questions, null));
    const analysis = must(setCurrentItem(noBringer, item('analysis'), 2_000));
    expect(hands(analysis)).toEqual(['cb:hand', 'peer:hand']);
    expect(hands(must(setCaseBringer(analysis, { participantId: 'cb', role: 'participant' })))).toEqual(['peer:hand']);
  });

  it('keeps a point of order, which gets them the floor; the reflection lets them speak again', () => {
    const raised = must(raiseHand(questions, person('cb', true), 1_300));
    const analysis = must(setCurrentItem(raised, item('analysis'), 2_000));
    expect(hands(analysis)).toEqual(['cb:point_of_order', 'peer:hand']);
    expect(mayTakeFloor(analysis, 'cb')).toBe(true);
    expect(must(nextInQueue(analysis, ctx)).speaker?.participantId).toBe('cb');
    const reflection = must(
      setCurrentItem(must(setCurrentItem(questions, item('analysis'), 2_000)), item('reflection'), 3_000),
    );
    expect(mayTakeFloor(reflection, 'cb')).toBe(true);
  });

  it('passes over a stored hand of theirs, and their seat in a round started before the analysis', () => {
    const stored = { ...questions, currentItemId: item('analysis') };
    expect(must(nextInQueue(stored, ctx)).speaker?.participantId).toBe('peer');
    const seats = [person('a'), person('cb'), person('b')];
    const tour = must(startTour(questions, { seats, order: 'seat', random: Math.random }, ctx));
    const listening = must(setCurrentItem(tour, item('analysis'), 6_000));
    expect(must(tourNext(listening, { ...ctx, now: 7_000 })).speaker?.participantId).toBe('b');
  });

  it('changes nothing outside the listening phases', () => {
    expect(must(setCurrentItem(questions, item('reflection'), 2_000)).queue).toBe(questions.queue);
  });
});

describe('notes document names', () => {
  it('fit the Yjs doc name rule for a UUID session, one per phase', () => {
    const names = intervisionNotesDocNames(SESSION);
    expect(names).toHaveLength(5);
    expect(new Set(names).size).toBe(5);
    for (const name of names) expect(name).toMatch(DOC_NAME);
    expect(intervisionNotesDocName(SESSION, 'clarifying_questions')).toBe(`ivn-clarifying_questions-${SESSION}`);
    expect(intervisionNotesDocName(SESSION, 'clarifying_questions')).toHaveLength(61);
  });

  it('parse back to their session and phase', () => {
    for (const phase of INTERVISION_PHASES) {
      expect(parseIntervisionNotesDocName(intervisionNotesDocName(SESSION, phase))).toEqual({
        sessionId: SESSION,
        phase,
      });
    }
  });

  it('are told apart from recommendation ids and other names', () => {
    expect(parseIntervisionNotesDocName(SESSION)).toBeNull();
    expect(parseIntervisionNotesDocName(`ivn-lunch-${SESSION}`)).toBeNull();
    expect(parseIntervisionNotesDocName('ivn-analysis-')).toBeNull();
    expect(parseIntervisionNotesDocName(`ivn-analysis-${SESSION}/x`)).toBeNull();
    expect(parseIntervisionNotesDocName(`ivn-analysis-${'a'.repeat(52)}`)).toBeNull();
  });

  it('refuse a session id that does not fit', () => {
    expect(() => intervisionNotesDocName('a'.repeat(40), 'clarifying_questions')).toThrow();
    expect(() => intervisionNotesDocName('a/b', 'advice')).toThrow();
    expect(intervisionNotesDocName('a'.repeat(39), 'clarifying_questions')).toHaveLength(64);
  });
});
