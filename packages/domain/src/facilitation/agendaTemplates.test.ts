import { describe, expect, it } from 'vitest';
import { AGENDA_TEMPLATE_NAMES, AgendaItem, DEFAULT_AGENDA_TEMPLATE } from '@roundtable/protocol';
import { applyTemplate, buildTemplateAgenda } from './agendaTemplates.js';
import { initialFacilitationState } from './state.js';
import { startTimer } from './timers.js';

const counter = () => {
  let n = 0;
  return () => `id${++n}`;
};
const summary = (items: AgendaItem[]) =>
  items.map((i) => [i.id, i.titleKey, i.kind, i.plannedMinutes, i.intervisionPhase, i.theme]);

describe('agenda templates', () => {
  it('builds a thematic meeting with one drafting item per theme', () => {
    const items = buildTemplateAgenda('thematic_meeting', { themes: ['housing', 'youth'], newId: counter() });
    expect(summary(items)).toEqual([
      ['id1', 'agenda.templates.thematic_meeting.welcome', 'discussion', 10, null, null],
      ['id2', 'agenda.templates.thematic_meeting.context', 'discussion', 20, null, null],
      ['id3', 'agenda.templates.thematic_meeting.drafting', 'drafting', 45, null, 'housing'],
      ['id4', 'agenda.templates.thematic_meeting.drafting', 'drafting', 45, null, 'youth'],
      ['id5', 'agenda.templates.thematic_meeting.votes', 'vote', 30, null, null],
      ['id6', 'agenda.templates.thematic_meeting.wrap_up', 'discussion', 10, null, null],
    ]);
  });

  it('keeps one drafting item without a theme when the session has none', () => {
    const items = buildTemplateAgenda('thematic_meeting', { themes: [], newId: counter() });
    expect(items.filter((i) => i.kind === 'drafting').map((i) => i.theme)).toEqual([null]);
  });

  it('builds a round table', () => {
    expect(summary(buildTemplateAgenda('round_table', { themes: ['health'], newId: counter() }))).toEqual([
      ['id1', 'agenda.templates.round_table.tour_de_table', 'discussion', 30, null, null],
      ['id2', 'agenda.templates.round_table.discussion', 'discussion', 45, null, null],
      ['id3', 'agenda.templates.round_table.recommendations', 'drafting', 45, null, null],
    ]);
  });

  it('builds the intervision phases in order', () => {
    const items = buildTemplateAgenda('intervision', { themes: [], newId: counter() });
    expect(items.map((i) => [i.kind, i.intervisionPhase])).toEqual([
      ['intervision_phase', 'case_presentation'],
      ['intervision_phase', 'clarifying_questions'],
      ['intervision_phase', 'analysis'],
      ['intervision_phase', 'advice'],
      ['intervision_phase', 'reflection'],
    ]);
  });

  it('makes items the wire schema accepts, titled by i18n key only', () => {
    for (const name of AGENDA_TEMPLATE_NAMES) {
      for (const item of buildTemplateAgenda(name, { themes: ['gender'], newId: counter() })) {
        expect(AgendaItem.parse(item)).toEqual(item);
        expect(item.title).toBeNull();
        expect(item.titleKey).toMatch(new RegExp(`^agenda\\.templates\\.${name}\\.`));
      }
    }
  });

  it('maps session kinds to their template', () => {
    expect(DEFAULT_AGENDA_TEMPLATE).toEqual({
      thematic_meeting: 'thematic_meeting',
      round_table: 'round_table',
      participatory_dialogue: null,
      training: null,
      intervision: 'intervision',
    });
  });

  it('replaces the agenda, clearing the current item and timer', () => {
    const before = { ...initialFacilitationState('s1'), currentItemId: 'old', timer: startTimer(1000, 0) };
    const r = applyTemplate(before, 'round_table', { themes: [], newId: counter() });
    expect(r.ok && r.state).toMatchObject({ currentItemId: null, timer: null });
    expect(r.ok && r.state.agenda.map((i) => i.id)).toEqual(['id1', 'id2', 'id3']);
  });
});
