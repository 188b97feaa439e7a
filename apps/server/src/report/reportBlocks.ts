import {
  LANGUAGES,
  type FrozenText,
  type Language,
  type MethodTally,
  type RecommendationDto,
  type Role,
  type VoterGroup,
} from '@roundtable/protocol';
import { motionQuestion } from '../votes/motionQuestion.js';
import { describeGroups, describeTally } from './describeTally.js';
import type { ReportWords } from './reportWords.js';
import type { ReportAmendment, ReportRecommendation, ReportVote, SessionReport } from './SessionReport.js';

/**
 * The report as a few kinds of block: Markdown, HTML, DOCX and PDF render this one structure.
 * Its shape depends on the data only, never on the language, so two languages' blocks pair
 * up one to one (the bilingual report's two columns).
 */
export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'quote'; text: string }
  | { kind: 'table'; head: string[]; rows: string[][] }
  /**
   * The language versions of one text, side by side in HTML (stacked in Markdown); each
   * version is marked with its language for readers, screen readers and spell checkers.
   */
  | { kind: 'versions'; versions: { lang: Language; label: string; text: string; hash?: string }[] };

/**
 * The vote's question as this column's reader reads it: a question the server worded from a
 * recommendation's title (motionQuestion, in the session's first language) is worded again in
 * the reader's language with the title in that language; a question someone typed stays as typed.
 */
function questionFor(question: string, w: ReportWords, about?: RecommendationDto): string {
  if (!about) return question;
  const worded = LANGUAGES.some((lang) => motionQuestion(about.title, lang) === question);
  return worded ? motionQuestion(about.titles[w.language] ?? about.title, w.language) : question;
}

function voteBlocks(rv: ReportVote, w: ReportWords, about?: RecommendationDto): Block[] {
  const { t, word, colon } = w;
  const { vote, tally, turnout } = rv;
  const blocks: Block[] = [];
  const facts = [
    `${t('votes.open.method')}${colon}${word(`votes.methods.${vote.method}.name`)} (${word(
      vote.anonymous ? 'votes.facts.secret' : 'votes.facts.named',
    )})`,
    `${t('report.opened')}${colon}${w.date(vote.openedAt)} · ${t('report.closed')}${colon}${
      vote.closedAt ? w.date(vote.closedAt) : t('report.stillOpen')
    }`,
    `${t('votes.results.ballots')}${colon}${turnout}${
      tally?.quorum
        ? ` · ${t('report.quorum')}${colon}${tally.quorum.required} (${t(tally.quorum.met ? 'report.quorumMet' : 'report.quorumNotMet')})`
        : ''
    }`,
  ];
  if (vote.question) facts.unshift(`${t('votes.open.question')}${colon}${questionFor(vote.question, w, about)}`);
  const described = tally ? describeTally(tally, vote, w) : undefined;
  facts.push(`${t('report.result')}${colon}${described ? described.summary : t('votes.results.hidden')}`);
  // Hands counted in the room are in the result above; the report says how many, per choice.
  if (tally?.room && (vote.method === 'approval' || vote.method === 'consent')) {
    const method = vote.method;
    const detail = Object.entries(tally.room.counts)
      .map(([c, n]) => `${word(`votes.choices.${method}.${c}` as 'votes.choices.approval.for')} ${n}`)
      .join(', ');
    facts.push(t('votes.room.counted', { count: tally.room.ballots, detail }));
  }
  blocks.push({ kind: 'list', items: facts });
  if (described?.table) blocks.push({ kind: 'table', ...described.table });
  // One group per recommendation: its versions in every session language, in session order.
  const byRecommendation = new Map<string, FrozenText[]>();
  for (const frozen of vote.frozenTexts) {
    byRecommendation.set(frozen.recommendationId, [...(byRecommendation.get(frozen.recommendationId) ?? []), frozen]);
  }
  for (const [recommendationId, texts] of byRecommendation) {
    const title = vote.options.find((o) => o.recommendationId === recommendationId)?.label;
    blocks.push({
      kind: 'paragraph',
      text: `${t('votes.frozen.heading', { count: 1 })}${title && vote.options.length > 0 ? ` — ${title}` : ''}${colon.trimEnd()}`,
    });
    if (texts.length === 1) {
      blocks.push({ kind: 'quote', text: texts[0]!.text });
      blocks.push({ kind: 'paragraph', text: `${t('report.textHash')}${colon}${texts[0]!.sha256}` });
      continue;
    }
    blocks.push({
      kind: 'versions',
      versions: texts.map((f) => ({
        lang: f.lang,
        label: t(`languages.${f.lang}`),
        text: f.text,
        hash: `${t('report.textHash')}${colon}${f.sha256}`,
      })),
    });
  }
  if (vote.languagesOverridden) blocks.push({ kind: 'paragraph', text: t('report.languagesOverridden') });
  if (described && described.reasons.length > 0) {
    blocks.push(
      { kind: 'paragraph', text: `${t('report.reasons')}${colon.trimEnd()}` },
      { kind: 'list', items: described.reasons },
    );
  }
  const groupRows: [string, MethodTally][] = [
    ...Object.entries(tally?.byGroup ?? {}).map(([group, gt]): [string, MethodTally] => [
      w.group(group as VoterGroup),
      gt,
    ]),
    // The groups an anonymous vote pools, so the rows add up to the totals with no row under 3.
    ...(tally?.otherGroups ? [[t('votes.results.otherGroups'), tally.otherGroups] as [string, MethodTally]] : []),
  ];
  if (groupRows.length > 0) {
    blocks.push(
      { kind: 'paragraph', text: `${t('votes.results.byGroup')}${colon.trimEnd()}` },
      { kind: 'table', ...describeGroups(groupRows, vote, w) },
    );
  }
  return blocks;
}

/**
 * One amendment: the passage and its replacement quoted, the reason, the outcome and how it
 * was decided, then the votes on it. No author: the record names people only in attendance.
 */
function amendmentBlocks(a: ReportAmendment, index: number, multilingual: boolean, w: ReportWords): Block[] {
  const { t, colon } = w;
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      // Numbered in brackets: "1." would be read (and escaped) as a Markdown list.
      text: `(${index + 1}) ${t('report.amendments.outcome')}${colon}${t(`report.amendments.status.${a.status}`)}${
        a.decidedBy ? ` (${t(`report.amendments.decidedBy.${a.decidedBy}`)})` : ''
      }${multilingual ? ` · ${t('report.amendments.language')}${colon}${t(`languages.${a.lang}`)}` : ''}`,
    },
    { kind: 'paragraph', text: `${t('report.amendments.original')}${colon.trimEnd()}` },
    { kind: 'quote', text: a.original },
    { kind: 'paragraph', text: `${t('report.amendments.replacement')}${colon.trimEnd()}` },
    { kind: 'quote', text: a.replacement === '' ? t('report.amendments.deletion') : a.replacement },
  ];
  if (a.reason) {
    blocks.push(
      { kind: 'paragraph', text: `${t('report.amendments.reason')}${colon.trimEnd()}` },
      { kind: 'quote', text: a.reason },
    );
  }
  for (const v of a.votes) {
    blocks.push({ kind: 'paragraph', text: `${t('report.amendments.vote')}${colon.trimEnd()}` }, ...voteBlocks(v, w));
  }
  return blocks;
}

/** A recommendation: its text in every language it has, its amendments, its votes and the decision. */
function recommendationBlocks(
  { recommendation, texts, amendments, votes }: ReportRecommendation,
  w: ReportWords,
): Block[] {
  const { t, word, colon } = w;
  // Every session language's title, in session order (the first is `title`).
  const titles = texts.flatMap((x) =>
    x.language && recommendation.titles?.[x.language] ? [recommendation.titles[x.language]!] : [],
  );
  const blocks: Block[] = [
    { kind: 'heading', level: 4, text: titles.length > 1 ? titles.join(' / ') : recommendation.title },
  ];
  const written = texts.filter((x) => x.text.trim() !== '');
  // The text as the server holds it now: final once decided, current while still open.
  const textLabel = ['adopted', 'rejected'].includes(recommendation.status)
    ? t('report.finalText')
    : t('report.currentText');
  if (written.length === 0) {
    blocks.push({ kind: 'paragraph', text: `${textLabel}${colon}${t('report.noText')}` });
  } else if (texts.length > 1) {
    // Language versions side by side (HTML), each marked with its language.
    blocks.push({ kind: 'paragraph', text: `${textLabel}${colon.trimEnd()}` });
    blocks.push({
      kind: 'versions',
      versions: texts.flatMap((x) =>
        x.language
          ? [
              {
                lang: x.language,
                label: t(`languages.${x.language}`),
                text: x.text.trim() === '' ? t('report.noText') : x.text,
              },
            ]
          : [],
      ),
    });
  } else {
    blocks.push(
      { kind: 'paragraph', text: `${textLabel}${colon.trimEnd()}` },
      { kind: 'quote', text: written[0]!.text },
    );
  }
  if (amendments.length > 0) {
    blocks.push({ kind: 'paragraph', text: `${t('report.amendments.heading')}${colon.trimEnd()}` });
    for (const [i, a] of amendments.entries()) blocks.push(...amendmentBlocks(a, i, texts.length > 1, w));
  }
  if (votes.length === 0) blocks.push({ kind: 'paragraph', text: t('report.noVotes') });
  for (const v of votes) blocks.push(...voteBlocks(v, w, recommendation));
  blocks.push({
    kind: 'paragraph',
    text: `${t('report.decision')}${colon}${word(`statuses.${recommendation.status}`)}`,
  });
  if (recommendation.decisionReason) {
    // A quote: the reason is multi-line text, rendered like the text voted on.
    blocks.push(
      { kind: 'paragraph', text: `${t('report.decisionReason')}${colon.trimEnd()}` },
      { kind: 'quote', text: recommendation.decisionReason },
    );
  }
  return blocks;
}

/** Questions from the room: a table of the approved and answered ones, then the counts. */
function questionBlocks(questions: SessionReport['questions'], w: ReportWords): Block[] {
  const { t, word } = w;
  const blocks: Block[] = [{ kind: 'heading', level: 2, text: t('questions.report.heading') }];
  if (questions.items.length === 0) blocks.push({ kind: 'paragraph', text: t('questions.report.none') });
  else {
    blocks.push({
      kind: 'table',
      head: [
        t('questions.report.question'),
        t('questions.report.language'),
        t('questions.report.state'),
        t('questions.report.votes'),
      ],
      rows: questions.items.map((q) => [
        q.text,
        q.lang === 'fr' || q.lang === 'nl' || q.lang === 'en' ? t(`languages.${q.lang}`) : q.lang,
        word(`questions.states.${q.state}`),
        String(q.votes),
      ]),
    });
  }
  blocks.push({
    kind: 'paragraph',
    text: t('questions.report.counts', { hidden: questions.hidden, pending: questions.pending }),
  });
  return blocks;
}

/**
 * Lays out the whole report in one language, in the order a reader files it: the session,
 * who attended, the agenda as run, each recommendation with its text and votes, the other
 * votes, questions from the room, speaking time, the minutes.
 */
export function reportBlocks(report: SessionReport, w: ReportWords): Block[] {
  const { t, word, colon } = w;
  const s = report.session;
  const blocks: Block[] = [
    {
      kind: 'heading',
      level: 1,
      text: `${t(report.audience === 'public' ? 'report.publicSummary.heading' : 'report.heading')} — ${s.title}`,
    },
    { kind: 'heading', level: 2, text: t('report.session') },
    {
      kind: 'list',
      items: [
        `${t('report.kind')}${colon}${word(`kinds.${s.kind}`)}`,
        ...(s.level ? [`${t('report.level')}${colon}${word(`levels.${s.level}`)}`] : []),
        ...(s.themes.length
          ? [`${t('report.themes')}${colon}${s.themes.map((theme) => word(`themes.${theme}`)).join(', ')}`]
          : []),
        `${t('report.date')}${colon}${w.date(s.createdAt)}`,
        `${t('report.timeZone')}${colon}${report.timeZone}`,
        ...(s.place ? [`${t('report.place')}${colon}${s.place}`] : []),
        `${t('report.generatedAt')}${colon}${w.date(report.generatedAt)}`,
      ],
    },
  ];

  const a = report.attendance;
  const total = t('report.total');
  blocks.push(
    { kind: 'heading', level: 2, text: t('report.attendance') },
    { kind: 'paragraph', text: `${total}${colon}${a.total}` },
    {
      kind: 'table',
      head: [t('report.byRole'), total],
      rows: Object.entries(a.byRole).map(([role, n]) => [word(`roles.${role as Role}`), String(n)]),
    },
    {
      kind: 'table',
      head: [t('speakingTime.byGroup'), total],
      rows: Object.entries(a.byOrganisationType)
        .filter(([, n]) => n > 0)
        .map(([g, n]) => [w.group(g as VoterGroup), String(n)]),
    },
  );
  if (report.participants) {
    blocks.push(
      { kind: 'heading', level: 3, text: t('report.participantsHeading') },
      {
        kind: 'table',
        head: [t('report.name'), t('report.organisation'), t('report.role')],
        rows: report.participants.map((p) => [p.name, p.organisation ?? '', word(`roles.${p.role}`)]),
      },
    );
  }

  const min = t('report.minutes');
  blocks.push({ kind: 'heading', level: 2, text: t('agenda.heading') });
  if (report.agenda.length === 0) blocks.push({ kind: 'paragraph', text: t('agenda.empty') });
  else {
    blocks.push({
      kind: 'list',
      items: report.agenda.map((item) => {
        const title = item.title ?? (item.titleKey ? w.agendaTitle(item.titleKey) : '');
        const theme = item.theme ? ` — ${word(`themes.${item.theme}`)}` : '';
        const skipped = report.skippedItemIds.includes(item.id) ? `, ${t('agenda.skipped')}` : '';
        return `${title}${theme} (${word(`agenda.kinds.${item.kind}`)}, ${item.plannedMinutes} ${min}${skipped})`;
      }),
    });
  }

  blocks.push({ kind: 'heading', level: 2, text: t('recommendations.heading') });
  if (report.recommendationsByTheme.length === 0)
    blocks.push({ kind: 'paragraph', text: t('report.noRecommendations') });
  for (const group of report.recommendationsByTheme) {
    blocks.push({
      kind: 'heading',
      level: 3,
      text: group.theme ? t(`themes.${group.theme}`) : t('recommendations.noTheme'),
    });
    for (const rec of group.recommendations) blocks.push(...recommendationBlocks(rec, w));
  }
  if (report.otherVotes.length > 0) {
    blocks.push({ kind: 'heading', level: 2, text: t('report.otherVotes') });
    report.otherVotes.forEach((v, i) => {
      const title = v.vote.question ?? v.vote.options.map((o) => o.label).join(' · ');
      blocks.push({ kind: 'heading', level: 3, text: title || `${t('report.vote')} ${i + 1}` });
      blocks.push(...voteBlocks(v, w));
    });
  }

  blocks.push(...questionBlocks(report.questions, w));
  if (report.speakingTime) {
    const st = report.speakingTime;
    const share = (ms: number) => (st.totalMs > 0 ? ` (${Math.round((ms / st.totalMs) * 100)} %)` : '');
    blocks.push(
      { kind: 'heading', level: 2, text: t('speakingTime.heading') },
      {
        kind: 'paragraph',
        text: `${t('report.speakingTimeNote')} ${t('report.turns')}${colon}${st.turns} · ${total}${colon}${w.duration(st.totalMs)}.`,
      },
      {
        kind: 'table',
        head: [t('speakingTime.group'), t('speakingTime.time')],
        rows: Object.entries(st.byGroup).map(([g, ms]) => [
          w.group(g as VoterGroup),
          `${w.duration(ms ?? 0)}${share(ms ?? 0)}`,
        ]),
      },
      {
        kind: 'table',
        head: [t('speakingTime.language'), t('speakingTime.time')],
        rows: Object.entries(st.byLanguage).map(([lang, ms]) => [
          w.spokenLanguage(lang),
          `${w.duration(ms ?? 0)}${share(ms ?? 0)}`,
        ]),
      },
    );
  }

  if (report.minutes === null) return blocks;
  blocks.push({ kind: 'heading', level: 2, text: t('report.minutesHeading') });
  const minutes = report.minutes
    .split('\n')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (minutes.length === 0) blocks.push({ kind: 'paragraph', text: t('report.noMinutes') });
  for (const paragraph of minutes) blocks.push({ kind: 'paragraph', text: paragraph });
  return blocks;
}
