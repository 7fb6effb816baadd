import { ConfigError, loadConfig, type Config } from '../config/config';
import { createLogger, type Logger } from '../logger';

/** Shared by the entry files: parse the configuration, run, and exit with a readable error. */
export function runEntry(main: (config: Config, logger: Logger) => Promise<void>): void {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
  const logger = createLogger(config.logLevel);
  main(config, logger).catch((error: unknown) => {
    logger.fatal({ err: error }, error instanceof Error ? error.message : 'start-up failed');
    process.exit(1);
  });
}
