import { describe, expect, it } from 'vitest';
import { fakeStorage } from '../../testing/fakeStorage';
import { LAST_SEEN_KEY, MAX_SEEN_DRAFTS, MAX_SEEN_TEXT, lastSeen, recordSeen } from './lastSeenStore';

describe('last seen drafts', () => {
  it('gives back what was recorded, per recommendation and language', () => {
    const storage = fakeStorage();
    recordSeen(storage, 'rec1', 'fr', { versionId: 'v1', text: 'Texte vu.' }, 1_000);
    recordSeen(storage, 'rec1', 'nl', { versionId: null, text: 'Geziene tekst.' }, 2_000);
    expect(lastSeen(storage, 'rec1', 'fr')).toEqual({
      versionId: 'v1',
      text: 'Texte vu.',
      truncated: false,
      at: 1_000,
    });
    expect(lastSeen(storage, 'rec1', 'nl')?.text).toBe('Geziene tekst.');
    expect(lastSeen(storage, 'rec2', 'fr')).toBeNull();
  });

  it('replaces an older record of the same draft', () => {
    const storage = fakeStorage();
    recordSeen(storage, 'rec1', 'en', { versionId: 'v1', text: 'Old.' }, 1_000);
    recordSeen(storage, 'rec1', 'en', { versionId: 'v2', text: 'New.' }, 2_000);
    expect(lastSeen(storage, 'rec1', 'en')).toMatchObject({ versionId: 'v2', text: 'New.' });
  });

  it('keeps only the most recently seen drafts, and cuts long texts', () => {
    const storage = fakeStorage();
    for (let i = 0; i < MAX_SEEN_DRAFTS + 5; i++)
      recordSeen(storage, `rec${i}`, 'fr', { versionId: null, text: 'x' }, i);
    expect(lastSeen(storage, 'rec0', 'fr')).toBeNull();
    expect(lastSeen(storage, 'rec4', 'fr')).toBeNull();
    expect(lastSeen(storage, 'rec5', 'fr')).not.toBeNull();
    expect(Object.keys(JSON.parse(storage.getItem(LAST_SEEN_KEY)!))).toHaveLength(MAX_SEEN_DRAFTS);

    recordSeen(storage, 'long', 'fr', { versionId: null, text: 'y'.repeat(MAX_SEEN_TEXT + 1) }, 100);
    expect(lastSeen(storage, 'long', 'fr')).toMatchObject({ truncated: true });
    expect(lastSeen(storage, 'long', 'fr')?.text).toHaveLength(MAX_SEEN_TEXT);
  });

  it('ignores what it cannot read, and a storage that refuses writes', () => {
    const storage = fakeStorage();
    storage.setItem(
      LAST_SEEN_KEY,
      '{"rec1:fr":{"text":42},"rec2:fr":{"versionId":null,"text":"ok","truncated":false,"at":1}}',
    );
    expect(lastSeen(storage, 'rec1', 'fr')).toBeNull();
    expect(lastSeen(storage, 'rec2', 'fr')?.text).toBe('ok');
    storage.setItem(LAST_SEEN_KEY, 'not json');
    expect(lastSeen(storage, 'rec2', 'fr')).toBeNull();

    const full = {
      ...fakeStorage(),
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => recordSeen(full, 'rec1', 'fr', { versionId: null, text: 'x' }, 1)).not.toThrow();
    expect(() => recordSeen(null, 'rec1', 'fr', { versionId: null, text: 'x' }, 1)).not.toThrow();
  });
});
