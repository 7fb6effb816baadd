import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { assertSha256, type CollateralStore, type KeptBlob } from './collateral-store';

export interface S3StoreSettings {
  bucket: string;
  /** Keys start with it ("collateral/"): the bucket may hold other things. */
  prefix: string;
  region: string;
  /** An S3-compatible server (MinIO, Ceph, a cloud's S3 API); unset: AWS itself. */
  endpoint?: string;
  /** Bucket in the path (http://host/bucket/key), as most S3-compatible servers want; else in the host name. */
  forcePathStyle: boolean;
  /** Unset: the AWS SDK's default chain (environment, profile, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Where uploads wait for their hash before they are sent; the system's temp directory unless given. */
  tempDir?: string;
}

/**
 * The files in an S3-compatible bucket under `<prefix><first two hex digits>/<sha256>`. An object
 * appears whole or not at all (S3 writes are atomic), so no half file is ever under a hash.
 */
export function createS3Store(settings: S3StoreSettings, client = s3Client(settings)): CollateralStore {
  const key = (sha256: string) => {
    assertSha256(sha256);
    return `${settings.prefix}${sha256.slice(0, 2)}/${sha256}`;
  };
  const has = async (sha256: string) => {
    try {
      await client.send(new HeadObjectCommand({ Bucket: settings.bucket, Key: key(sha256) }));
      return true;
    } catch (error) {
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
      throw error;
    }
  };
  return {
    description: `s3 bucket ${settings.bucket}${settings.endpoint ? ` at ${settings.endpoint}` : ''}, keys ${settings.prefix}…`,
    tempDir: settings.tempDir ?? path.join(os.tmpdir(), 'crm-collateral-uploads'),
    async keep(tempFile: string, blob: KeptBlob) {
      try {
        if (await has(blob.sha256)) return { alreadyKept: true };
        await client.send(new PutObjectCommand({ Bucket: settings.bucket, Key: key(blob.sha256), Body: createReadStream(tempFile), ContentLength: blob.size }));
        return { alreadyKept: false };
      } finally {
        await fs.rm(tempFile, { force: true });
      }
    },
    has,
    async read(sha256: string): Promise<Readable> {
      const answer = await client.send(new GetObjectCommand({ Bucket: settings.bucket, Key: key(sha256) }));
      return answer.Body as Readable;
    },
  };
}

function s3Client(settings: S3StoreSettings): S3Client {
  return new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    credentials: settings.credentials,
    // Checksums only where S3 requires them: the SDK's default (a trailing CRC32 in aws-chunked
    // encoding) is not understood by every S3-compatible server.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}
