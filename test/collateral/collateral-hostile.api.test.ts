import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { collateralRoutes } from '../../src/api/routes/collateral.routes';
import { directiveRoutes } from '../../src/api/routes/directives.routes';
import { createDirectoryStore } from '../../src/collateral/directory-store';
import { hostileParams, hostileRequests, hostileStrings, seededRandom, sendHostile, type FuzzRequest } from '../faults/hostile-input';
import { startTestApp, type TestApp } from '../support/test-app';
import { samplePdf } from './support/sample-files';
import { leftoverTempFiles, storedFiles } from './support/stored-files';

// The fuzz suite (test/faults/fuzz.api.test.ts) fills every :id with an account's id, so most of its
// requests to these routes stop at a 404. Here the ids name a real item, version, directive and
// account, so hostile bodies, queries and files reach the handlers and the store.

let t: TestApp;
let server: Server;
let baseUrl: string;
let dir: string;
const keys = { admin: '', marketer: '', manager: '' };
const known: Record<string, string> = {};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'collateral-hostile-'));
  t = await startTestApp({ collateral: { store: createDirectoryStore(dir), maxFileBytes: 256 * 1024 } });
  const [admin, marketer, manager] = await Promise.all([t.userWithKey('admin'), t.userWithKey('marketer'), t.userWithKey('manager')]);
  Object.assign(keys, { admin: admin.key, marketer: marketer.key, manager: manager.key });
  server = t.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const as = { Authorization: `Bearer ${marketer.key}` };
  known.item = (await t.request.post('/api/v1/collateral').set(as).send({ name: 'Hostile target', kind: 'FLYER', language: 'en' })).body.id;
  expect((await t.request.post(`/api/v1/collateral/${known.item}/versions`).query({ fileName: 'a.pdf' }).set(as).set('Content-Type', 'application/pdf').send(samplePdf())).status).toBe(201);
  known.directive = (await t.request.post('/api/v1/directives').set(as).send({ title: 'Target', text: 'Say it' })).body.id;
  known.account = (await t.database.db.account.create({ data: { name: 'Hostile account', ownerId: manager.id, status: 'POTENTIAL' } })).id;
}, 120_000);
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Every row of the library's and directives' tables, and the files the store holds. */
async function snapshot(): Promise<string> {
  const { db } = t.database;
  const [items, versions, directives] = await Promise.all([
    db.collateralItem.findMany({ orderBy: { id: 'asc' } }),
    db.collateralVersion.findMany({ orderBy: { id: 'asc' } }),
    db.messagingDirective.findMany({ orderBy: { id: 'asc' } }),
  ]);
  return JSON.stringify({ items, versions, directives, files: storedFiles(dir) });
}

const send = (request: FuzzRequest, key: string) => sendHostile(baseUrl, request, key);

test('when hostile requests hit the collateral and directive routes with ids that exist then none answers 5xx, each refusal is in the error format, and no refused request changes a row or a stored file', async () => {
  const random = seededRandom(20261219);
  const fill = (name: string) => (name === 'number' ? '1' : '');
  const requests: FuzzRequest[] = [];
  for (const route of collateralRoutes) requests.push(...hostileRequests(route, (name) => fill(name) || known.item, random, 250));
  for (const route of directiveRoutes) requests.push(...hostileRequests(route, (name) => fill(name) || (route.path.startsWith('/accounts') ? known.account : known.directive), random, 250));
  // Files that are not what they say, and hostile file names with a real PDF.
  const upload = `/api/v1/collateral/${known.item}/versions`;
  for (const text of hostileStrings) {
    requests.push({ method: 'post', url: `${upload}?fileName=x.pdf`, body: { raw: text, contentType: 'application/octet-stream' }, why: 'file body hostile' });
    requests.push({ method: 'post', url: `${upload}?fileName=x.pdf`, body: { raw: `%PDF-${text}`, contentType: 'image/png' }, why: 'file mislabelled' });
  }
  for (const name of hostileParams) requests.push({ method: 'post', url: `${upload}?fileName=${name}`, body: { raw: '%PDF-1.4 x', contentType: 'application/pdf' }, why: 'file name hostile' });
  expect(requests.length).toBeGreaterThan(2_000);

  const serverErrors: string[] = [];
  const badRefusals: string[] = [];
  const changes: string[] = [];
  let before = await snapshot();
  for (const [index, request] of requests.entries()) {
    const role = index % 10 === 7 ? 'manager' : index % 10 === 8 ? 'marketer' : 'admin';
    const answer = await send(request, keys[role]);
    const label = `${request.method.toUpperCase()} ${request.url.slice(0, 120)} (${request.why}, ${role})`;
    if (answer.status >= 500) serverErrors.push(`${label}: ${answer.status} ${answer.text.slice(0, 200)}`);
    if (answer.status < 400) {
      before = await snapshot();
      continue;
    }
    let parsed: { error?: { code?: unknown; message?: unknown } } = {};
    try {
      parsed = JSON.parse(answer.text);
    } catch {
      // reported below
    }
    if (typeof parsed.error?.code !== 'string' || typeof parsed.error?.message !== 'string') badRefusals.push(`${label}: ${answer.status} ${answer.text.slice(0, 120)}`);
    const after = await snapshot();
    if (after !== before) changes.push(`${label}: ${answer.status}`);
    before = after;
  }
  expect(serverErrors).toEqual([]);
  expect(badRefusals).toEqual([]);
  expect(changes).toEqual([]);
  expect(leftoverTempFiles(dir)).toEqual([]);
}, 600_000);
