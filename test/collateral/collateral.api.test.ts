import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_MAX_FILE_BYTES } from '../../src/collateral/collateral-store';
import { createDirectoryStore } from '../../src/collateral/directory-store';
import { eventually } from '../support/eventually';
import { startTestApp, type TestApp } from '../support/test-app';
import { fakePdf, samplePdf, samplePng, sampleSvg } from './support/sample-files';
import { leftoverTempFiles, storedFiles } from './support/stored-files';

let t: TestApp;
let dir: string;
let marketer: { id: string; key: string };
let manager: { id: string; key: string };
let admin: { id: string; key: string };
const as = (user: { key: string }) => ({ Authorization: `Bearer ${user.key}` });
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'collateral-api-'));
  t = await startTestApp({ collateral: { store: createDirectoryStore(dir), maxFileBytes: DEFAULT_MAX_FILE_BYTES } });
  [marketer, manager, admin] = await Promise.all([t.userWithKey('marketer'), t.userWithKey('manager'), t.userWithKey('admin')]);
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const create = (body: object, user = marketer) => t.request.post('/api/v1/collateral').set(as(user)).send(body);
const upload = (id: string, bytes: Buffer, fileName: string, contentType = 'application/octet-stream') =>
  t.request.post(`/api/v1/collateral/${id}/versions`).query({ fileName }).set(as(marketer)).set('Content-Type', contentType).send(bytes);
const item = async (name: string, extra: object = {}) => {
  const created = await create({ name, kind: 'BROCHURE', language: 'en', ...extra });
  expect(created.status).toBe(201);
  return created.body.id as string;
};
const versionsOf = (itemId: string) => t.database.db.collateralVersion.count({ where: { itemId } });

test('when a marketer adds an item then it is a DRAFT without a file, its language in canonical form; bad fields are each named and nothing is written', async () => {
  const created = await create({ name: 'Widget Pro brochure', description: 'For trade fairs', kind: 'BROCHURE', product: 'Widget Pro', language: 'de-ch' });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ name: 'Widget Pro brochure', kind: 'BROCHURE', product: 'Widget Pro', language: 'de-CH', languageName: 'Swiss High German', status: 'DRAFT', currentVersion: null, versions: [] });

  const count = await t.database.db.collateralItem.count();
  const refusals: [object, string[]][] = [
    [{ name: 'x', kind: 'BROCHURE', language: 'zz' }, ['body.language']],
    [{ name: 'x', kind: 'BROCHURE', language: 'english' }, ['body.language']],
    [{ name: 'x', kind: 'POSTER', language: 'en' }, ['body.kind']],
    [{ name: ' ', kind: 'FLYER', language: 'en', extra: 1 }, ['body.name', 'body.extra']],
    [{ kind: 'FLYER', language: 'en', product: 'p'.repeat(201) }, ['body.name', 'body.product']],
  ];
  for (const [body, paths] of refusals) {
    const response = await create(body);
    expect([response.status, response.body.error.details.map((detail: { path: string }) => detail.path).sort()]).toEqual([400, paths.sort()]);
  }
  expect((await create({ name: 'x', kind: 'FLYER', language: 'en' }, manager)).status).toBe(403);
  expect(await t.database.db.collateralItem.count()).toBe(count + 0);
});

test('when files are uploaded then each makes a new version, the file on disk is the bytes sent, and the same content is stored once', async () => {
  const brochure = await item('Brochure');
  const flyer = await item('Flyer', { kind: 'FLYER' });
  const pdf = samplePdf('Widget Pro');
  const first = await upload(brochure, pdf, 'widget-pro.pdf', 'application/pdf');
  expect(first.status).toBe(201);
  expect(first.body.currentVersion).toMatchObject({ number: 1, fileName: 'widget-pro.pdf', mediaType: 'application/pdf', sizeBytes: pdf.length, sha256: sha256(pdf), uploadedById: marketer.id, uploadedByName: 'Test marketer' });
  expect(first.body.currentVersion.downloadPath).toBe(`/api/v1/collateral/${brochure}/versions/1/file`);
  const onDisk = path.join(dir, sha256(pdf).slice(0, 2), sha256(pdf));
  expect(fs.readFileSync(onDisk).equals(pdf)).toBe(true);

  // The same bytes for another item (and no type declared): a second version row, still one file.
  const filesBefore = storedFiles(dir);
  const same = await upload(flyer, pdf, 'copy.pdf');
  expect(same.status).toBe(201);
  expect(same.body.currentVersion).toMatchObject({ number: 1, mediaType: 'application/pdf', sha256: sha256(pdf) });
  expect(storedFiles(dir)).toEqual(filesBefore);

  const png = samplePng();
  const second = await upload(brochure, png, 'cover.png', 'image/png');
  expect(second.status).toBe(201);
  expect(second.body.currentVersion).toMatchObject({ number: 2, fileName: 'cover.png', mediaType: 'image/png', sizeBytes: png.length });
  expect(second.body.versions.map((version: { number: number }) => version.number)).toEqual([2, 1]);
  expect(storedFiles(dir)).toEqual([...filesBefore, `${sha256(png).slice(0, 2)}/${sha256(png)}`].sort());
  expect(leftoverTempFiles(dir)).toEqual([]);
});

test('when a file is not one the library takes, or is mislabelled, empty or unnamed, then it is refused naming why and nothing is stored', async () => {
  const id = await item('Refusals');
  const files = storedFiles(dir);
  const cases: [Buffer, string, string, number, string, RegExp][] = [
    [sampleSvg(), 'logo.svg', 'image/svg+xml', 415, 'header.content-type', /^Content-Type image\/svg\+xml is not a file the library takes/],
    [sampleSvg(), 'logo.svg', 'application/octet-stream', 415, 'body', /^The file is not a PDF, PNG, JPEG, GIF or WebP file/],
    [fakePdf(), 'invoice.pdf', 'application/pdf', 415, 'body', /^The file is not a PDF, PNG, JPEG, GIF or WebP file/],
    [samplePng(), 'really.pdf', 'application/pdf', 415, 'header.content-type', /^The file was sent as application\/pdf \(PDF\), but its content is PNG$/],
    [Buffer.from('{"a":1}'), 'data.json', 'application/json', 415, 'header.content-type', /^Content-Type application\/json is not a file the library takes/],
    [Buffer.alloc(0), 'empty.pdf', 'application/pdf', 400, 'body', /^The file is empty/],
  ];
  for (const [bytes, fileName, type, status, at, message] of cases) {
    const response = await upload(id, bytes, fileName, type);
    expect({ fileName, type, status: response.status, path: response.body.error?.details[0]?.path }).toEqual({ fileName, type, status, path: at });
    expect(response.body.error.message).toMatch(message);
  }
  for (const [query, detail] of [[{}, 'query.fileName'], [{ fileName: '../etc/passwd' }, 'query.fileName'], [{ fileName: 'a\r\nb.pdf' }, 'query.fileName'], [{ fileName: 'x.pdf', extra: '1' }, 'query.extra']] as const) {
    const response = await t.request.post(`/api/v1/collateral/${id}/versions`).query(query).set(as(marketer)).set('Content-Type', 'application/pdf').send(samplePdf());
    expect([response.status, response.body.error.details[0].path]).toEqual([400, detail]);
  }
  expect(await versionsOf(id)).toBe(0);
  expect(storedFiles(dir)).toEqual(files);
  expect(leftoverTempFiles(dir)).toEqual([]);
});

test('when a file is over the 20 MB limit then 413 names the limit, whether its length was declared or it was streamed, and nothing is stored', async () => {
  const id = await item('Too big');
  const files = storedFiles(dir);
  const big = Buffer.concat([samplePdf(), Buffer.alloc(DEFAULT_MAX_FILE_BYTES, 0x20)]);
  const declared = await upload(id, big, 'big.pdf', 'application/pdf');
  expect(declared.status).toBe(413);
  expect(declared.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: 'The file is larger than the limit of 20 MB (20971520 bytes)', details: [{ path: 'body', message: 'larger than 20 MB' }] });

  // Streamed in chunks without a Content-Length: counted as it arrives, stopped past the limit.
  const server = t.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(samplePdf());
        if (sent > 25) return controller.close();
        sent++;
        controller.enqueue(chunk);
      },
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/collateral/${id}/versions?fileName=streamed.pdf`;
    const streamed = await fetch(url, { method: 'POST', headers: { ...as(marketer), 'Content-Type': 'application/pdf' }, body, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await streamed.json()).error.message).toBe('The file is larger than the limit of 20 MB (20971520 bytes)');
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  expect(await versionsOf(id)).toBe(0);
  expect(storedFiles(dir)).toEqual(files);
  expect(leftoverTempFiles(dir)).toEqual([]);
});

test('when a client goes away in the middle of an upload then the part it sent is deleted and no version is made', async () => {
  const id = await item('Interrupted');
  const files = storedFiles(dir);
  const server = t.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const request = http.request({ host: '127.0.0.1', port, method: 'POST', path: `/api/v1/collateral/${id}/versions?fileName=cut.pdf`, headers: { ...as(marketer), 'Content-Type': 'application/pdf', 'Content-Length': String(1024 * 1024) } });
    request.on('error', () => undefined);
    request.write(Buffer.concat([samplePdf(), Buffer.alloc(64 * 1024, 0x20)]));
    // The part file appears while the body arrives, and goes when the connection is cut.
    await eventually(async () => expect(leftoverTempFiles(dir)).toHaveLength(1));
    request.destroy();
    await eventually(async () => expect(leftoverTempFiles(dir)).toEqual([]));
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  expect(await versionsOf(id)).toBe(0);
  expect(storedFiles(dir)).toEqual(files);
});

test('when an item goes DRAFT → APPROVED → RETIRED then sellers see it only while APPROVED, a new file needs a new approval, and every refusal is a 409 saying why', async () => {
  const id = await item('Call script', { kind: 'CALL_SCRIPT', product: 'Widget Pro' });
  const command = (verb: string, user = marketer) => t.request.post(`/api/v1/collateral/${id}/${verb}`).set(as(user));
  const asManager = () => t.request.get(`/api/v1/collateral/${id}`).set(as(manager));

  const noFile = await command('approve');
  expect([noFile.status, noFile.body.error.message]).toEqual([409, `Collateral item "Call script" has no file yet: upload one (POST /api/v1/collateral/${id}/versions) before approving it`]);
  expect((await asManager()).status).toBe(404);
  expect((await upload(id, samplePdf('Script v1'), 'script.pdf')).status).toBe(201);

  const approved = await command('approve');
  expect(approved.status).toBe(200);
  expect(approved.body).toMatchObject({ status: 'APPROVED', approvedById: marketer.id });
  expect((await command('approve')).body.error.message).toBe('Collateral item "Call script" is APPROVED already');
  expect((await asManager()).body).toMatchObject({ id, status: 'APPROVED' });
  const sellerList = await t.request.get('/api/v1/collateral').set(as(manager));
  expect(sellerList.body.items.map((each: { status: string }) => each.status)).toEqual(sellerList.body.items.map(() => 'APPROVED'));
  expect(sellerList.body.items.map((each: { id: string }) => each.id)).toContain(id);
  // A manager asking for drafts still gets approved items only.
  expect((await t.request.get('/api/v1/collateral').query({ status: 'DRAFT' }).set(as(manager))).body.items).toEqual([]);

  const newFile = await upload(id, samplePdf('Script v2'), 'script-v2.pdf');
  expect(newFile.body).toMatchObject({ status: 'DRAFT', approvedById: null, currentVersion: { number: 2 } });
  expect((await asManager()).status).toBe(404);
  expect((await command('approve', admin)).body.status).toBe('APPROVED');

  const retired = await command('retire');
  expect(retired.body).toMatchObject({ status: 'RETIRED', retiredById: marketer.id, versions: [{ number: 2 }, { number: 1 }] });
  const before = await t.database.db.collateralItem.findUniqueOrThrow({ where: { id } });
  const files = storedFiles(dir);
  const refusals = [
    [await command('retire'), 'Collateral item "Call script" is RETIRED already'],
    [await command('approve'), 'Collateral item "Call script" is RETIRED: it is kept for the history and cannot be approved again'],
    [await t.request.patch(`/api/v1/collateral/${id}`).set(as(marketer)).send({ name: 'Renamed' }), 'Collateral item "Call script" is RETIRED: it is kept for the history and cannot change'],
    [await upload(id, samplePdf('Script v3'), 'v3.pdf'), 'Collateral item "Call script" is RETIRED: it is kept for the history and cannot take a new version'],
  ] as const;
  for (const [response, message] of refusals) expect([response.status, response.body.error.message]).toEqual([409, message]);
  expect(await t.database.db.collateralItem.findUniqueOrThrow({ where: { id } })).toEqual(before);
  expect(storedFiles(dir)).toEqual(files);
  expect((await asManager()).status).toBe(404);
  // The marketer still reads it, with its versions, for the history.
  expect((await t.request.get(`/api/v1/collateral/${id}`).set(as(marketer))).body.versions).toHaveLength(2);

  const audit = await t.request.get('/api/v1/audit').query({ entityType: 'collateral', entityId: id }).set(as(admin));
  expect(audit.body.items.map((entry: { action: string; actorId: string }) => [entry.action, entry.actorId]).reverse()).toEqual([
    ['collateral.create', marketer.id],
    ['collateral.version', marketer.id],
    ['collateral.approve', marketer.id],
    ['collateral.version', marketer.id],
    ['collateral.approve', admin.id],
    ['collateral.retire', marketer.id],
  ]);

  const unknown = await t.request.post('/api/v1/collateral/00000000-0000-4000-8000-000000000000/approve').set(as(marketer));
  expect([unknown.status, unknown.body.error.message]).toEqual([404, 'No collateral item 00000000-0000-4000-8000-000000000000']);
});

test('when a version is downloaded then it has its media type, length, file name and its hash as ETag; a matching If-None-Match is a 304; sellers get the current version only', async () => {
  const id = await item('Datasheet', { kind: 'DATASHEET' });
  const old = samplePdf('Old datasheet');
  const pdf = samplePdf('Datenblatt');
  await upload(id, old, 'old.pdf');
  await upload(id, pdf, 'Broschüre "2027".pdf', 'application/pdf');
  const download = await t.request.get(`/api/v1/collateral/${id}/versions/2/file`).set(as(marketer)).buffer(true).parse((response, done) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => done(null, Buffer.concat(chunks)));
  });
  expect(download.status).toBe(200);
  expect(download.headers).toMatchObject({
    'content-type': 'application/pdf',
    'content-length': String(pdf.length),
    etag: `"${sha256(pdf)}"`,
    'content-disposition': `attachment; filename="Brosch_re _2027_.pdf"; filename*=UTF-8''Brosch%C3%BCre%20%222027%22.pdf`,
    'x-content-type-options': 'nosniff',
  });
  expect((download.body as Buffer).equals(pdf)).toBe(true);

  const cached = await t.request.get(`/api/v1/collateral/${id}/versions/2/file`).set(as(marketer)).set('If-None-Match', `"${sha256(pdf)}"`);
  expect([cached.status, cached.headers.etag]).toEqual([304, `"${sha256(pdf)}"`]);
  expect((await t.request.get(`/api/v1/collateral/${id}/versions/1/file`).set(as(marketer))).status).toBe(200);
  const missing = await t.request.get(`/api/v1/collateral/${id}/versions/3/file`).set(as(marketer));
  expect([missing.status, missing.body.error.message]).toEqual([404, 'Collateral item "Datasheet" has no version 3']);
  expect((await t.request.get(`/api/v1/collateral/${id}/versions/0/file`).set(as(marketer))).body.error.details[0].path).toBe('path.number');

  // A seller: nothing until it is approved, then the current version only.
  expect((await t.request.get(`/api/v1/collateral/${id}/versions/2/file`).set(as(manager))).status).toBe(404);
  expect((await t.request.post(`/api/v1/collateral/${id}/approve`).set(as(marketer))).status).toBe(200);
  expect((await t.request.get(`/api/v1/collateral/${id}/versions/2/file`).set(as(manager))).status).toBe(200);
  const older = await t.request.get(`/api/v1/collateral/${id}/versions/1/file`).set(as(manager));
  expect([older.status, older.body.error.message]).toEqual([404, 'Version 1 of "Datasheet" is not offered: its current version is 2']);
});

test('when the library is listed then it filters by status, kind, product, language (en finds en-GB) and text, newest first, page by page', async () => {
  const brit = await item('Filter: UK flyer', { kind: 'FLYER', product: 'Gadget', language: 'en-gb' });
  const french = await item('Filter: French flyer', { kind: 'FLYER', product: 'gadget', language: 'fr' });
  await item('Filter: image', { kind: 'IMAGE', product: 'Other', language: 'en' });
  const list = (query: object) => t.request.get('/api/v1/collateral').query({ q: 'Filter:', ...query }).set(as(marketer));
  const names = async (query: object) => (await list(query)).body.items.map((each: { name: string }) => each.name);
  expect(await names({})).toEqual(['Filter: image', 'Filter: French flyer', 'Filter: UK flyer']);
  expect(await names({ kind: 'FLYER' })).toEqual(['Filter: French flyer', 'Filter: UK flyer']);
  expect(await names({ product: 'GADGET' })).toEqual(['Filter: French flyer', 'Filter: UK flyer']);
  expect(await names({ language: 'en' })).toEqual(['Filter: image', 'Filter: UK flyer']);
  expect(await names({ language: 'en-GB' })).toEqual(['Filter: UK flyer']);
  await upload(french, samplePdf('fr'), 'fr.pdf');
  await t.request.post(`/api/v1/collateral/${french}/approve`).set(as(marketer));
  expect(await names({ status: 'APPROVED' })).toEqual(['Filter: French flyer']);
  expect(await names({ status: 'DRAFT', kind: 'FLYER' })).toEqual(['Filter: UK flyer']);
  const first = await list({ limit: 2 });
  expect(first.body.items).toHaveLength(2);
  const next = await list({ limit: 2, cursor: first.body.nextCursor });
  expect(next.body.items.map((each: { id: string }) => each.id)).toEqual([brit]);
  expect(next.body.nextCursor).toBeNull();
  for (const [query, at] of [[{ language: 'xx' }, 'query.language'], [{ status: 'LOST' }, 'query.status'], [{ cursor: 'nope' }, 'query.cursor']] as const) {
    const response = await list(query);
    expect([response.status, response.body.error.details[0].path]).toEqual([400, at]);
  }
});
