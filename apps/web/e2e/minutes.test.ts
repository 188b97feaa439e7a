import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserSuite, codeOf, createSession, joinByCode, OUTPUT_DIR } from './harness.js';

/**
 * #16: the facilitator names a minute-taker, who writes the minutes live while another
 * participant only reads them; the facilitator downloads the bilingual PDF and the DOCX.
 */
const suite = browserSuite('minutes', { acceptDownloads: true });
const { newPage, shot } = suite;

describe('minutes and report downloads in the browser', () => {
  it('lets the named minute-taker write, others read, and downloads fr+nl files', async () => {
    suite.shootOnFailure();
    const facilitator = await newPage('fr-BE');
    await createSession(facilitator, suite.url, 'Table ronde logement');
    const participantCode = await codeOf(facilitator, 'participant');

    // Dirk on a phone (320 px), Bram on a laptop.
    const dirk = await newPage('nl-BE', 320);
    await joinByCode(dirk, suite.url, participantCode, 'Dirk');
    const bram = await newPage('nl-BE');
    await joinByCode(bram, suite.url, participantCode, 'Bram');
    await expect.poll(() => facilitator.getByTestId('presence-list').textContent()).toContain('Dirk');

    // Before anyone is named, participants read the minutes only.
    const dirkPanel = dirk.getByTestId('minutes-panel');
    await expect.poll(() => dirkPanel.getByTestId('minutes-editor').getAttribute('data-editable')).toBe('false');

    const panel = facilitator.getByTestId('minutes-panel');
    await panel.getByLabel('Rédacteur·rice du procès-verbal').selectOption({ label: 'Dirk' });
    await panel.getByTestId('minutes-taker-set').click();
    await expect.poll(() => panel.getByTestId('minutes-taker').textContent()).toContain('Dirk');
    await expect.poll(() => dirkPanel.getByTestId('minutes-editor').getAttribute('data-editable')).toBe('true');
    await expect.poll(() => dirkPanel.getByTestId('minutes-taker').textContent()).toContain('U schrijft de notulen');
    expect(await bram.getByTestId('minutes-editor').getAttribute('data-editable')).toBe('false');

    await dirkPanel.getByTestId('editor').click();
    await dirk.keyboard.type('De sessie begint om 14 uur.');
    await expect.poll(() => panel.getByTestId('editor').innerText()).toContain('De sessie begint om 14 uur.');
    await expect.poll(() => bram.getByTestId('editor').innerText()).toContain('De sessie begint om 14 uur.');
    await shot(dirk, 'taker-phone');

    // The facilitator downloads the report in French and Dutch, as PDF and as Word.
    const downloads = facilitator.getByTestId('report-downloads');
    await downloads.getByTestId('report-lang').selectOption('fr+nl');
    for (const format of ['pdf', 'docx'] as const) {
      const [download] = await Promise.all([
        facilitator.waitForEvent('download'),
        downloads.getByTestId(`report-${format}`).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`-fr-nl\\.${format}$`));
      const saved = join(OUTPUT_DIR, `minutes-report.${format}`);
      await download.saveAs(saved);
      const head = (await readFile(saved)).subarray(0, 4).toString('latin1');
      expect(head).toBe(format === 'pdf' ? '%PDF' : 'PK\u0003\u0004');
    }
    await shot(facilitator, 'facilitator');

    // The facilitator publishes the public summary: the projector shows its QR code, and the
    // link opens without any token, with no names in it.
    const summary = facilitator.getByTestId('public-summary');
    await summary.getByTestId('public-summary-toggle').click();
    const link = summary.getByTestId('public-summary-link');
    const href = (await link.getAttribute('href'))!;
    const sessionId = new URL(facilitator.url()).pathname.split('/')[2]!;
    const screen = await facilitator.context().newPage();
    await screen.goto(`${suite.url}/s/${sessionId}/screen`);
    await screen.getByTestId('screen-summary-qr').waitFor();
    await screen.screenshot({ path: join(OUTPUT_DIR, 'minutes-projector-summary.png') });
    const page = await (await fetch(href)).text();
    expect(page).toContain('Synthèse publique — Table ronde logement');
    for (const name of ['Anne', 'Dirk', 'Bram', 'De sessie begint']) expect(page).not.toContain(name);
    await summary.getByTestId('public-summary-toggle').click();
    await screen.getByTestId('screen-summary').waitFor({ state: 'detached' });
    expect((await fetch(href)).status).toBe(404);
  });
});
