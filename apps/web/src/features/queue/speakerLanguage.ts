import { useState } from 'react';
import { SPEAKER_LANGUAGES, type SpeakerLanguage } from '@roundtable/protocol/client';

/** Where the language a person last said they speak in is remembered, for their next raised hand. */
export const SPEAKER_LANGUAGE_STORAGE_KEY = 'roundtable.speakerLanguage';

/** The remembered speaking language, or null when none (or an unknown value) is stored. */
export function loadSpeakerLanguage(): SpeakerLanguage | null {
  try {
    const value = localStorage.getItem(SPEAKER_LANGUAGE_STORAGE_KEY);
    return (SPEAKER_LANGUAGES as readonly string[]).includes(value ?? '') ? (value as SpeakerLanguage) : null;
  } catch {
    return null; // storage disabled: the choice lasts as long as the page
  }
}

/** Remembers the language, or forgets it with null. */
export function storeSpeakerLanguage(next: SpeakerLanguage | null): void {
  try {
    if (next) localStorage.setItem(SPEAKER_LANGUAGE_STORAGE_KEY, next);
    else localStorage.removeItem(SPEAKER_LANGUAGE_STORAGE_KEY);
  } catch {
    // Not remembered; still used for this hand.
  }
}

/** The optional speaking language, remembered on this device; null means "not said". */
export function useSpeakerLanguage(): [SpeakerLanguage | null, (language: SpeakerLanguage | null) => void] {
  const [language, setLanguage] = useState<SpeakerLanguage | null>(loadSpeakerLanguage);
  const set = (next: SpeakerLanguage | null) => {
    setLanguage(next);
    storeSpeakerLanguage(next);
  };
  return [language, set];
}
