import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Route } from 'playwright-core';
import { launchChromium, OUTPUT_DIR, startServer, type RunningServer } from './harness.js';
import { joinedAs, type Meeting, setUpMeeting } from './meetingSetup.js';

/**
 * A draft on a poor link (issue #12): the editor (Tiptap, ProseMirror) is its own chunk, and
 * until it arrives the stored text is on screen, read-only. The chunk is held back here, as a
 * 400 kbit/s link would for ~2 s, to see what the reader has meanwhile.
 */
let server: RunningServer;
let browser: Browser;
let meeting: Meeting;
const TEXT = 'Garantir un accès égal au logement';

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  meeting = await setUpMeeting(server.url, { title: 'Table ronde', language: 'fr', recommendation: TEXT });
});
afterAll(async () => {
  meeting?.close();
  await browser?.close();
  await server?.stop();
});

describe('a draft while its editor downloads', () => {
  it('shows the stored text read-only first, then the live editor', async () => {
    for (const width of [320, 1100]) {
      const context = await browser.newContext({ locale: 'fr-BE', viewport: { width, height: 800 } });
      try {
        const page = await context.newPage();
        page.setDefaultTimeout(15_000);
        const held: Route[] = [];
        await page.route(/\/assets\/CollaborativeEditor-[^/]+\.js$/, (route) => {
          held.push(route);
        });
        await joinedAs(page, meeting.voters[0]!);
        await page.goto(`${server.url}/s/${meeting.created.session.id}/r/${meeting.recommendationId}`);
        const preview = page.getByTestId('draft-preview');
        await expect.poll(() => preview.getAttribute('data-loaded')).toBe('true');
        expect(await preview.innerText()).toContain(`${TEXT}.`);
        expect(await preview.locator('[contenteditable]').count()).toBe(0);
        expect(await page.getByTestId('editor').count()).toBe(0);
        await page.screenshot({ path: join(OUTPUT_DIR, `draft-preview-${width}.png`) });
        // The editor arrives: it takes the preview's place, editable and live.
        await expect.poll(() => held.length).toBeGreaterThan(0);
        for (const route of held) await route.continue();
        await page.locator('[data-testid="editor"][contenteditable="true"]').waitFor();
        expect(await page.getByTestId('editor').innerText()).toContain(`${TEXT}.`);
        expect(await preview.count()).toBe(0);
      } finally {
        await context.close();
      }
    }
  });
});
