import { describe, expect, it } from 'vitest';
import { AgendaSetPayload, type FacilitationState } from '@roundtable/protocol';
import { nextItemId, setAgenda, setCurrentItem } from './agenda.js';
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
