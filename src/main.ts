// `npm start`: every service on this machine (embedded where not configured), the worker and the API.
import { printWhereEverythingIs } from './runtime/banner';
import { runEntry } from './runtime/run-entry';
import { installTemporalRuntime } from './temporal/temporal-runtime';
import { onShutdownSignal } from './runtime/shutdown';
import { startApi } from './runtime/start-api';
import { startEmbeddedServices } from './runtime/start-embedded-services';
import { startWorker } from './runtime/start-worker';

runEntry(async (config, logger) => {
  installTemporalRuntime(logger, { metricsPort: config.worker.metricsPort });
  logger.info('starting services');
  const services = await startEmbeddedServices(config, logger);
  const stopAll: (() => Promise<void>)[] = [services.stop];
  onShutdownSignal(logger, async () => {
    for (const stop of stopAll.reverse()) await stop();
  });
  const api = await startApi(config, logger, services);
  stopAll.push(api.stop);
  const worker = await startWorker(config, logger, services);
  stopAll.push(worker.stop);
  printWhereEverythingIs({ apiUrl: api.url, services, createdAdminKey: api.createdAdminKey });
  worker.done.catch((error) => {
    logger.fatal({ err: error }, 'the worker failed');
    process.kill(process.pid, 'SIGTERM');
  });
});
