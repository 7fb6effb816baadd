import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { loadConfig } from '../../src/config/config';
import type { CollateralStore } from '../../src/collateral/collateral-store';
import { createCollateralStore } from '../../src/collateral/store-from-config';
import { startTestApp, type TestApp } from '../support/test-app';
import { samplePdf, samplePng } from './support/sample-files';
import { startS3Server, type TestS3Server } from './support/s3-server';

let s3: TestS3Server;
let store: CollateralStore;
let client: S3Client;
let t: TestApp;
let marketer: { id: string; key: string };
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const as = (user: { key: string }) => ({ Authorization: `Bearer ${user.key}` });
const MAX = 64 * 1024;

beforeAll(async () => {
  s3 = await startS3Server();
  // Built from the configuration, as `npm start` builds it.
  const config = loadConfig({
    COLLATERAL_STORE: 's3', COLLATERAL_S3_BUCKET: s3.bucket, COLLATERAL_S3_ENDPOINT: s3.endpoint, COLLATERAL_S3_FORCE_PATH_STYLE: 'true',
    COLLATERAL_S3_ACCESS_KEY_ID: s3.credentials.accessKeyId, COLLATERAL_S3_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey, COLLATERAL_MAX_FILE_SIZE: '64KB',
  });
  expect(config.collateral).toMatchObject({ maxFileBytes: MAX, store: { kind: 's3', bucket: s3.bucket, prefix: 'collateral/', region: 'us-east-1', forcePathStyle: true } });
  store = createCollateralStore(config.collateral.store);
  client = new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: s3.credentials });
  t = await startTestApp({ collateral: { store, maxFileBytes: config.collateral.maxFileBytes } });
  marketer = await t.userWithKey('marketer');
});
afterAll(async () => {
  await t?.close();
  client?.destroy();
  await s3?.close();
});

const objectKeys = async () => ((await client.send(new ListObjectsV2Command({ Bucket: s3.bucket }))).Contents ?? []).map((object) => object.Key!).sort();
const bytesOf = async (stream: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};
const tempFileWith = (bytes: Buffer) => {
  fs.mkdirSync(store.tempDir, { recursive: true });
  const file = path.join(store.tempDir, `test-${Date.now()}-${Math.random()}.part`);
  fs.writeFileSync(file, bytes);
  return file;
};

test('when the S3 store keeps a file then it is one object under its hash, read back byte for byte, and the same content again is not sent twice', async () => {
  const png = samplePng();
  const first = tempFileWith(png);
  expect(await store.keep(first, { sha256: sha256(png), size: png.length })).toEqual({ alreadyKept: false });
  expect(fs.existsSync(first)).toBe(false);
  expect(await objectKeys()).toEqual([`collateral/${sha256(png).slice(0, 2)}/${sha256(png)}`]);
  expect(await store.has(sha256(png))).toBe(true);
  expect((await bytesOf(await store.read(sha256(png)))).equals(png)).toBe(true);

  const again = tempFileWith(png);
  expect(await store.keep(again, { sha256: sha256(png), size: png.length })).toEqual({ alreadyKept: true });
  expect(fs.existsSync(again)).toBe(false);
  expect(await objectKeys()).toHaveLength(1);
  expect(await store.has('0'.repeat(64))).toBe(false);
  await expect(store.read('0'.repeat(64))).rejects.toThrow();
  await expect(store.read('../../etc/passwd')).rejects.toThrow('Not a SHA-256');
});

test('when the API runs on the S3 store then an upload lands in the bucket once, downloads with its headers, and one over the configured 64 KB is refused with no object written', async () => {
  const created = await t.request.post('/api/v1/collateral').set(as(marketer)).send({ name: 'S3 brochure', kind: 'BROCHURE', language: 'en' });
  const id = created.body.id;
  const pdf = samplePdf('Stored in S3');
  const upload = (bytes: Buffer, fileName: string) => t.request.post(`/api/v1/collateral/${id}/versions`).query({ fileName }).set(as(marketer)).set('Content-Type', 'application/pdf').send(bytes);
  expect((await upload(pdf, 's3.pdf')).status).toBe(201);
  expect((await upload(pdf, 's3-again.pdf')).body.currentVersion).toMatchObject({ number: 2, sha256: sha256(pdf) });
  const keys = await objectKeys();
  expect(keys).toContain(`collateral/${sha256(pdf).slice(0, 2)}/${sha256(pdf)}`);

  const download = await t.request.get(`/api/v1/collateral/${id}/versions/2/file`).set(as(marketer)).buffer(true).parse((response, done) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => done(null, Buffer.concat(chunks)));
  });
  expect(download.status).toBe(200);
  expect(download.headers).toMatchObject({ 'content-type': 'application/pdf', 'content-length': String(pdf.length), etag: `"${sha256(pdf)}"` });
  expect(download.headers['content-disposition']).toContain('filename="s3-again.pdf"');
  expect((download.body as Buffer).equals(pdf)).toBe(true);

  const big = Buffer.concat([samplePdf(), Buffer.alloc(MAX, 0x20)]);
  const refused = await upload(big, 'big.pdf');
  expect([refused.status, refused.body.error.message]).toEqual([413, 'The file is larger than the limit of 64 KB (65536 bytes)']);
  expect(await objectKeys()).toEqual(keys);
  expect(fs.readdirSync(store.tempDir).filter((name) => name.startsWith('upload-'))).toEqual([]);
});

test('when the configuration names the S3 store without a bucket, half a key pair, or a size that is not one then it refuses to start, naming each variable', () => {
  expect(() => loadConfig({ COLLATERAL_STORE: 's3' })).toThrow('COLLATERAL_S3_BUCKET: must be set when COLLATERAL_STORE=s3');
  expect(() => loadConfig({ COLLATERAL_STORE: 's3', COLLATERAL_S3_BUCKET: 'b', COLLATERAL_S3_ACCESS_KEY_ID: 'k' })).toThrow('set both, or neither');
  expect(() => loadConfig({ COLLATERAL_MAX_FILE_SIZE: 'lots' })).toThrow('COLLATERAL_MAX_FILE_SIZE: must be a size from 1 byte to 1GB');
  expect(() => loadConfig({ COLLATERAL_STORE: 'ftp' })).toThrow('COLLATERAL_STORE: must be directory or s3');
  const defaults = loadConfig({ DATA_DIR: path.join(os.tmpdir(), 'crm-data') });
  expect(defaults.collateral).toEqual({ store: { kind: 'directory', dir: path.join(os.tmpdir(), 'crm-data', 'collateral') }, maxFileBytes: 20 * 1024 * 1024 });
});
