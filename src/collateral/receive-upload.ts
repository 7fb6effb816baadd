import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../errors/app-error';
import { describeFileSize } from './file-size';
import { SNIFF_BYTES } from './file-types';

export interface ReceivedUpload {
  tempFile: string;
  sha256: string;
  size: number;
  /** The first bytes, for the type check. */
  head: Buffer;
}

export const tooLarge = (maxBytes: number) =>
  new AppError('PAYLOAD_TOO_LARGE', `The file is larger than the limit of ${describeFileSize(maxBytes)} (${maxBytes} bytes)`, [{ path: 'body', message: `larger than ${describeFileSize(maxBytes)}` }]);

/**
 * Streams an upload into a new file under `tempDir`, hashing it on the way: the file is never in
 * memory whole. Past `maxBytes` it stops, deletes what it wrote and throws a 413; the rest of the
 * request is drained, not cut, so the client reads the answer. The file is synced before it is
 * handed over, so a rename makes it durable.
 */
export async function receiveUpload(source: Readable, options: { tempDir: string; maxBytes: number }): Promise<ReceivedUpload> {
  await fs.mkdir(options.tempDir, { recursive: true });
  const tempFile = path.join(options.tempDir, `upload-${randomUUID()}.part`);
  const handle = await fs.open(tempFile, 'wx');
  const hash = createHash('sha256');
  const headChunks: Buffer[] = [];
  let size = 0;
  let headSize = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let writing = Promise.resolve();
      const fail = (error: unknown) => {
        source.off('data', onData);
        // Drained, not destroyed: destroying the request would cut the connection before the answer.
        source.resume();
        reject(error);
      };
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) return fail(tooLarge(options.maxBytes));
        hash.update(chunk);
        if (headSize < SNIFF_BYTES) {
          headChunks.push(chunk.subarray(0, SNIFF_BYTES - headSize));
          headSize += Math.min(chunk.length, SNIFF_BYTES - headSize);
        }
        source.pause();
        writing = handle.write(chunk).then(() => void source.resume(), fail);
      };
      source.on('data', onData);
      source.once('end', () => void writing.then(resolve));
      source.once('error', (error) => reject(new AppError('VALIDATION_FAILED', `The upload was interrupted: ${error.message}`, [{ path: 'body', message: 'interrupted' }])));
      const interrupted = () => reject(new AppError('VALIDATION_FAILED', 'The upload was interrupted', [{ path: 'body', message: 'interrupted' }]));
      source.once('aborted', interrupted);
      // A client gone before the end: no 'end' will come (a settled promise ignores a late call).
      source.once('close', () => {
        if (!source.readableEnded) interrupted();
      });
    });
    await handle.sync();
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.rm(tempFile, { force: true });
    throw error;
  }
  return { tempFile, sha256: hash.digest('hex'), size, head: Buffer.concat(headChunks) };
}
