import { DEFAULT_TIME_ZONE, isTimeZone } from '@roundtable/protocol/client';

/**
 * The zones the create form offers: Belgium's and its neighbours', the other EU capitals'
 * most used by partners, and a few from where delegations join; UTC last.
 */
export const COMMON_TIME_ZONES = [
  'Europe/Brussels',
  'Europe/Amsterdam',
  'Europe/Luxembourg',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/London',
  'Europe/Dublin',
  'Europe/Lisbon',
  'Europe/Madrid',
  'Europe/Rome',
  'Europe/Warsaw',
  'Europe/Athens',
  'Europe/Helsinki',
  'Europe/Istanbul',
  'Africa/Casablanca',
  'Africa/Kinshasa',
  'America/New_York',
  'America/Toronto',
  'UTC',
] as const;

/** The zone the form starts with: the browser's when Intl knows it, else the default. */
export function initialTimeZone(browserZone: string | undefined): string {
  return browserZone && isTimeZone(browserZone) ? browserZone : DEFAULT_TIME_ZONE;
}

/** The choices: the browser's own zone first when it is not a common one, then the common ones. */
export function timeZoneChoices(browserZone: string | undefined): string[] {
  const own = initialTimeZone(browserZone);
  return (COMMON_TIME_ZONES as readonly string[]).includes(own) ? [...COMMON_TIME_ZONES] : [own, ...COMMON_TIME_ZONES];
}

/** The browser's zone, or undefined where Intl cannot say. */
export function browserTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}
