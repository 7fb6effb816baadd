import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { Logger } from '../logger';

/**
 * Sends the Temporal SDK's logs through our logger. The SDK reports every worker state change
 * and its webpack bundle at INFO, so below debug level only its warnings and errors pass.
 */
export function installSdkLogger(logger: Logger): void {
  const verbose = logger.isLevelEnabled('debug');
  Runtime.install({
    logger: new DefaultLogger(verbose ? 'DEBUG' : 'WARN', ({ level, message, meta }) => {
      const method = level.toLowerCase() as 'trace' | 'debug' | 'info' | 'warn' | 'error';
      logger[method]({ ...meta, source: 'temporal-sdk' }, message);
    }),
  });
}
