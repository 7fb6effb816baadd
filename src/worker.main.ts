// `npm run worker`: one Temporal worker against configured services; run as many as needed.
import { runEntry } from './runtime/run-entry';
import { installTemporalRuntime } from './temporal/temporal-runtime';
import { serviceUrls } from './runtime/service-urls';
import { onShutdownSignal } from './runtime/shutdown';
import { startWorker } from './runtime/start-worker';

runEntry(async (config, logger) => {
  installTemporalRuntime(logger, { metricsPort: config.worker.metricsPort });
  const worker = await startWorker(config, logger, serviceUrls(config));
  onShutdownSignal(logger, worker.stop);
  await worker.done;
});
