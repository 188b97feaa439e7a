import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { MeetingState } from '@roundtable/protocol';
import { OUTPUT_DIR } from './harness.js';
import { joinedAs, meetingSuite, must } from './meetingSetup.js';

/**
 * The countdown's contrast, measured (issue #12): in every state a timer has (ready, running,
 * paused, over time), on the facilitator's controls, the "now in the meeting" bar and the
 * projector (the app's one dark screen; there is no dark theme besides), each part of the
 * countdown (digits, "left", status) against the background it is actually drawn on, by the
 * WCAG 2.x formula: at least 4.5:1, or 3:1 for large text (24 px, or 18.66 px bold).
 */
const suite = meetingSuite('contrast', { title: 'Table ronde', language: 'fr', recommendation: 'Accès' });

interface Measure {
  part: string;
  ratio: number;
  large: boolean;
  color: string;
  background: string;
}

/** Contrast of each text part of the timers in `selector`, computed in the page. */
function measure(page: Page, selector: string): Promise<Measure[]> {
  return page.evaluate((sel) => {
    type Rgba = [number, number, number, number];
    const parse = (c: string): Rgba => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) throw new Error(`colour not understood: ${c}`);
      const [r, g, b, a = '1'] = m[1]!.split(/[\s,/]+/).filter(Boolean);
      return [Number(r), Number(g), Number(b), Number(a)];
    };
    const over = (top: Rgba, below: Rgba): Rgba => {
      const a = top[3] + below[3] * (1 - top[3]);
      const mix = (i: number) => (top[i]! * top[3] + below[i]! * below[3] * (1 - top[3])) / (a || 1);
      return [mix(0), mix(1), mix(2), a];
    };
    /** The background an element is painted on: its own and its ancestors' colours, composited. */
    const backgroundOf = (e: Element | null): Rgba => {
      if (!e) return [255, 255, 255, 1];
      const own = parse(getComputedStyle(e).backgroundColor);
      return own[3] >= 1 ? own : over(own, backgroundOf(e.parentElement));
    };
    const luminance = ([r, g, b]: Rgba) => {
      const lin = (v: number) => {
        const s = v / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const out: Measure[] = [];
    for (const timer of document.querySelectorAll(sel)) {
      for (const part of timer.querySelectorAll('.timer__value, .timer__label, .timer__status')) {
        const style = getComputedStyle(part);
        const bg = backgroundOf(part);
        const fg = over(parse(style.color), bg);
        const [l1, l2] = [luminance(fg), luminance(bg)].sort((a, b) => b - a) as [number, number];
        const size = Number.parseFloat(style.fontSize);
        out.push({
          part: `${timer.closest('[data-testid]')?.getAttribute('data-testid')} ${part.className} (${timer.getAttribute('data-state')})`,
          ratio: Math.round(((l1 + 0.05) / (l2 + 0.05)) * 100) / 100,
          large: size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700),
          color: style.color,
          background: `rgb(${bg.slice(0, 3).map(Math.round).join(', ')})`,
        });
      }
    }
    return out;
  }, selector);
}

describe('the countdown', () => {
  it('meets WCAG contrast in every state, on the session page and on the projector', async () => {
    suite.shootOnFailure('failure', false);
    const { meeting } = suite;
    const session = await suite.newPage('fr-BE', 1280);
    await joinedAs(session, meeting.facilitator);
    await session.goto(`${suite.url}/s/${meeting.created.session.id}`);
    await session.getByTestId('session-title').waitFor();
    // Its own window: a tab in the background would not tick.
    const screenContext = await suite.newContext({ locale: 'fr-BE', viewport: { width: 1280, height: 720 } });
    const screen = await screenContext.newPage();
    await joinedAs(screen, meeting.facilitator);
    screen.setDefaultTimeout(15_000);
    await screen.goto(`${suite.url}/s/${meeting.created.session.id}/screen`);
    await screen.getByTestId('screen-title').waitFor();

    const fac = await meeting.socket(meeting.facilitator.token);
    const { state } = await must<{ state: MeetingState }>(fac, 'meeting:get', {});
    await must(fac, 'agenda:current', { itemId: state.agenda[0]!.id });
    const timers = {
      session: '[data-testid="agenda-timer"], [data-testid="now-timer"]',
      screen: '[data-testid="screen-timer"] [role="timer"]',
    };
    const seen: Measure[] = [];
    const check = async (phase: string) => {
      for (const [page, sel, count] of [
        [session, timers.session, 2],
        [screen, timers.screen, 1],
      ] as const) {
        await expect
          .poll(() => page.locator(sel).evaluateAll((ts) => ts.map((t) => t.getAttribute('data-state'))), {
            timeout: 10_000,
          })
          .toEqual(Array(count).fill(phase));
        const found = await measure(page, sel);
        expect(found.length).toBeGreaterThanOrEqual(count * 2);
        seen.push(...found);
      }
      await screen.screenshot({ path: join(OUTPUT_DIR, `contrast-screen-${phase}.png`) });
      await session
        .getByTestId('timer-controls')
        .screenshot({ path: join(OUTPUT_DIR, `contrast-controls-${phase}.png`) });
    };
    await check('ready');
    await must(fac, 'timer:start', { durationSeconds: 600 });
    await check('running');
    await must(fac, 'timer:pause', {});
    await check('paused');
    await must(fac, 'timer:start', { durationSeconds: 1 });
    await check('over');
    fac.close();

    const failing = seen.filter((m) => m.ratio < (m.large ? 3 : 4.5));
    expect(failing, JSON.stringify(failing, null, 1)).toEqual([]);
    // Recorded for docs/accessibility: the lowest ratio of each state.
    console.info(
      seen.map((m) => `${m.part}: ${m.ratio}:1 ${m.large ? '(large)' : ''} ${m.color} on ${m.background}`).join('\n'),
    );
  });
});
