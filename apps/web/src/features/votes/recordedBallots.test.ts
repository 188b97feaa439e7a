import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadRecordedBallot, saveRecordedBallot } from './recordedBallots';
import { fakeStorage } from '../../testing/fakeStorage';

afterEach(() => vi.unstubAllGlobals());

describe('recorded ballots', () => {
  it('keeps a ballot per participant and vote in sessionStorage', () => {
    const storage = fakeStorage();
    vi.stubGlobal('sessionStorage', storage);
    saveRecordedBallot('p1', 'v1', { choice: 'for' });
    expect(storage.getItem('roundtable.ballot.p1.v1')).toBe('{"choice":"for"}');
    expect(loadRecordedBallot('p1', 'v1', 'approval')).toEqual({ choice: 'for' });
    expect(loadRecordedBallot('p2', 'v1', 'approval')).toBeNull();
    expect(loadRecordedBallot('p1', 'v2', 'approval')).toBeNull();
  });

  it('returns null for a stored ballot that does not fit the method', () => {
    const storage = fakeStorage();
    vi.stubGlobal('sessionStorage', storage);
    storage.setItem('roundtable.ballot.p1.v3', '{"choice":"maybe"}');
    expect(loadRecordedBallot('p1', 'v3', 'approval')).toBeNull();
  });

  it('falls back to the in-memory copy when the stored JSON is corrupt', () => {
    const storage = fakeStorage();
    vi.stubGlobal('sessionStorage', storage);
    saveRecordedBallot('p1', 'v4', { choice: 'against' });
    storage.setItem('roundtable.ballot.p1.v4', '{not json');
    expect(loadRecordedBallot('p1', 'v4', 'approval')).toEqual({ choice: 'against' });
  });

  it('still remembers the ballot for the page when storage throws', () => {
    const throwing = () => {
      throw new Error('SecurityError');
    };
    vi.stubGlobal('sessionStorage', { ...fakeStorage(), getItem: throwing, setItem: throwing });
    saveRecordedBallot('p1', 'v5', { choice: 'agree', reason: undefined });
    expect(loadRecordedBallot('p1', 'v5', 'consent')).toEqual({ choice: 'agree' });
  });
});
