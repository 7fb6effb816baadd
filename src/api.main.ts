// `npm run api`: the HTTP API alone, against configured services (deployment).
import { printWhereEverythingIs } from './runtime/banner';
import { runEntry } from './runtime/run-entry';
import { serviceUrls } from './runtime/service-urls';
import { onShutdownSignal } from './runtime/shutdown';
import { startApi } from './runtime/start-api';

runEntry(async (config, logger) => {
  const api = await startApi(config, logger, serviceUrls(config));
  onShutdownSignal(logger, api.stop);
  printWhereEverythingIs({ apiUrl: api.url, createdAdminKey: api.createdAdminKey });
});
