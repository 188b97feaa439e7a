import { type Config, ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { createRoundtableServer } from './createServer.js';

/** A shutdown that has not finished by then is cut short (the process exits 1). */
const SHUTDOWN_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`roundtable: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  const server = await createRoundtableServer(config, log);
  const port = await server.listen();
  log.info({ port, host: config.host, dataDir: config.dataDir }, `Roundtable listening on http://localhost:${port}`);

  const stop = (signal: string) => {
    log.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(1), SHUTDOWN_TIMEOUT_MS).unref();
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`roundtable: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
