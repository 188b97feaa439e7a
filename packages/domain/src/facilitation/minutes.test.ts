import { describe, expect, it } from 'vitest';
import {
  mayWriteMinutes,
  minutesDocName,
  parseMinutesDocName,
  setMinuteTaker,
  setSummaryPublished,
} from './minutes.js';
import { initialFacilitationState } from './state.js';

describe('minutes', () => {
  const state = initialFacilitationState('s1');

  it('names one document per session and reads the session back', () => {
    expect(minutesDocName('0f8b7a2e-1c3d-4e5f-8a9b-0c1d2e3f4a5b')).toBe('minutes-0f8b7a2e-1c3d-4e5f-8a9b-0c1d2e3f4a5b');
    expect(parseMinutesDocName(minutesDocName('abc'))).toBe('abc');
    expect(parseMinutesDocName('ivn-analysis-abc')).toBeNull();
    expect(parseMinutesDocName('minutes-')).toBeNull();
    expect(parseMinutesDocName(`minutes-${'a'.repeat(57)}`)).toBeNull();
    expect(() => minutesDocName('a/b')).toThrow();
  });

  it('lets facilitators and the named participant write, nobody else', () => {
    const named = setMinuteTaker(state, { participantId: 'p1', role: 'participant' });
    if (!named.ok) throw new Error('refused');
    expect(mayWriteMinutes(named.state, 'p1', 'participant')).toBe(true);
    expect(mayWriteMinutes(named.state, 'p2', 'participant')).toBe(false);
    expect(mayWriteMinutes(named.state, 'f1', 'facilitator')).toBe(true);
    expect(mayWriteMinutes(state, 'p1', 'participant')).toBe(false);
    // An observer holding the taker's id (impossible, but the role decides anyway).
    expect(mayWriteMinutes(named.state, 'p1', 'observer')).toBe(false);
    const cleared = setMinuteTaker(named.state, null);
    expect(cleared.ok && cleared.state.minuteTakerId).toBeNull();
  });

  it('refuses an observer or a facilitator as minute-taker, and returns the same state when nothing changes', () => {
    expect(setMinuteTaker(state, { participantId: 'o1', role: 'observer' }).ok).toBe(false);
    expect(setMinuteTaker(state, { participantId: 'f1', role: 'facilitator' }).ok).toBe(false);
    const same = setMinuteTaker(state, null);
    expect(same.ok && same.state).toBe(state);
  });
});

describe('public summary', () => {
  const state = initialFacilitationState('s1');
  let n = 0;
  const newKey = () => `key-${++n}-abcdefghijklmnop`;

  it('publishes under a new key, keeps it while published, forgets it when withdrawn', () => {
    const published = setSummaryPublished(state, true, newKey);
    if (!published.ok) throw new Error('refused');
    const key = published.state.publicSummaryKey;
    expect(key).toBe('key-1-abcdefghijklmnop');
    const again = setSummaryPublished(published.state, true, newKey);
    expect(again.ok && again.state).toBe(published.state);
    const withdrawn = setSummaryPublished(published.state, false, newKey);
    expect(withdrawn.ok && withdrawn.state.publicSummaryKey).toBeNull();
    const renewed = withdrawn.ok ? setSummaryPublished(withdrawn.state, true, newKey) : withdrawn;
    expect(renewed.ok && renewed.state.publicSummaryKey).not.toBe(key);
  });
});
