import type { Readable } from 'node:stream';

// Where the library's files live: content-addressed, so a file is kept once under its SHA-256
// however many versions name it. Two implementations: a directory (the default, under the data
// directory) and an S3-compatible bucket.

export interface KeptBlob {
  sha256: string;
  size: number;
}

export interface CollateralStore {
  /** For logs and start-up messages: "directory /srv/crm/.data/collateral", "s3 bucket crm-files at http://…". */
  readonly description: string;
  /**
   * Where an upload is written while it arrives, before its hash is known. For the directory store it
   * is on the same file system, so keeping the upload is a rename.
   */
  readonly tempDir: string;
  /**
   * Keeps the finished, synced temp file as the content `blob.sha256` and consumes it (moved or
   * deleted). When that content is kept already, the temp file is only deleted.
   */
  keep(tempFile: string, blob: KeptBlob): Promise<{ alreadyKept: boolean }>;
  /** Whether the content is kept. */
  has(sha256: string): Promise<boolean>;
  /** The content's bytes; rejects when it is not kept. */
  read(sha256: string): Promise<Readable>;
}

/** What the API needs of the library: the store and the largest file it takes (COLLATERAL_MAX_FILE_SIZE). */
export interface CollateralSettings {
  store: CollateralStore;
  maxFileBytes: number;
}

export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;

/** A SHA-256 in hex, as stores use it in paths and keys: checked, so a key can never climb out of its folder. */
export function assertSha256(sha256: string): void {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`Not a SHA-256: ${sha256.slice(0, 80)}`);
}
