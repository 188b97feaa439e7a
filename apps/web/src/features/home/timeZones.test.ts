import { describe, expect, it } from 'vitest';
import { COMMON_TIME_ZONES, initialTimeZone, timeZoneChoices } from './timeZones';

describe('time zone choices', () => {
  it("start with the browser's zone when Intl knows it, else Europe/Brussels", () => {
    expect(initialTimeZone('Europe/Amsterdam')).toBe('Europe/Amsterdam');
    expect(initialTimeZone('Asia/Tokyo')).toBe('Asia/Tokyo');
    expect(initialTimeZone(undefined)).toBe('Europe/Brussels');
    expect(initialTimeZone('Mars/Olympus_Mons')).toBe('Europe/Brussels');
    expect(initialTimeZone('+01:00')).toBe('Europe/Brussels');
  });

  it("offer the browser's own zone first when it is not a common one, never twice", () => {
    expect(timeZoneChoices('Asia/Tokyo')[0]).toBe('Asia/Tokyo');
    expect(timeZoneChoices('Asia/Tokyo')).toHaveLength(COMMON_TIME_ZONES.length + 1);
    expect(timeZoneChoices('Europe/Paris')).toEqual([...COMMON_TIME_ZONES]);
    expect(timeZoneChoices(undefined)).toEqual([...COMMON_TIME_ZONES]);
  });

  it('offers only zones the server takes', () => {
    for (const zone of COMMON_TIME_ZONES) expect(initialTimeZone(zone), zone).toBe(zone);
  });
});
