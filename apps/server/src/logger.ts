import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * A token in a URL's query (`?token=…`, how the Yjs endpoint receives it) or after "Bearer":
 * the last line of defence, in case a URL or a header reaches a log line whole (an error's
 * message, a library's). Our own log calls log paths, never URLs with their query.
 */
const SECRET_IN_TEXT = /((?:[?&]|%3F|%26)token(?:=|%3D))[^&\s"'\\]+|(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi;

/** `text` with every token in it replaced by "[redacted]". */
export function redactSecrets(text: string): string {
  return text.replace(SECRET_IN_TEXT, (_m, query: string | undefined, bearer: string | undefined) =>
    query ? `${query}[redacted]` : `${bearer}[redacted]`,
  );
}

/** A URL as it may be logged: its path, without the query string (which may hold a token). */
export function pathOnly(url: string | undefined): string {
  if (!url) return '';
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/**
 * The root logger; modules take a named child (`log.child({ module })`). Every line goes
 * through redactSecrets before it is written, so no join token or facilitator token ends up
 * in log files, whoever wrote the line.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, base: { app: 'roundtable' }, hooks: { streamWrite: redactSecrets } };
  return destination ? pino(options, destination) : pino(options);
}
