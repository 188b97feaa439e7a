import type { ReportLabels } from './reportLabels.js';
import { describeTally } from './describeTally.js';
import type { ReportVote, SessionReport } from './SessionReport.js';

/** The report as a few kinds of block, so Markdown and HTML render one structure. */
export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'quote'; text: string }
  | { kind: 'table'; head: string[]; rows: string[][] };

const date = (iso: string, language: string) =>
  new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : `${language}-BE`, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Brussels',
  }).format(new Date(iso));

function voteBlocks(rv: ReportVote, report: SessionReport, l: ReportLabels): Block[] {
  const { vote, tally, turnout } = rv;
  const lang = report.session.language;
  const blocks: Block[] = [];
  const facts = [
    `${l.method}${l.colon}${l.methods[vote.method]} (${vote.anonymous ? l.anonymous : l.named})`,
    `${l.opened}${l.colon}${date(vote.openedAt, lang)} · ${l.closed}${l.colon}${vote.closedAt ? date(vote.closedAt, lang) : l.stillOpen}`,
    `${l.turnout}${l.colon}${turnout}${
      tally.quorum ? ` · ${l.quorum}${l.colon}${tally.quorum.required} (${tally.quorum.met ? l.quorumMet : l.quorumNotMet})` : ''
    }`,
  ];
  if (vote.question) facts.unshift(`${l.question}${l.colon}${vote.question}`);
  const described = describeTally(tally, vote, l);
  facts.push(`${l.result}${l.colon}${described.summary}`);
  blocks.push({ kind: 'list', items: facts });
  if (described.table) blocks.push({ kind: 'table', ...described.table });
  for (const frozen of vote.frozenTexts) {
    const title = vote.options.find((o) => o.recommendationId === frozen.recommendationId)?.label;
    blocks.push({ kind: 'paragraph', text: `${l.votedText}${title && vote.options.length > 0 ? ` — ${title}` : ''}${l.colon.trimEnd()}` });
    blocks.push({ kind: 'quote', text: frozen.text });
    blocks.push({ kind: 'paragraph', text: `${l.textHash}${l.colon}${frozen.sha256}` });
  }
  if (described.reasons.length > 0) {
    blocks.push({ kind: 'paragraph', text: `${l.reasons}${l.colon.trimEnd()}` }, { kind: 'list', items: described.reasons });
  }
  if (tally.byGroup && Object.keys(tally.byGroup).length > 0) {
    blocks.push({ kind: 'paragraph', text: `${l.byGroup}${l.colon.trimEnd()}` });
    blocks.push({
      kind: 'table',
      head: [l.group, l.result],
      rows: Object.entries(tally.byGroup).map(([group, t]) => [
        l.groups[group as keyof ReportLabels['groups']],
        describeTally({ ...t, quorum: null }, vote, l).summary,
      ]),
    });
  }
  return blocks;
}

/** Lays out the whole report in the session's language. */
export function reportBlocks(report: SessionReport, l: ReportLabels): Block[] {
  const s = report.session;
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: `${l.title} — ${s.title}` },
    {
      kind: 'list',
      items: [
        `${l.generatedAt}${l.colon}${date(report.generatedAt, s.language)}`,
        `${l.kind}${l.colon}${l.kinds[s.kind]}`,
        ...(s.level ? [`${l.level}${l.colon}${l.levels[s.level]}`] : []),
        ...(s.themes.length ? [`${l.themes}${l.colon}${s.themes.map((t) => l.themesNames[t]).join(', ')}`] : []),
      ],
    },
    { kind: 'heading', level: 2, text: l.recommendations },
  ];
  if (report.recommendationsByTheme.length === 0) blocks.push({ kind: 'paragraph', text: l.noRecommendations });
  for (const group of report.recommendationsByTheme) {
    blocks.push({ kind: 'heading', level: 3, text: group.theme ? l.themesNames[group.theme] : l.noTheme });
    for (const { recommendation, votes } of group.recommendations) {
      blocks.push({ kind: 'heading', level: 4, text: recommendation.title });
      blocks.push({ kind: 'paragraph', text: `${l.status}${l.colon}${l.statuses[recommendation.status]}` });
      if (votes.length === 0) blocks.push({ kind: 'paragraph', text: l.noVotes });
      for (const v of votes) blocks.push(...voteBlocks(v, report, l));
    }
  }
  if (report.otherVotes.length > 0) {
    blocks.push({ kind: 'heading', level: 2, text: l.otherVotes });
    report.otherVotes.forEach((v, i) => {
      const title = v.vote.question ?? v.vote.options.map((o) => o.label).join(' · ');
      blocks.push({ kind: 'heading', level: 3, text: title || `${l.vote} ${i + 1}` });
      blocks.push(...voteBlocks(v, report, l));
    });
  }
  blocks.push({ kind: 'heading', level: 2, text: l.agenda });
  if (report.agenda.length === 0) blocks.push({ kind: 'paragraph', text: l.noAgenda });
  else {
    blocks.push({
      kind: 'list',
      items: report.agenda.map((item) => {
        const title = item.title ?? (item.titleKey ? (l.agendaTitles[item.titleKey] ?? item.titleKey) : '');
        const theme = item.theme ? ` — ${l.themesNames[item.theme]}` : '';
        return `${title}${theme} (${l.agendaKinds[item.kind]}, ${item.plannedMinutes} ${l.minutes})`;
      }),
    });
  }
  if (report.speakingTime) {
    const st = report.speakingTime;
    const minutes = (ms: number) => `${(ms / 60_000).toFixed(1)} ${l.minutes}`;
    const share = (ms: number) => (st.totalMs > 0 ? ` (${Math.round((ms / st.totalMs) * 100)} %)` : '');
    blocks.push(
      { kind: 'heading', level: 2, text: l.speakingTime },
      { kind: 'paragraph', text: `${l.speakingTimeNote} ${l.turns}${l.colon}${st.turns}.` },
      {
        kind: 'table',
        head: [l.group, l.speakingTime],
        rows: Object.entries(st.byGroup).map(([g, ms]) => [l.groups[g as keyof ReportLabels['groups']], `${minutes(ms ?? 0)}${share(ms ?? 0)}`]),
      },
      {
        kind: 'table',
        head: [l.language, l.speakingTime],
        rows: Object.entries(st.byLanguage).map(([lang, ms]) => [
          l.languages[lang as keyof ReportLabels['languages']],
          `${minutes(ms ?? 0)}${share(ms ?? 0)}`,
        ]),
      },
    );
  }

  const a = report.attendance;
  blocks.push(
    { kind: 'heading', level: 2, text: l.attendance },
    { kind: 'paragraph', text: `${l.total}${l.colon}${a.total}` },
    {
      kind: 'table',
      head: [l.byRole, l.total],
      rows: Object.entries(a.byRole).map(([role, n]) => [l.roles[role as keyof ReportLabels['roles']], String(n)]),
    },
    {
      kind: 'table',
      head: [l.byOrganisationType, l.total],
      rows: Object.entries(a.byOrganisationType)
        .filter(([, n]) => n > 0)
        .map(([g, n]) => [l.groups[g as keyof ReportLabels['groups']], String(n)]),
    },
  );
  if (report.participants) {
    blocks.push(
      { kind: 'heading', level: 3, text: l.participants },
      {
        kind: 'table',
        head: [l.name, l.organisation, l.role],
        rows: report.participants.map((p) => [p.name, p.organisation ?? '', l.roles[p.role]]),
      },
    );
  }
  return blocks;
}
