import { pino, type Logger } from 'pino';

/** The root logger; modules take a named child (`log.child({ module })`). */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'roundtable' } });
}
