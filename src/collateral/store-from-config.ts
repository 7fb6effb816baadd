import type { CollateralStore } from './collateral-store';
import { createDirectoryStore } from './directory-store';
import { createS3Store, type S3StoreSettings } from './s3-store';

/** The store the configuration names (COLLATERAL_STORE and its COLLATERAL_* settings). */
export type CollateralStoreConfig = { kind: 'directory'; dir: string } | ({ kind: 's3' } & S3StoreSettings);

export function createCollateralStore(config: CollateralStoreConfig): CollateralStore {
  return config.kind === 'directory' ? createDirectoryStore(config.dir) : createS3Store(config);
}
