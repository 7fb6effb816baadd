import type { Config } from '../config/config';

/** The same options serve the API's client connection and the worker's native one. */
export function temporalConnectionOptions(config: Config, address: string) {
  return {
    address,
    tls: config.temporal.tls,
    ...(config.temporal.apiKey ? { apiKey: config.temporal.apiKey } : {}),
  };
}
