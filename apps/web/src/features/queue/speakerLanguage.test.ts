import { afterEach, describe, expect, it, vi } from 'vitest';
import { SPEAKER_LANGUAGE_STORAGE_KEY, loadSpeakerLanguage, storeSpeakerLanguage } from './speakerLanguage';
import { fakeStorage } from '../../testing/fakeStorage';

afterEach(() => vi.unstubAllGlobals());

describe('speaker language', () => {
  it('is remembered and forgotten on this device', () => {
    const storage = fakeStorage();
    vi.stubGlobal('localStorage', storage);
    expect(loadSpeakerLanguage()).toBeNull();
    storeSpeakerLanguage('nl');
    expect(storage.getItem(SPEAKER_LANGUAGE_STORAGE_KEY)).toBe('nl');
    expect(loadSpeakerLanguage()).toBe('nl');
    storeSpeakerLanguage(null);
    expect(storage.getItem(SPEAKER_LANGUAGE_STORAGE_KEY)).toBeNull();
    expect(loadSpeakerLanguage()).toBeNull();
  });

  it('ignores a stored value that is not a speaking language', () => {
    const storage = fakeStorage();
    vi.stubGlobal('localStorage', storage);
    storage.setItem(SPEAKER_LANGUAGE_STORAGE_KEY, 'de');
    expect(loadSpeakerLanguage()).toBeNull();
    storage.setItem(SPEAKER_LANGUAGE_STORAGE_KEY, 'other');
    expect(loadSpeakerLanguage()).toBe('other');
  });

  it('does without storage when it throws', () => {
    const throwing = () => {
      throw new Error('SecurityError');
    };
    vi.stubGlobal('localStorage', { ...fakeStorage(), getItem: throwing, setItem: throwing, removeItem: throwing });
    expect(() => storeSpeakerLanguage('fr')).not.toThrow();
    expect(() => storeSpeakerLanguage(null)).not.toThrow();
    expect(loadSpeakerLanguage()).toBeNull();
  });
});
