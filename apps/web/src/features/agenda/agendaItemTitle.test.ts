import { describe, expect, it } from 'vitest';
import { AGENDA_TEMPLATES } from '@roundtable/protocol';
import { isAgendaTemplateKey } from './agendaItemTitle';

describe('isAgendaTemplateKey', () => {
  it('knows every key of every template', () => {
    for (const lines of Object.values(AGENDA_TEMPLATES))
      for (const line of lines) expect(isAgendaTemplateKey(line.titleKey)).toBe(true);
  });

  it('refuses null, other catalogue keys and near misses', () => {
    expect(isAgendaTemplateKey(null)).toBe(false);
    expect(isAgendaTemplateKey('')).toBe(false);
    expect(isAgendaTemplateKey('agenda.untitled')).toBe(false);
    expect(isAgendaTemplateKey('agenda.templates.thematic_meeting')).toBe(false);
    expect(isAgendaTemplateKey('agenda.templates.thematic_meeting.welcome ')).toBe(false);
  });
});
