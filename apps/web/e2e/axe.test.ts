import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import {
  expectNoAxeViolations,
  joinByCode,
  launchChromium,
  OUTPUT_DIR,
  openDraft,
  startServer,
  type RunningServer,
} from './harness.js';

/**
 * axe-core on every page and state a meeting goes through (issue #12): home, join, the
 * session for each role, a draft, each ballot, live and closed results, the queue, the tour
 * de table, intervision, the projector view and the HTML report. The states are set up
 * through the facilitator's own socket, as the facilitator's buttons would.
 */
let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const sockets: Socket[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

async function newPage(locale = 'en-GB'): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1100, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

interface Stored {
  sessionId: string;
  token: string;
  participant: { id: string; role: string };
}

/** The credentials the app stored after joining or creating, read back from localStorage. */
async function storedCredentials(page: Page, role: string): Promise<Stored> {
  const found = await page.evaluate((wanted) => {
    for (const value of Object.values(localStorage)) {
      try {
        const v = JSON.parse(value) as { token?: string; participant?: { role?: string } };
        if (v?.token && v.participant?.role === wanted) return v;
      } catch {
        // not ours
      }
    }
    return null;
  }, role);
  if (!found) throw new Error(`no stored ${role} credentials`);
  return found as Stored;
}

/** A socket.io connection with a token, to set up states as the app's buttons would. */
async function socketOf(token: string): Promise<Socket> {
  const socket = io(server.url, { auth: { token }, transports: ['websocket'] });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

async function send(socket: Socket, event: string, payload: unknown): Promise<Record<string, unknown>> {
  const ack = (await socket.timeout(10_000).emitWithAck(event, payload)) as {
    ok: boolean;
    error?: unknown;
  } & Record<string, unknown>;
  expect(ack.ok, `${event}: ${JSON.stringify(ack.error)}`).toBe(true);
  return ack;
}

async function createSession(page: Page, title: string, kind: string): Promise<Stored> {
  await page.goto(server.url);
  const create = page.getByTestId('create-form');
  await create.locator('input[name="title"]').fill(title);
  await create.locator('select[name="kind"]').selectOption(kind);
  await create.locator('input[name="name"]').fill('Anne');
  await create.locator('button[type="submit"]').click();
  await page.getByTestId('session-title').waitFor();
  return storedCredentials(page, 'facilitator');
}

async function addRecommendation(facilitator: Stored, title: string): Promise<string> {
  const res = await fetch(`${server.url}/api/sessions/${facilitator.sessionId}/recommendations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${facilitator.token}` },
    body: JSON.stringify({ title }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { recommendation: { id: string } }).recommendation.id;
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(OUTPUT_DIR, `${name}.png`), fullPage: true });

function shootOnFailure(prefix: string): void {
  onTestFailed(async () => {
    let i = 0;
    for (const c of contexts)
      for (const p of c.pages()) await shot(p, `${prefix}-failure-${i++}`).catch(() => undefined);
  });
}

describe('axe on every page and state', () => {
  it('a round table: home, join, session, draft, each ballot, results, queue, tour, projector, report', async () => {
    shootOnFailure('axe');
    const facilitatorPage = await newPage('fr-BE');
    await facilitatorPage.goto(server.url);
    await facilitatorPage.getByTestId('create-form').waitFor();
    await expectNoAxeViolations(facilitatorPage, 'home');
    const facilitator = await createSession(facilitatorPage, 'Table ronde emploi', 'round_table');
    await expectNoAxeViolations(facilitatorPage, 'session, facilitator');
    const draftId = await addRecommendation(facilitator, 'Accès à l’emploi');
    await facilitatorPage.getByTestId('recommendation-list').getByRole('link', { name: 'Accès à l’emploi' }).waitFor();
    const codeOf = async (testId: string) => (await facilitatorPage.getByTestId(testId).textContent())!.trim();
    const participantCode = await codeOf('participant-code');
    const observerCode = await codeOf('observer-code');

    const participantPage = await newPage('nl-BE');
    await participantPage.goto(`${server.url}/j/${participantCode}`);
    await participantPage.getByTestId('join-form').waitFor();
    await expectNoAxeViolations(participantPage, 'join');
    await joinByCode(participantPage, server.url, participantCode, 'Bram');
    await expectNoAxeViolations(participantPage, 'session, participant');
    const participant = await storedCredentials(participantPage, 'participant');

    const observerPage = await newPage('en-GB');
    await joinByCode(observerPage, server.url, observerCode, 'Chloé');
    await expectNoAxeViolations(observerPage, 'session, observer');

    await openDraft(participantPage, 'Accès à l’emploi');
    await participantPage.getByTestId('editor').click();
    await participantPage.keyboard.type('Reconnaître les diplômes.');
    await expectNoAxeViolations(participantPage, 'draft, participant');
    await openDraft(observerPage, 'Accès à l’emploi');
    await expectNoAxeViolations(observerPage, 'draft, observer');
    await participantPage.goBack();
    await participantPage.getByTestId('session-title').waitFor();

    // Each ballot in turn, with its live results, then closed.
    const control = await socketOf(facilitator.token);
    const voter = await socketOf(participant.token);
    const votes: { method: string; payload: Record<string, unknown> }[] = [
      { method: 'approval', payload: { recommendationId: draftId } },
      { method: 'consent', payload: { question: 'Adopter l’ordre du jour ?' } },
      { method: 'score', payload: { question: 'Priorités', options: ['Logement', 'Emploi', 'Santé'] } },
      { method: 'ranking', payload: { question: 'Classement', options: ['Logement', 'Emploi', 'Santé'] } },
      { method: 'dots', payload: { question: 'Gommettes', options: ['Logement', 'Emploi', 'Santé'], dotsBudget: 5 } },
    ];
    for (const { method, payload } of votes) {
      const opened = await send(control, 'vote:open', { method, ...payload });
      const vote = opened.vote as { id: string; options: { id: string }[] };
      const voteId = vote.id;
      const ballot = participantPage.locator(`[data-testid="ballot-form"]`);
      await ballot.first().waitFor();
      await expectNoAxeViolations(participantPage, `ballot, ${method}`);
      await shot(participantPage, `axe-ballot-${method}`);
      await send(voter, 'vote:cast', {
        voteId,
        ballot: ballotFor(
          method,
          vote.options.map((o) => o.id),
        ),
      });
      await facilitatorPage.getByTestId('vote-results').first().waitFor();
      await expectNoAxeViolations(facilitatorPage, `results, live, ${method}`);
      await send(control, 'vote:close', { voteId });
      await expect.poll(() => participantPage.locator('[data-testid="ballot-form"]').count()).toBe(0);
      await expectNoAxeViolations(participantPage, `results, closed, ${method}`);
      await expectNoAxeViolations(observerPage, `observer after the ${method} vote`);
    }

    // The queue and the floor.
    await send(voter, 'queue:raise', {});
    await participantPage.getByTestId('queue-list').waitFor();
    await expectNoAxeViolations(participantPage, 'queue, hand raised');
    await expectNoAxeViolations(facilitatorPage, 'queue, facilitator');
    await send(control, 'queue:next', {});
    await participantPage.getByTestId('floor-speaker').waitFor();
    await expectNoAxeViolations(participantPage, 'floor, speaking');
    await send(control, 'floor:end', {});

    // The tour de table.
    await send(control, 'tour:start', { order: 'seat', turnLimitSeconds: 60 });
    await facilitatorPage.getByTestId('tour-turn').waitFor();
    await expectNoAxeViolations(facilitatorPage, 'tour, facilitator');
    await expectNoAxeViolations(participantPage, 'tour, participant');
    await send(control, 'tour:end', {});

    // The projector: the facilitator's credentials in another tab.
    const screen = await facilitatorPage.context().newPage();
    await screen.goto(`${server.url}/s/${facilitator.sessionId}/screen`);
    await screen.getByTestId('projector').waitFor();
    await expectNoAxeViolations(screen, 'projector');
    const opened = await send(control, 'vote:open', { method: 'approval', question: 'Clôturer la séance ?' });
    await screen.getByTestId('screen-vote').waitFor();
    await expectNoAxeViolations(screen, 'projector, vote open');
    await send(control, 'vote:close', { voteId: (opened.vote as { id: string }).id });

    // The HTML report, as the facilitator downloads it.
    // It is served as a download (Content-Disposition), so it is read as the reader's browser would open the file.
    const res = await fetch(`${server.url}/api/sessions/${facilitator.sessionId}/report?format=html`, {
      headers: { authorization: `Bearer ${facilitator.token}` },
    });
    expect(res.status).toBe(200);
    const report = await newPage('fr-BE');
    await report.setContent(await res.text());
    await expectNoAxeViolations(report, 'HTML report');
    // About 30 axe runs, each a few seconds on a shared 2-core machine.
  }, 300_000);

  it('intervision: the steps, the case bringer and the notes', async () => {
    shootOnFailure('axe-intervision');
    const facilitatorPage = await newPage('nl-BE');
    const facilitator = await createSession(facilitatorPage, 'Intervisie', 'intervision');
    await facilitatorPage.getByTestId('intervision-panel').waitFor();
    await expectNoAxeViolations(facilitatorPage, 'intervision, facilitator');
    const code = (await facilitatorPage.getByTestId('participant-code').textContent())!.trim();
    const participantPage = await newPage('fr-BE');
    await joinByCode(participantPage, server.url, code, 'Fatima');
    const participant = await storedCredentials(participantPage, 'participant');
    const control = await socketOf(facilitator.token);
    await send(control, 'intervision:setCaseBringer', { participantId: participant.participant.id });
    await participantPage.getByTestId('case-bringer-name').waitFor();
    await participantPage.getByTestId('phase-notes').first().waitFor();
    await expectNoAxeViolations(participantPage, 'intervision, case bringer');
    await expectNoAxeViolations(facilitatorPage, 'intervision, case bringer set');
  });
});

/** A valid ballot for each method, on the vote's options (or its motion). */
function ballotFor(method: string, options: string[]): unknown {
  const each = (value: (i: number) => number) => Object.fromEntries(options.map((id, i) => [id, value(i)]));
  switch (method) {
    case 'approval':
      return { choice: 'for' };
    case 'consent':
      return { choice: 'agree' };
    case 'score':
      return { scores: each((i) => 5 - i) };
    case 'ranking':
      return { order: [...options].reverse() };
    default:
      return { dots: each((i) => (i === 0 ? 3 : i === 1 ? 2 : 0)) };
  }
}
