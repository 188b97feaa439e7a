import { describe, expect, it } from 'vitest';
import type { AgendaItem, FacilitationState, IntervisionPhase, Role } from '@roundtable/protocol';
import { buildTemplateAgenda } from './agendaTemplates.js';
import {
  INTERVISION_PHASES,
  canPost,
  currentIntervisionPhase,
  eraseIntervision,
  intervisionNotesDocName,
  intervisionNotesDocNames,
  nextPhase,
  parseIntervisionNotesDocName,
  setCaseBringer,
} from './intervision.js';
import { raiseHand } from './speakingQueue.js';
import { initialFacilitationState } from './state.js';

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
