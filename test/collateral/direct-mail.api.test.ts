import { createHash } from 'node:crypto';
import { resumeRunningDirectMailRuns } from '../../src/direct-mail/start-run';
import { directMailProgressQuery, directMailWorkflowId } from '../../workflows/direct-mail.messages';
import { recordHistory } from '../support/histories';
import { eventually } from '../support/eventually';
import { startTestApp, type TestApp } from '../support/test-app';
import { pageCount, pdfText } from './support/pdf-text';
import { samplePdf } from './support/sample-files';

// Personalised letters against the real PostgreSQL, Temporal worker and a directory store: the
// PDFs are read back (pages, text) from what the API serves.

let t: TestApp;
let marketer: { id: string; key: string };
let manager: { id: string; key: string };
const as = (user: { key: string }) => ({ Authorization: `Bearer ${user.key}` });
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

beforeAll(async () => {
  t = await startTestApp();
  [marketer, manager] = await Promise.all([t.userWithKey('marketer'), t.userWithKey('manager')]);
});
afterAll(() => t.close());

const TEMPLATE = `{{today}}

{{contact.name}}
{{account.name}}
{{account.fields.address}}

Dear {{contact.name}},

Our new Widget Pro is here. {{contact.title?}}

Yours sincerely,
{{sender.name}}`;

const download = (path: string, user = marketer) =>
  t.request.get(path).set(as(user)).buffer(true).parse((response, done) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => done(null, Buffer.concat(chunks)));
  });

async function approvedTemplate(name: string, text = TEMPLATE): Promise<string> {
  const created = await t.request.post('/api/v1/collateral').set(as(marketer)).send({ name, kind: 'LETTER_TEMPLATE', language: 'en' });
  expect(created.status).toBe(201);
  const saved = await t.request.post(`/api/v1/collateral/${created.body.id}/letter-template`).set(as(marketer)).send({ text });
  expect(saved.status).toBe(201);
  expect((await t.request.post(`/api/v1/collateral/${created.body.id}/approve`).set(as(marketer))).status).toBe(200);
  return created.body.id;
}

/** A segment of the accounts tagged `tag`, each account with its contacts. */
async function segmentOf(tag: string, accounts: { name: string; address?: string; contacts: { name: string; title?: string; doNotContact?: boolean }[] }[]): Promise<string> {
  for (const account of accounts) {
    const created = await t.database.db.account.create({ data: { name: account.name, segment: tag, fields: account.address ? { address: account.address } : {} } });
    await t.database.db.contact.createMany({ data: account.contacts.map((contact) => ({ accountId: created.id, ...contact })) });
  }
  const segment = await t.request.post('/api/v1/segments').set(as(marketer)).send({ name: `Direct mail ${tag}`, criteria: { field: 'account.segment', op: 'eq', value: tag } });
  expect(segment.status).toBe(201);
  return segment.body.id;
}

const finished = (id: string) =>
  eventually(async () => {
    const run = await t.request.get(`/api/v1/direct-mail-runs/${id}`).set(as(manager));
    expect(run.body.status).not.toBe('RUNNING');
    return run.body;
  });

test('when a run renders a segment in BOTH modes then each contact gets a PDF, the merged PDF has one page per letter, and contacts without the data are skipped with the reason', async () => {
  const templateId = await approvedTemplate('Widget Pro launch letter');
  const letterheadItem = await t.request.post('/api/v1/collateral').set(as(marketer)).send({ name: 'ACME letterhead', kind: 'OTHER', language: 'en' });
  await t.request.post(`/api/v1/collateral/${letterheadItem.body.id}/versions`).query({ fileName: 'letterhead.pdf' }).set(as(marketer)).set('Content-Type', 'application/pdf').send(samplePdf('ACME LETTERHEAD'));
  await t.request.post(`/api/v1/collateral/${letterheadItem.body.id}/approve`).set(as(marketer));
  const segmentId = await segmentOf('dm-both', [
    { name: 'Acme', address: '1 Rue de la Paix\n75002 Paris', contacts: [{ name: 'Zoë Adams', title: 'CEO' }, { name: 'Łukasz Nowak' }] },
    { name: 'Beta', contacts: [{ name: 'Bob Brown' }] },
    { name: 'Gamma', address: '2 Main Street', contacts: [{ name: 'Dana Doe', doNotContact: true }] },
  ]);

  const started = await t.request.post('/api/v1/direct-mail-runs').set(as(marketer)).send({ templateItemId: templateId, letterheadItemId: letterheadItem.body.id, segmentId, output: 'BOTH', batchSize: 2 });
  expect(started.status).toBe(201);
  expect(started.body).toMatchObject({ status: 'RUNNING', output: 'BOTH', workflowId: `direct-mail-${started.body.id}`, counts: { listed: 4 }, recipients: { segmentId, name: 'Direct mail dm-both' } });
  const run = await finished(started.body.id);
  expect(run).toMatchObject({ status: 'COMPLETED', counts: { listed: 4, rendered: 2, skipped: 2, pending: 0 }, template: { itemId: templateId, name: 'Widget Pro launch letter', version: 1 }, letterhead: { name: 'ACME letterhead' } });
  expect(run.skippedReasons).toEqual(
    expect.arrayContaining([
      { reason: 'no postal address: {{account.fields.address}} is empty', count: 1 },
      { reason: 'the contact is marked do not contact', count: 1 },
    ]),
  );

  const skipped = await t.request.get(`/api/v1/direct-mail-runs/${run.id}/skipped`).set(as(manager));
  expect(skipped.body.items.map((item: { contactName: string; reason: string }) => [item.contactName, item.reason]).sort()).toEqual([
    ['Bob Brown', 'no postal address: {{account.fields.address}} is empty'],
    ['Dana Doe', 'the contact is marked do not contact'],
  ]);

  const files = await t.request.get(`/api/v1/direct-mail-runs/${run.id}/files`).set(as(manager));
  expect(files.status).toBe(200);
  expect(files.body.items).toHaveLength(2);
  for (const file of files.body.items) {
    const pdf = await download(file.downloadPath, manager);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect([pdf.body.length, sha256(pdf.body)]).toEqual([file.sizeBytes, file.sha256]);
    expect(await pageCount(pdf.body)).toBe(1);
    const text = await pdfText(pdf.body);
    expect(text).toContain(`Dear ${file.contactName},`);
    expect(text).toContain('75002 Paris');
    expect(text).toContain(run.letterDate);
    expect(text).toContain('ACME LETTERHEAD');
  }
  const zoe = files.body.items.find((file: { contactName: string }) => file.contactName === 'Zoë Adams');
  expect(await pdfText((await download(zoe.downloadPath)).body)).toContain('Our new Widget Pro is here. CEO');

  expect(files.body.merged).toMatchObject({ pages: 2, downloadPath: `/api/v1/direct-mail-runs/${run.id}/merged` });
  const merged = await download(files.body.merged.downloadPath, manager);
  expect([merged.status, merged.body.length, sha256(merged.body)]).toEqual([200, files.body.merged.sizeBytes, files.body.merged.sha256]);
  expect(await pageCount(merged.body)).toBe(run.counts.rendered);
  const mergedText = await pdfText(merged.body);
  expect(mergedText).toContain('Dear Zoë Adams,');
  expect(mergedText).toContain('Dear Łukasz Nowak,');

  const handle = t.temporal.client.workflow.getHandle(directMailWorkflowId(run.id));
  expect(await handle.query(directMailProgressQuery)).toMatchObject({ status: 'COMPLETED', listed: 4, rendered: 2, skipped: 2 });
  await recordHistory(handle, 'direct-mail', 'both-outputs');
});

test('when a name has characters WinAnsi cannot encode then the letter is set in the embedded font and still says the name', async () => {
  const templateId = await approvedTemplate('Unicode letter', 'Dear {{contact.name}} of {{account.name}},\n\nWelcome.');
  const names = ['Łukasz Żółć', 'Σοφία Παπαδοπούλου', 'Дмитрий Иванов', 'Zoë Ünal'];
  const segmentId = await segmentOf('dm-unicode', [{ name: 'Ωmega Sp. z o.o.', contacts: names.map((name) => ({ name })) }]);
  const started = await t.request.post('/api/v1/direct-mail-runs').set(as(marketer)).send({ templateItemId: templateId, segmentId, output: 'MERGED' });
  const run = await finished(started.body.id);
  expect(run).toMatchObject({ status: 'COMPLETED', counts: { listed: 4, rendered: 4, skipped: 0 } });
  const merged = await download(`/api/v1/direct-mail-runs/${run.id}/merged`);
  expect(await pageCount(merged.body)).toBe(4);
  const text = await pdfText(merged.body);
  for (const name of names) expect(text).toContain(`Dear ${name} of Ωmega Sp. z o.o.,`);
  // A MERGED run has no files of its own.
  const files = await t.request.get(`/api/v1/direct-mail-runs/${run.id}/files`).set(as(marketer));
  expect(files.body.items).toEqual([]);
});

test('when a run is cancelled mid-run then it stops between batches, keeps what it rendered, and refuses a second cancel', async () => {
  const templateId = await approvedTemplate('Long run letter', 'Dear {{contact.name}},\n\nHello.');
  const contacts = Array.from({ length: 150 }, (_, index) => ({ name: `Contact ${String(index).padStart(3, '0')}` }));
  const segmentId = await segmentOf('dm-cancel', [{ name: 'Many', contacts }]);
  const started = await t.request.post('/api/v1/direct-mail-runs').set(as(marketer)).send({ templateItemId: templateId, segmentId, output: 'FILES', batchSize: 1 });
  expect(started.status).toBe(201);
  await eventually(async () => {
    const run = await t.request.get(`/api/v1/direct-mail-runs/${started.body.id}`).set(as(marketer));
    expect(run.body.counts.rendered).toBeGreaterThan(0);
  });
  expect((await t.request.post(`/api/v1/direct-mail-runs/${started.body.id}/cancel`).set(as(manager))).status).toBe(403);
  const cancelled = await t.request.post(`/api/v1/direct-mail-runs/${started.body.id}/cancel`).set(as(marketer));
  expect(cancelled.status).toBe(200);
  expect(cancelled.body.status).toBe('CANCELLED');
  expect(cancelled.body.counts.rendered).toBeLessThan(150);
  expect(cancelled.body.counts.pending).toBe(150 - cancelled.body.counts.rendered - cancelled.body.counts.skipped);
  const files = await t.request.get(`/api/v1/direct-mail-runs/${started.body.id}/files`).query({ limit: 1000 }).set(as(marketer));
  expect(files.body.items).toHaveLength(cancelled.body.counts.rendered);
  expect((await t.request.post(`/api/v1/direct-mail-runs/${started.body.id}/cancel`).set(as(marketer))).status).toBe(409);
  expect((await download(`/api/v1/direct-mail-runs/${started.body.id}/merged`)).status).toBe(404);
  // Nothing is written after the cancel: the counts stay.
  const again = await t.request.get(`/api/v1/direct-mail-runs/${started.body.id}`).set(as(marketer));
  expect(again.body.counts).toEqual(cancelled.body.counts);
  await recordHistory(t.temporal.client.workflow.getHandle(directMailWorkflowId(started.body.id)), 'direct-mail', 'cancelled');
});

test('when a template names an unknown merge field then the save is a 400 naming the field and its place, and nothing is written', async () => {
  const created = await t.request.post('/api/v1/collateral').set(as(marketer)).send({ name: 'Broken letter', kind: 'LETTER_TEMPLATE', language: 'en' });
  const save = (text: string) => t.request.post(`/api/v1/collateral/${created.body.id}/letter-template`).set(as(marketer)).send({ text });
  const unknown = await save('Hello,\nDear {{contact.nmae}},\n{{today}}');
  expect(unknown.status).toBe(400);
  expect(unknown.body.error.message).toContain('line 2, column 6: unknown merge field {{contact.nmae}}');
  expect(unknown.body.error.details[0]).toMatchObject({ path: 'body.text' });
  const unclosed = await save('Dear {{contact.name');
  expect([unclosed.status, unclosed.body.error.details[0].message]).toEqual([400, 'line 1, column 6: a merge field opened with {{ is not closed with }}']);
  expect(await t.database.db.collateralVersion.count({ where: { itemId: created.body.id } })).toBe(0);
  expect((await save('Dear {{ contact.name }}, see {{account.fields.address}}')).status).toBe(201);

  // Only LETTER_TEMPLATE items take a text; only marketers and admins save one.
  const brochure = await t.request.post('/api/v1/collateral').set(as(marketer)).send({ name: 'A brochure', kind: 'BROCHURE', language: 'en' });
  expect((await t.request.post(`/api/v1/collateral/${brochure.body.id}/letter-template`).set(as(marketer)).send({ text: 'Hi' })).status).toBe(409);
  expect((await t.request.post(`/api/v1/collateral/${created.body.id}/letter-template`).set(as(manager)).send({ text: 'Hi' })).status).toBe(403);
});

test('when a run is asked for something it cannot do then the refusal names the field and no run is written', async () => {
  const segmentId = await segmentOf('dm-refusals', [{ name: 'Refusals', address: 'x', contacts: [{ name: 'Somebody' }] }]);
  const draft = await t.request.post('/api/v1/collateral').set(as(marketer)).send({ name: 'Draft letter', kind: 'LETTER_TEMPLATE', language: 'en' });
  await t.request.post(`/api/v1/collateral/${draft.body.id}/letter-template`).set(as(marketer)).send({ text: 'Dear {{contact.name}}' });
  const approved = await approvedTemplate('Approved letter', 'Dear {{contact.name}}');
  const runs = await t.database.db.directMailRun.count();
  const start = (body: object, user = marketer) => t.request.post('/api/v1/direct-mail-runs').set(as(user)).send(body);
  const refusals: [object, number, string][] = [
    [{ templateItemId: draft.body.id, segmentId, output: 'FILES' }, 409, 'body.templateItemId'],
    [{ templateItemId: approved, segmentId, campaignId: segmentId, output: 'FILES' }, 400, 'body.segmentId'],
    [{ templateItemId: approved, output: 'FILES' }, 400, 'body.segmentId'],
    [{ templateItemId: approved, segmentId: '00000000-0000-4000-8000-000000000000', output: 'FILES' }, 400, 'body.segmentId'],
    [{ templateItemId: approved, campaignId: '00000000-0000-4000-8000-000000000000', output: 'FILES' }, 400, 'body.campaignId'],
    [{ templateItemId: '00000000-0000-4000-8000-000000000000', segmentId, output: 'FILES' }, 400, 'body.templateItemId'],
    [{ templateItemId: approved, letterheadItemId: draft.body.id, segmentId, output: 'FILES' }, 409, 'body.letterheadItemId'],
    [{ templateItemId: approved, segmentId, output: 'PRINT' }, 400, 'body.output'],
    [{ templateItemId: approved, segmentId, output: 'FILES', costPerLetter: 0.5, currency: 'EUR' }, 400, 'body.costPerLetter'],
  ];
  for (const [body, status, path] of refusals) {
    const response = await start(body);
    expect([response.status, response.body.error.details.map((detail: { path: string }) => detail.path)]).toEqual([status, [path]]);
  }
  expect((await start({ templateItemId: approved, segmentId, output: 'FILES' }, manager)).status).toBe(403);
  expect(await t.database.db.directMailRun.count()).toBe(runs);
  expect((await t.request.get('/api/v1/direct-mail-runs/00000000-0000-4000-8000-000000000000').set(as(manager))).status).toBe(404);
});

test("when a run names a campaign then it writes to the campaign's target list (not its test cell), charges its letters to the budget funding the campaign, and a campaign without a list is refused", async () => {
  const templateId = await approvedTemplate('Campaign letter', 'Dear {{contact.name}},\n\nAs promised.');
  const db = t.database.db;
  const account = await db.account.create({ data: { name: 'Listed Ltd' } });
  const [target, alsoTarget, testCell] = await Promise.all(['Tara Target', 'Tom Target', 'Tess Test'].map((name) => db.contact.create({ data: { accountId: account.id, name } })));
  const campaign = await db.campaign.create({ data: { name: 'Autumn campaign' } });
  const listStageId = '00000000-0000-4000-8000-00000000000a';
  await db.campaignRecipient.createMany({
    data: [
      { campaignId: campaign.id, contactId: target.id, accountId: account.id, listStageId },
      { campaignId: campaign.id, contactId: alsoTarget.id, accountId: account.id, listStageId },
      { campaignId: campaign.id, contactId: testCell.id, accountId: account.id, listStageId, cell: 'TEST' },
    ],
  });
  const budget = await db.budget.create({ data: { name: 'Autumn budget', ownerId: marketer.id, currency: 'EUR', periodStart: new Date('2026-01-01'), periodEnd: new Date('2027-12-31'), amount: '5000.00' } });
  await db.budgetAllocation.create({ data: { budgetId: budget.id, campaignId: campaign.id, amount: '1000.00' } });
  const start = (body: object) => t.request.post('/api/v1/direct-mail-runs').set(as(marketer)).send({ templateItemId: templateId, campaignId: campaign.id, output: 'FILES', ...body });
  const otherCurrency = await start({ costPerLetter: 0.85, currency: 'USD' });
  expect([otherCurrency.status, otherCurrency.body.error.details]).toEqual([409, [{ path: 'body.currency', message: 'not EUR' }]]);
  const halfACost = await start({ costPerLetter: 0.85 });
  expect([halfACost.status, halfACost.body.error.details.map((detail: { path: string }) => detail.path)]).toEqual([400, ['body.currency']]);

  const started = await start({ costPerLetter: 0.8555, currency: 'EUR' });
  expect(started.status).toBe(201);
  expect(started.body.recipients).toEqual({ segmentId: null, campaignId: campaign.id, name: 'Autumn campaign' });
  const run = await finished(started.body.id);
  expect(run).toMatchObject({ status: 'COMPLETED', counts: { listed: 2, rendered: 2, skipped: 0 }, merged: null, cost: { perLetter: '0.8555', currency: 'EUR' } });
  // 2 × 0.8555 = 1.711, rounded half up once.
  const entry = await db.budgetEntry.findUniqueOrThrow({ where: { id: run.cost.budgetEntryId } });
  expect({ ...entry, amount: entry.amount.toFixed(2) }).toMatchObject({ budgetId: budget.id, campaignId: campaign.id, supplier: 'Direct mail', category: 'direct-mail', reference: run.id, state: 'ACTUAL', amount: '1.71' });
  const files = await t.request.get(`/api/v1/direct-mail-runs/${run.id}/files`).set(as(marketer));
  expect(files.body.items.map((file: { contactName: string }) => file.contactName).sort()).toEqual(['Tara Target', 'Tom Target']);
  expect((await download(`/api/v1/direct-mail-runs/${run.id}/merged`)).status).toBe(404);

  const unlisted = await db.campaign.create({ data: { name: 'Campaign without a list' } });
  const refused = await t.request.post('/api/v1/direct-mail-runs').set(as(marketer)).send({ templateItemId: templateId, campaignId: unlisted.id, output: 'FILES' });
  expect([refused.status, refused.body.error.details]).toEqual([409, [{ path: 'body.campaignId', message: 'no target list yet' }]]);
});

/** A run as the API writes it (its letters listed), without its workflow: the test starts that itself. */
async function runWithoutWorkflow(name: string, letters: number) {
  const templateId = await approvedTemplate(name, 'Dear {{contact.name}},\n\nOne of many.');
  const version = await t.database.db.collateralVersion.findFirstOrThrow({ where: { itemId: templateId } });
  const account = await t.database.db.account.create({ data: { name: `${name} Ltd` } });
  const contacts = await Promise.all(Array.from({ length: letters }, (_, index) => t.database.db.contact.create({ data: { accountId: account.id, name: `Reader ${index + 1}` } })));
  const run = await t.database.db.directMailRun.create({
    data: {
      templateItemId: templateId, templateVersion: 1, templateSha256: version.sha256, output: 'MERGED', listed: contacts.length,
      senderName: 'Test marketer', senderEmail: 'marketer@example.com', letterDate: '4 December 2026', startedById: marketer.id,
      letters: { create: contacts.map((contact, index) => ({ contactId: contact.id, accountId: account.id, position: index + 1 })) },
    },
  });
  return { run, contacts };
}

test('when the history grows long then the run continues as new with its counts and completes, its merged PDF made of every batch', async () => {
  // Started here with a small history limit the API does not offer.
  const { run, contacts } = await runWithoutWorkflow('Continued letter', 8);
  const handle = await t.temporal.client.workflow.start('directMailWorkflow', {
    workflowId: directMailWorkflowId(run.id),
    taskQueue: t.temporal.taskQueue,
    args: [{ runId: run.id, batchSize: 1, continueAsNewAfterEvents: 20 }],
  });
  expect(await handle.result()).toEqual({ status: 'COMPLETED', listed: 8, rendered: 8, skipped: 0 });
  expect((await handle.describe()).runId).not.toBe(handle.firstExecutionRunId);
  const view = await t.request.get(`/api/v1/direct-mail-runs/${run.id}`).set(as(marketer));
  expect(view.body).toMatchObject({ status: 'COMPLETED', merged: { pages: 8 } });
  const merged = await download(view.body.merged.downloadPath);
  expect(await pageCount(merged.body)).toBe(8);
  const text = await pdfText(merged.body);
  for (const contact of contacts) expect(text).toContain(`Dear ${contact.name},`);
  await recordHistory(t.temporal.client.workflow.getHandle(directMailWorkflowId(run.id), handle.firstExecutionRunId), 'direct-mail', 'continued-as-new');
});

test('when an API process died between writing a run and starting its workflow then the next start-up starts it, once', async () => {
  const { run } = await runWithoutWorkflow('Resumed letter', 3);
  const deps = { db: t.database.db, temporal: { client: t.temporal.client, taskQueue: t.temporal.taskQueue } };
  const later = new Date(Date.now() + 60_000);
  expect(await resumeRunningDirectMailRuns(deps, later)).toBe(1);
  expect(await resumeRunningDirectMailRuns(deps, later)).toBe(0);
  expect(await finished(run.id)).toMatchObject({ status: 'COMPLETED', counts: { rendered: 3 }, merged: { pages: 3 } });
});
