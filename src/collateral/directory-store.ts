import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { assertSha256, type CollateralStore, type KeptBlob } from './collateral-store';

/**
 * The files under `dir`: `<dir>/<first two hex digits>/<sha256>`. An upload is written to `<dir>/tmp`,
 * synced, then renamed under its hash: a rename is atomic on one file system, so a crash leaves at
 * worst a stray temp file, never a half file under a hash.
 */
export function createDirectoryStore(dir: string): CollateralStore {
  const root = path.resolve(dir);
  const blobPath = (sha256: string) => {
    assertSha256(sha256);
    return path.join(root, sha256.slice(0, 2), sha256);
  };
  const exists = (file: string) => fs.stat(file).then(() => true, () => false);
  return {
    description: `directory ${root}`,
    tempDir: path.join(root, 'tmp'),
    async keep(tempFile: string, blob: KeptBlob) {
      const target = blobPath(blob.sha256);
      if (await exists(target)) {
        await fs.rm(tempFile, { force: true });
        return { alreadyKept: true };
      }
      await fs.mkdir(path.dirname(target), { recursive: true });
      // Two uploads of the same content at once both rename: the second replaces the first with the same bytes.
      await fs.rename(tempFile, target);
      return { alreadyKept: false };
    },
    has: (sha256: string) => exists(blobPath(sha256)),
    async read(sha256: string): Promise<Readable> {
      const file = blobPath(sha256);
      // Opened before the stream is handed out, so a missing file rejects here rather than mid-answer.
      const handle = await fs.open(file, 'r');
      return handle.createReadStream();
    },
  };
}
