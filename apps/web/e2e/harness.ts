import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, onTestFailed } from 'vitest';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from 'playwright-core';

const webRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The production build of the server, serving the production build of the web app. */
const SERVER_MAIN = join(webRoot, '..', 'server', 'dist', 'main.js');
const LISTENING = /Roundtable listening on http:\/\/localhost:(\d+)/;
/** Screenshots land here, beside vitest's JSON result. */
export const OUTPUT_DIR = join(webRoot, '..', '..', 'test-results', 'e2e');

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/** Starts the built server on a free port with a fresh DATA_DIR. */
export async function startServer(): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rt-e2e-'));
  mkdirSync(OUTPUT_DIR, { recursive: true });
  // The server's log stays beside the screenshots, for whoever reads a failure.
  const log = createWriteStream(join(OUTPUT_DIR, 'server.log'));
  const child: ChildProcess = spawn(process.execPath, [SERVER_MAIN], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = LISTENING.exec(out);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    void exited.then(() => reject(new Error(`server exited before listening: ${out}`)));
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless, with the flags this machine's closed network needs. */
export function launchChromium(): Promise<Browser> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** What a browser test file shares: one server, one Chromium, the contexts it opened, screenshots named after the file. */
export interface BrowserSuite {
  /** The running server's address (set once `beforeAll` has run). */
  readonly url: string;
  /** A new browser context (its own storage: another person), closed after the file's tests. */
  newContext(options: BrowserContextOptions): Promise<BrowserContext>;
  /** A new context and its page, 900 px high, `width` px wide, waiting up to 15 s for what it looks for. */
  newPage(locale: string, width?: number): Promise<Page>;
  /** A screenshot (of the whole page by default) in OUTPUT_DIR, named `<prefix>-<name>.png` (`<name>.png` with no prefix). */
  shot(page: Page, name: string, fullPage?: boolean): Promise<Buffer>;
  /**
   * Called in a test: when it fails, a screenshot of every page (whole, or only its viewport with
   * `fullPage` false), as each person saw it, for whoever reads the CI output.
   */
  shootOnFailure(name?: string, fullPage?: boolean): void;
}

/**
 * Registers the `beforeAll`/`afterAll` of a browser test file (start the built server, launch
 * Chromium; close every context, the browser and the server) and gives what its tests use.
 */
export function browserSuite(prefix: string, options: { acceptDownloads?: boolean } = {}): BrowserSuite {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });
  const shot = (page: Page, name: string, fullPage = true) =>
    page.screenshot({ path: join(OUTPUT_DIR, `${prefix ? `${prefix}-` : ''}${name}.png`), fullPage });
  const newContext = async (contextOptions: BrowserContextOptions) => {
    if (!browser) throw new Error('the browser is not launched yet (use the suite inside a test)');
    const context = await browser.newContext(contextOptions);
    contexts.push(context);
    return context;
  };
  return {
    get url() {
      if (!server) throw new Error('the server is not started yet (use the suite inside a test)');
      return server.url;
    },
    newContext,
    async newPage(locale, width = 1100) {
      const context = await newContext({
        locale,
        viewport: { width, height: 900 },
        ...(options.acceptDownloads ? { acceptDownloads: true } : {}),
      });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      return page;
    },
    shot,
    shootOnFailure(name = 'failure', fullPage = true) {
      onTestFailed(async () => {
        let i = 0;
        for (const c of contexts)
          for (const p of c.pages()) await shot(p, `${name}-${i++}`, fullPage).catch(() => undefined);
      });
    },
  };
}

/**
 * Creates a session from the home page as its facilitator (`name`), and waits for its page.
 * `fill` fills more of the form (after the title, before the name), e.g. a language or a theme.
 */
export async function createSession(
  page: Page,
  serverUrl: string,
  title: string,
  { name = 'Anne', fill }: { name?: string; fill?: (form: Locator) => Promise<void> } = {},
): Promise<void> {
  await page.goto(serverUrl);
  const form = page.getByTestId('create-form');
  await form.locator('input[name="title"]').fill(title);
  if (fill) await fill(form);
  await form.locator('input[name="name"]').fill(name);
  await form.locator('button[type="submit"]').click();
  await page.getByTestId('session-title').waitFor();
}

/** The code shown on the facilitator's session page for a role. */
export async function codeOf(page: Page, role: 'participant' | 'observer'): Promise<string> {
  return (await page.getByTestId(`${role}-code`).textContent())!.trim();
}

/** Adds a recommendation from the session page and waits for it in the list; `fill` fills more of the form. */
export async function addRecommendation(
  page: Page,
  title: string,
  fill?: (form: Locator) => Promise<void>,
): Promise<void> {
  const form = page.getByTestId('add-recommendation-form');
  await form.locator('input[name="title"]').fill(title);
  if (fill) await fill(form);
  await form.locator('button[type="submit"]').click();
  await page.getByTestId('recommendation-list').getByRole('link', { name: title }).waitFor();
}

/** Joins a session through its join link (`/j/<code>`) with a display name. */
export async function joinByCode(page: Page, serverUrl: string, code: string, name: string): Promise<void> {
  await page.goto(`${serverUrl}/j/${code}`);
  const form = page.getByTestId('join-form');
  await form.locator('input[name="name"]').fill(name);
  await form.locator('button[type="submit"]').click();
  await page.getByTestId('session-title').waitFor();
}

/** Opens a recommendation's draft from the session page. */
export async function openDraft(page: Page, title: string): Promise<void> {
  await page.getByTestId('recommendation-list').getByRole('link', { name: title }).click();
  await page.getByTestId('editor').waitFor();
}

/** axe-core's own build, read once; injected into each page it checks. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One axe finding, short enough to read in a test failure. */
interface AxeFinding {
  rule: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core (every rule of its default set: WCAG 2.x A and AA, and best practices) on the
 * page as it is now, and fails with each violation and the elements it names. `state` says
 * which page and state was checked, for the failure message.
 */
export async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
  // Through the DevTools protocol, so no Content-Security-Policy can stop it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const findings = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe;
    interface AxeResults {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: {
          target: unknown[];
          html: string;
          failureSummary?: string;
          any: { relatedNodes?: { html: string }[] }[];
        }[];
      }[];
    }
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => {
        const related = n.any.flatMap((c) => c.relatedNodes ?? []).map((r) => r.html.slice(0, 200));
        const also = related.length > 0 ? `\n    related: ${related.join('\n    related: ')}` : '';
        return `${JSON.stringify(n.target)} ${n.html.slice(0, 200)}\n    ${n.failureSummary ?? ''}${also}`;
      }),
    }));
  });
  const report = (findings as AxeFinding[])
    .map((f) => `${f.rule} (${f.impact}): ${f.help}\n  ${f.nodes.join('\n  ')}`)
    .join('\n');
  if (findings.length > 0) throw new Error(`axe found ${findings.length} violation(s) on ${state}:\n${report}`);
}
