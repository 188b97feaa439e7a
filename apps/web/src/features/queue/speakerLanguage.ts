import { useState } from 'react';
import { SPEAKER_LANGUAGES, type SpeakerLanguage } from '@roundtable/protocol';

/** Where the language a person last said they speak in is remembered, for their next raised hand. */
const STORAGE_KEY = 'roundtable.speakerLanguage';

function load(): SpeakerLanguage | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return (SPEAKER_LANGUAGES as readonly string[]).includes(value ?? '') ? (value as SpeakerLanguage) : null;
  } catch {
    return null; // storage disabled: the choice lasts as long as the page
  }
}

/** The optional speaking language, remembered on this device; null means "not said". */
export function useSpeakerLanguage(): [SpeakerLanguage | null, (language: SpeakerLanguage | null) => void] {
  const [language, setLanguage] = useState<SpeakerLanguage | null>(load);
  const set = (next: SpeakerLanguage | null) => {
    setLanguage(next);
    try {
      if (next) localStorage.setItem(STORAGE_KEY, next);
      else localStorage.removeItem(STORAGE_KEY);
    } catch {
      // Not remembered; still used for this hand.
    }
  };
  return [language, set];
}
