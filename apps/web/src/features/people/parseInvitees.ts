import { MAX_INVITATIONS, ORGANISATION_TYPES, type Invitee, type OrganisationType } from '@roundtable/protocol/client';

/** Why a line was not taken, as a catalogue key under `people.invite.problems`. */
export type InviteeProblem = 'name' | 'type' | 'role' | 'tooMany';

export interface ParsedInvitees {
  people: Invitee[];
  problems: { line: number; problem: InviteeProblem; value?: string }[];
}

/** Longest name the server takes (JoinBody's rule), so the list is refused here, not there. */
const MAX_NAME = 80;
const MAX_ORGANISATION = 120;
/** First cells that mark a heading row of a spreadsheet export, in fr, nl and en. */
const HEADINGS = new Set(['name', 'nom', 'naam']);
const ROLES = {
  participant: 'participant',
  observer: 'observer',
  observateur: 'observer',
  waarnemer: 'observer',
} as const;

/**
 * Splits one CSV line on commas or semicolons (whichever the line uses first), with
 * RFC 4180 quotes ("a, b" and doubled "" inside quotes).
 */
export function splitCsvLine(line: string): string[] {
  const separator = /[;,]/.exec(line.replace(/"[^"]*"/g, ''))?.[0] ?? ',';
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells.map((x) => x.trim());
}

/**
 * Reads a pasted list or an imported CSV: one person a line, `name, organisation, type, role`.
 * Type is an organisation type key (`civil_society`); role `participant` (default) or
 * `observer`. Empty lines and a heading row are skipped; the server checks everything again.
 */
export function parseInvitees(text: string): ParsedInvitees {
  const people: Invitee[] = [];
  const problems: ParsedInvitees['problems'] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const [name = '', organisation = '', type = '', role = ''] = splitCsvLine(raw);
    if (index === 0 && HEADINGS.has(name.toLowerCase())) return;
    if (name.length === 0 || [...name].length > MAX_NAME) {
      problems.push({ line, problem: 'name' });
      return;
    }
    const typeKey = type.toLowerCase().replace(/[\s-]/g, '_');
    if (typeKey && !(ORGANISATION_TYPES as readonly string[]).includes(typeKey)) {
      problems.push({ line, problem: 'type', value: type });
      return;
    }
    const roleKey = (role.toLowerCase() || 'participant') as keyof typeof ROLES;
    if (!(roleKey in ROLES)) {
      problems.push({ line, problem: 'role', value: role });
      return;
    }
    people.push({
      name,
      ...(organisation ? { organisation: [...organisation].slice(0, MAX_ORGANISATION).join('') } : {}),
      ...(typeKey ? { organisationType: typeKey as OrganisationType } : {}),
      role: ROLES[roleKey],
    });
  });
  if (people.length > MAX_INVITATIONS) problems.push({ line: lines.length, problem: 'tooMany' });
  return { people, problems };
}
