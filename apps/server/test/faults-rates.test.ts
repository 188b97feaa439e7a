import { describe, expect, it, vi } from 'vitest';
import { SOCKET_EVENT_RATE, YJS_CLOSE, YJS_MESSAGE_RATE } from '@roundtable/protocol';
import { EMPTY_AWARENESS, socketEventFlood, yjsFrameFlood } from './helpers/badClient.js';
import { emit, faultRig, lines } from './helpers/faultRig.js';
import { appendParagraph, connectDoc, createSessionFixture, rawYjs, startTestServer } from './helpers/testServer.js';

/**
 * Rate limits per connection (docs/architecture.md "Rate limits"): Yjs frames and carets over
 * YJS_MESSAGE_RATE, socket.io events over SOCKET_EVENT_RATE; the one over them is refused or
 * cut off, no one else.
 */

const { cleanups, docOn, socketOn } = faultRig();

describe('rate limits per connection', () => {
  it('closes a Yjs connection that floods frames with 4429, and no one else', async () => {
    const t = await startTestServer();
    cleanups.push(() => t.close());
    const s = await createSessionFixture(t.url);
    const good = docOn(t.wsUrl, s, s.facilitator.token);
    await vi.waitFor(() => expect(good.provider.synced).toBe(true), { timeout: 10_000 });
    const closes: number[] = [];
    good.provider.on('connection-close', (e: CloseEvent | null) => closes.push(e?.code ?? -1));
    // A burst fits; a whole second bucket of refused frames on top is a flood.
    expect(await yjsFrameFlood(t.wsUrl, s.recommendationId, s.participant.token, YJS_MESSAGE_RATE.burst * 3)).toBe(
      YJS_CLOSE.rateLimited,
    );
    appendParagraph(good.body, 'toujours là');
    const other = docOn(t.wsUrl, s, s.observer.token);
    await vi.waitFor(() => expect(lines(other.body)).toContain('toujours là'), { timeout: 10_000 });
    expect(closes).toEqual([]);
  });

  it('closes an editor over the rate with 4429; it reconnects and nothing it typed is lost', async () => {
    const t = await startTestServer();
    cleanups.push(() => t.close());
    const s = await createSessionFixture(t.url);
    // As the web app's draft provider does: 4429 is worth a retry.
    const fast = connectDoc(
      t.wsUrl,
      s.recommendationId,
      s.participant.token,
      undefined,
      (e) => e.code === YJS_CLOSE.rateLimited,
    );
    cleanups.push(() => fast.provider.destroy());
    await vi.waitFor(() => expect(fast.provider.synced).toBe(true), { timeout: 10_000 });
    const closes: number[] = [];
    fast.provider.on('connection-close', (e: CloseEvent | null) => closes.push(e?.code ?? -1));
    // One frame per paragraph, all at once: past the burst.
    const typed = Array.from({ length: YJS_MESSAGE_RATE.burst + 200 }, (_, i) => `ligne ${i}`);
    for (const line of typed) appendParagraph(fast.body, line);
    await vi.waitFor(() => expect(closes).toContain(YJS_CLOSE.rateLimited), { timeout: 10_000 });
    const reader = docOn(t.wsUrl, s, s.observer.token);
    await vi.waitFor(() => expect(lines(reader.body)).toEqual(typed), { timeout: 20_000 });
  });

  it('drops carets over the rate without closing, short of a flood', async () => {
    const t = await startTestServer();
    cleanups.push(() => t.close());
    const s = await createSessionFixture(t.url);
    const conn = rawYjs(t.wsUrl, s.recommendationId, s.participant.token);
    cleanups.push(async () => conn.ws.close());
    await conn.opened;
    for (let i = 0; i < YJS_MESSAGE_RATE.burst + 100; i++) conn.ws.send(EMPTY_AWARENESS);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(conn.ws.readyState).toBe(conn.ws.OPEN);
  });

  it('refuses socket.io events over the rate with rate_limited in the ack, then disconnects a flood', async () => {
    const t = await startTestServer();
    cleanups.push(() => t.close());
    const s = await createSessionFixture(t.url);
    const bystander = await socketOn(t.url, s.observer.token);
    // A burst's worth of requests, one after the other, is answered…
    const within = SOCKET_EVENT_RATE.burst / 2;
    const result = await socketEventFlood(t.url, s.participant.token, SOCKET_EVENT_RATE.burst * 4, within);
    expect(result.acks.slice(0, within)).toEqual(Array(within).fill('ok'));
    // …past the bucket, events are refused in their ack, and a flood is cut off.
    expect(result.acks.slice(within)).toContain('rate_limited');
    expect(result.disconnectReason).toBe('io server disconnect');
    expect(await emit(bystander, 'presence:list', undefined)).toMatchObject({ ok: true });
  });
});
