import { describe, expect, it } from 'vitest';
import { AgendaSetPayload, type FacilitationState } from '@roundtable/protocol';
import { agendaProgress, nextItemId, setAgenda, setCurrentItem } from './agenda.js';
import { applyTemplate } from './agendaTemplates.js';
import { initialFacilitationState, type FacilitationResult } from './state.js';
import { startTimer, stoppedTimer } from './timers.js';

const counter = (prefix = 'n') => {
  let n = 0;
  return () => `${prefix}${++n}`;
};
function must(r: FacilitationResult): FacilitationState {
  if (!r.ok) throw new Error(`refused: ${r.code} ${r.message}`);
  return r.state;
}
const parse = (raw: unknown) => AgendaSetPayload.parse(raw).items;

describe('agenda', () => {
  const first = must(
    setAgenda(
      initialFacilitationState('s1'),
      parse({
        items: [
          { title: 'Welcome', kind: 'discussion', plannedMinutes: 5 },
          { title: 'Housing', kind: 'drafting', plannedMinutes: 40, recommendationIds: ['r1'], theme: 'housing' },
        ],
      }),
      counter(),
    ),
  );

  it('gives new items server ids and fills the optional fields', () => {
    expect(first.agenda).toEqual([
      {
        id: 'n1',
        title: 'Welcome',
        titleKey: null,
        kind: 'discussion',
        plannedMinutes: 5,
        recommendationIds: [],
        intervisionPhase: null,
        theme: null,
      },
      {
        id: 'n2',
        title: 'Housing',
        titleKey: null,
        kind: 'drafting',
        plannedMinutes: 40,
        recommendationIds: ['r1'],
        intervisionPhase: null,
        theme: 'housing',
      },
    ]);
  });

  it('keeps existing ids on reorder, so the current item and its timer survive', () => {
    const current = { ...must(setCurrentItem(first, 'n2', 0)), timer: startTimer(40 * 60_000, 0) };
    const reordered = must(
      setAgenda(
        current,
        parse({
          items: [
            { id: 'n2', title: 'Housing', kind: 'drafting', plannedMinutes: 40 },
            { id: 'forged', title: 'Break', kind: 'break', plannedMinutes: 15 },
            { id: 'n1', title: 'Welcome', kind: 'discussion', plannedMinutes: 5 },
          ],
        }),
        counter('m'),
      ),
    );
    expect(reordered.agenda.map((i) => i.id)).toEqual(['n2', 'm1', 'n1']);
    expect(reordered.currentItemId).toBe('n2');
    expect(reordered.timer).toBe(current.timer);
  });

  it('clears the current item and timer when that item is removed', () => {
    const current = must(setCurrentItem(first, 'n2', 0));
    const s = must(
      setAgenda(
        current,
        parse({ items: [{ id: 'n1', title: 'Welcome', kind: 'discussion', plannedMinutes: 5 }] }),
        counter(),
      ),
    );
    expect(s.currentItemId).toBeNull();
    expect(s.timer).toBeNull();
  });

  it('moves the current item with its planned time, paused', () => {
    const s = must(setCurrentItem(first, 'n2', 7_000));
    expect(s.currentItemId).toBe('n2');
    expect(s.timer).toEqual(stoppedTimer(40 * 60_000, 7_000));
    expect(must(setCurrentItem(s, 'n2', 9_000))).toBe(s);
    expect(must(setCurrentItem(s, null, 9_000))).toMatchObject({ currentItemId: null, timer: null });
    expect(setCurrentItem(s, 'nope', 9_000)).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('finds the next item', () => {
    expect(nextItemId(first.agenda, null)).toBe('n1');
    expect(nextItemId(first.agenda, 'n1')).toBe('n2');
    expect(nextItemId(first.agenda, 'n2')).toBeNull();
    expect(nextItemId([], null)).toBeNull();
  });

  it('refuses malformed agendas at the edge', () => {
    const bad = (items: unknown[]) => AgendaSetPayload.safeParse({ items }).success;
    expect(bad([{ kind: 'discussion', plannedMinutes: 5 }])).toBe(false); // no title
    expect(bad([{ title: 'x', kind: 'intervision_phase', plannedMinutes: 5 }])).toBe(false); // no phase
    expect(bad([{ title: 'x', kind: 'discussion', plannedMinutes: 5, intervisionPhase: 'advice' }])).toBe(false);
    expect(
      bad([
        { id: 'a', title: 'x', kind: 'break', plannedMinutes: 5 },
        { id: 'a', title: 'y', kind: 'break', plannedMinutes: 5 },
      ]),
    ).toBe(false);
    expect(bad([{ title: 'x', kind: 'break', plannedMinutes: -1 }])).toBe(false);
    expect(bad([{ title: 'x', kind: 'break', plannedMinutes: 5 }])).toBe(true);
  });
});

describe('agendaProgress: what was held, what was skipped', () => {
  const phases = ['case_presentation', 'clarifying_questions', 'analysis', 'advice', 'reflection'] as const;
  const agenda = must(
    setAgenda(
      initialFacilitationState('s1'),
      parse({
        items: phases.map((intervisionPhase) => ({
          title: intervisionPhase,
          kind: 'intervision_phase',
          plannedMinutes: 10,
          intervisionPhase,
        })),
      }),
      counter('p'),
    ),
  );
  const progress = (s: FacilitationState) => [...agendaProgress(s).values()];

  it('is all upcoming before the meeting starts', () => {
    expect(progress(agenda)).toEqual(['upcoming', 'upcoming', 'upcoming', 'upcoming', 'upcoming']);
  });

  it('marks the phases jumped over as skipped, not done, and keeps them so when going back', () => {
    const held1 = must(setCurrentItem(agenda, 'p1', 0));
    const jumped = must(setCurrentItem(held1, 'p4', 1_000));
    expect(jumped.heldItemIds).toEqual(['p1', 'p4']);
    expect(progress(jumped)).toEqual(['done', 'skipped', 'skipped', 'current', 'upcoming']);
    // Back to the questions: the analysis stays skipped, the advice was held.
    const back = must(setCurrentItem(jumped, 'p2', 2_000));
    expect(progress(back)).toEqual(['done', 'current', 'skipped', 'done', 'upcoming']);
    // The intervision over (nothing current), what was skipped stays skipped.
    const over = must(setCurrentItem(must(setCurrentItem(back, 'p5', 3_000)), null, 4_000));
    expect(over.heldItemIds).toEqual(['p1', 'p4', 'p2', 'p5']);
    expect(progress(over)).toEqual(['done', 'done', 'skipped', 'done', 'done']);
  });

  it('holds an item once however often it is current', () => {
    const s = must(setCurrentItem(must(setCurrentItem(must(setCurrentItem(agenda, 'p1', 0)), 'p2', 1)), 'p1', 2));
    expect(s.heldItemIds).toEqual(['p1', 'p2']);
  });

  it('forgets items removed from the agenda, and everything on a new template', () => {
    const s = must(setCurrentItem(must(setCurrentItem(agenda, 'p1', 0)), 'p3', 1));
    const kept = must(
      setAgenda(
        s,
        parse({
          items: s.agenda
            .filter((i) => i.id !== 'p1')
            .map(({ id, title, kind, plannedMinutes, intervisionPhase }) => ({
              id,
              title,
              kind,
              plannedMinutes,
              intervisionPhase,
            })),
        }),
        counter('x'),
      ),
    );
    expect(kept.heldItemIds).toEqual(['p3']);
    expect(must(applyTemplate(s, 'intervision', { themes: [], newId: counter('t') })).heldItemIds).toEqual([]);
  });

  it('reads a state stored before heldItemIds as before: what precedes the current item is done', () => {
    const { heldItemIds: _held, ...old } = { ...agenda, currentItemId: 'p3' };
    expect([...agendaProgress(old).values()]).toEqual(['done', 'done', 'current', 'upcoming', 'upcoming']);
    // Moving on from there keeps them done.
    const next = must(setCurrentItem(old as FacilitationState, 'p4', 0));
    expect(next.heldItemIds).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(progress(next)).toEqual(['done', 'done', 'done', 'current', 'upcoming']);
  });
});
