import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { CollateralStore } from '../collateral/collateral-store';

// Whole small files in and out of the collateral store (templates, letters, batches of letters):
// written as an upload is (a synced temp file kept under its hash), read back into memory.

export interface KeptFile {
  sha256: string;
  sizeBytes: number;
}

export async function keepBytes(store: CollateralStore, bytes: Uint8Array): Promise<KeptFile> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await fs.mkdir(store.tempDir, { recursive: true });
  const tempFile = path.join(store.tempDir, `letter-${randomUUID()}.part`);
  const handle = await fs.open(tempFile, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await store.keep(tempFile, { sha256, size: bytes.length });
  } finally {
    await fs.rm(tempFile, { force: true });
  }
  return { sha256, sizeBytes: bytes.length };
}

export async function readBytes(store: CollateralStore, sha256: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await store.read(sha256)) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
