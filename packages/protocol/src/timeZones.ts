/* Time zones of sessions, without zod (the TimeZone schema of primitives.ts uses these). */

/** The zone a session's times are written in when it names none (every session before them). */
export const DEFAULT_TIME_ZONE = 'Europe/Brussels';
/** IANA names ("Europe/Brussels", "America/Argentina/Buenos_Aires", "Etc/GMT+1", "UTC"), not offsets. */
const TIME_ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/;

/** True when `name` is an IANA time zone name this runtime's Intl knows (aliases included). */
export function isTimeZone(name: string): boolean {
  if (name.length > 64 || !TIME_ZONE_NAME.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The name as Intl spells it ("europe/brussels" is "Europe/Brussels"); `name` itself if unknown. */
export function canonicalTimeZone(name: string): string {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return name;
  }
}
