// `npm run worker`: one Temporal worker against configured services; run as many as needed.
import { runEntry } from './runtime/run-entry';
import { installSdkLogger } from './temporal/sdk-logger';
import { serviceUrls } from './runtime/service-urls';
import { onShutdownSignal } from './runtime/shutdown';
import { startWorker } from './runtime/start-worker';

runEntry(async (config, logger) => {
  installSdkLogger(logger);
  const worker = await startWorker(config, logger, serviceUrls(config));
  onShutdownSignal(logger, worker.stop);
  await worker.done;
});
