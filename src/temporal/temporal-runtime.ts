import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { Logger } from '../logger';

export interface TemporalRuntimeOptions {
  /** Serve the SDK's Prometheus metrics on this port (all interfaces, path /metrics); unset: no metrics. */
  metricsPort?: number;
}

/**
 * Installs the process's one Temporal Core runtime: it must happen before the first
 * NativeConnection, and only once, so every entry file that runs a worker calls this first.
 *
 * The SDK's logs go through our logger. The SDK reports every worker state change and its webpack
 * bundle at INFO, so below debug level only its warnings and errors pass.
 */
export function installTemporalRuntime(logger: Logger, options: TemporalRuntimeOptions = {}): void {
  const verbose = logger.isLevelEnabled('debug');
  Runtime.install({
    logger: new DefaultLogger(verbose ? 'DEBUG' : 'WARN', ({ level, message, meta }) => {
      const method = level.toLowerCase() as 'trace' | 'debug' | 'info' | 'warn' | 'error';
      logger[method]({ ...meta, source: 'temporal-sdk' }, message);
    }),
    ...(options.metricsPort === undefined
      ? {}
      : { telemetryOptions: { metrics: { prometheus: { bindAddress: `0.0.0.0:${options.metricsPort}` } } } }),
  });
}
