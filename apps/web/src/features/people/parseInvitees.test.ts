import { describe, expect, it } from 'vitest';
import { MAX_INVITATIONS } from '@roundtable/protocol';
import { parseInvitees, splitCsvLine } from './parseInvitees';

describe('parseInvitees', () => {
  it('reads a pasted list and a spreadsheet export with a heading row', () => {
    const pasted = 'Ana Peeters, CPAS Liège, local_authority, participant\nBilal\n\nChloé; ; ; observer';
    expect(parseInvitees(pasted)).toEqual({
      people: [
        { name: 'Ana Peeters', organisation: 'CPAS Liège', organisationType: 'local_authority', role: 'participant' },
        { name: 'Bilal', role: 'participant' },
        { name: 'Chloé', role: 'observer' },
      ],
      problems: [],
    });
    const csv = '\uFEFFnaam;organisatie;type;rol\r\n"De Smet, Jan";"Unia ""Brussel""";equality_body;waarnemer\r\n';
    expect(parseInvitees(csv).people).toEqual([
      { name: 'De Smet, Jan', organisation: 'Unia "Brussel"', organisationType: 'equality_body', role: 'observer' },
    ]);
  });

  it('names the lines it cannot take, and why', () => {
    const { people, problems } = parseInvitees(
      `${'x'.repeat(81)}\nAna, , mayor\nBen, , , facilitator\n=cmd|calc, , other`,
    );
    expect(problems).toEqual([
      { line: 1, problem: 'name' },
      { line: 2, problem: 'type', value: 'mayor' },
      { line: 3, problem: 'role', value: 'facilitator' },
    ]);
    // A formula-looking name is a name: the server stores text, the CSV export defuses it.
    expect(people).toEqual([{ name: '=cmd|calc', organisationType: 'other', role: 'participant' }]);
  });

  it('refuses more people than one request may invite', () => {
    const text = Array.from({ length: MAX_INVITATIONS + 1 }, (_, i) => `P${i}`).join('\n');
    expect(parseInvitees(text).problems).toEqual([{ line: MAX_INVITATIONS + 1, problem: 'tooMany' }]);
  });

  it('splits on the separator the line uses, outside quotes', () => {
    expect(splitCsvLine('"a;b",c')).toEqual(['a;b', 'c']);
    expect(splitCsvLine('a;b,c')).toEqual(['a', 'b,c']);
  });
});
