import { startTestApp, type TestApp } from '../support/test-app';
import { libraryItem } from './support/library-items';
import { samplePdf } from './support/sample-files';

let t: TestApp;
let marketer: { id: string; key: string };
let manager: { id: string; key: string };
let segmentId: string;
const as = (user: { key: string }) => ({ Authorization: `Bearer ${user.key}` });
const paths = (body: { error: { details: { path: string }[] } }) => body.error.details.map((detail) => detail.path).sort();
// A small limit, so a mailing's files pass it without large uploads.
const ATTACHMENTS_LIMIT = 4096;

beforeAll(async () => {
  t = await startTestApp({ mailAttachmentsMaxBytes: ATTACHMENTS_LIMIT });
  [marketer, manager] = await Promise.all([t.userWithKey('marketer'), t.userWithKey('manager')]);
  const segment = await t.request.post('/api/v1/segments').set(as(marketer)).send({ name: 'Retail kits', criteria: { field: 'account.segment', op: 'eq', value: 'retail' } });
  segmentId = segment.body.id;
});
afterAll(() => t.close());

const createKit = (body: object, user = marketer) => t.request.post('/api/v1/collateral-kits').set(as(user)).send(body);

test('when a marketer makes a kit of approved items then it keeps their order, names its segment, is audited, and every role reads it', async () => {
  const [brochure, datasheet] = [await libraryItem(t, marketer, { name: 'Kit brochure' }), await libraryItem(t, marketer, { name: 'Kit datasheet', kind: 'DATASHEET' })];
  const created = await createKit({ name: 'Retail spring kit', description: 'For shops', segmentId, channel: 'EMAIL', itemIds: [datasheet.id, brochure.id] });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({
    name: 'Retail spring kit', description: 'For shops', segmentId, segmentName: 'Retail kits', channel: 'EMAIL', status: 'ACTIVE', archivedAt: null,
    items: [
      { itemId: datasheet.id, name: 'Kit datasheet', kind: 'DATASHEET', status: 'APPROVED', currentVersion: 1, fileName: datasheet.fileName, sizeBytes: datasheet.bytes.length },
      { itemId: brochure.id, name: 'Kit brochure', status: 'APPROVED' },
    ],
  });
  const audit = await t.database.db.auditEntry.findFirst({ where: { entityType: 'collateralKit', entityId: created.body.id } });
  expect(audit).toMatchObject({ action: 'kit.create', actorId: marketer.id, after: { name: 'Retail spring kit', itemIds: [datasheet.id, brochure.id] } });

  const read = await t.request.get(`/api/v1/collateral-kits/${created.body.id}`).set(as(manager));
  expect(read.body).toEqual(created.body);
  const list = await t.request.get('/api/v1/collateral-kits').query({ channel: 'EMAIL', segmentId }).set(as(manager));
  expect(list.body.items.map((kit: { id: string }) => kit.id)).toEqual([created.body.id]);
  expect((await createKit({ name: 'Seller kit', channel: 'PHONE', itemIds: [brochure.id] }, manager)).status).toBe(403);
});

test('when a kit names a DRAFT or RETIRED item then it is a 409 naming the item and its status at its place, and nothing is written', async () => {
  const approved = await libraryItem(t, marketer, { name: 'Approved one' });
  const draft = await libraryItem(t, marketer, { name: 'Draft one', status: 'DRAFT' });
  const retired = await libraryItem(t, marketer, { name: 'Retired one', status: 'RETIRED' });
  const before = await t.database.db.collateralKit.count();

  const refused = await createKit({ name: 'Bad kit', channel: 'MAIL', itemIds: [approved.id, draft.id, retired.id] });
  expect(refused.status).toBe(409);
  expect(refused.body.error.details).toEqual([
    { path: 'body.itemIds.1', message: 'collateral item "Draft one" is DRAFT: only APPROVED items can be used' },
    { path: 'body.itemIds.2', message: 'collateral item "Retired one" is RETIRED: only APPROVED items can be used' },
  ]);
  const refusals: [object, number, string[]][] = [
    [{ name: 'No target', itemIds: [approved.id] }, 400, ['body.segmentId']],
    [{ name: 'Unknown item', channel: 'MAIL', itemIds: ['00000000-0000-4000-8000-000000000000'] }, 400, ['body.itemIds.0']],
    [{ name: 'Unknown segment', segmentId: '00000000-0000-4000-8000-000000000000', itemIds: [approved.id] }, 400, ['body.segmentId']],
    [{ name: 'Twice', channel: 'MAIL', itemIds: [approved.id, approved.id] }, 400, ['body.itemIds']],
    [{ name: 'Empty', channel: 'MAIL', itemIds: [] }, 400, ['body.itemIds']],
    [{ name: 'Bad channel', channel: 'FAX', itemIds: [approved.id], extra: 1 }, 400, ['body.channel', 'body.extra']],
  ];
  for (const [body, status, expected] of refusals) {
    const response = await createKit(body);
    expect([response.status, paths(response.body)]).toEqual([status, expected.sort()]);
  }
  expect(await t.database.db.collateralKit.count()).toBe(before);
});

test('when a kit is changed then its items are replaced in their new order; archived it refuses changes until offered again', async () => {
  const [a, b, c] = [await libraryItem(t, marketer, { name: 'Item A' }), await libraryItem(t, marketer, { name: 'Item B' }), await libraryItem(t, marketer, { name: 'Item C' })];
  const kit = (await createKit({ name: 'Changing kit', channel: 'FIELD', itemIds: [a.id, b.id] })).body;
  const path = `/api/v1/collateral-kits/${kit.id}`;

  const changed = await t.request.patch(path).set(as(marketer)).send({ itemIds: [c.id, a.id], channel: null, segmentId, description: 'Visits' });
  expect(changed.status).toBe(200);
  expect(changed.body).toMatchObject({ channel: null, segmentId, description: 'Visits', items: [{ itemId: c.id }, { itemId: a.id }] });
  expect((await t.request.patch(path).set(as(marketer)).send({ segmentId: null })).body.error.details).toEqual([{ path: 'body.segmentId', message: 'a kit is for a segment, a channel or both: it cannot lose both' }]);

  const archived = await t.request.patch(path).set(as(marketer)).send({ status: 'ARCHIVED' });
  expect(archived.body).toMatchObject({ status: 'ARCHIVED', archivedAt: expect.any(String) });
  expect((await t.request.patch(path).set(as(marketer)).send({ name: 'Renamed' })).status).toBe(409);
  expect((await t.request.get('/api/v1/collateral-kits').query({ status: 'ACTIVE' }).set(as(marketer))).body.items.map((k: { id: string }) => k.id)).not.toContain(kit.id);
  const again = await t.request.patch(path).set(as(marketer)).send({ status: 'ACTIVE', name: 'Renamed' });
  expect(again.body).toMatchObject({ status: 'ACTIVE', name: 'Renamed', archivedAt: null });
  const actions = await t.database.db.auditEntry.findMany({ where: { entityType: 'collateralKit', entityId: kit.id }, orderBy: [{ at: 'asc' }, { id: 'asc' }], select: { action: true } });
  expect(actions.map((entry) => entry.action)).toEqual(['kit.create', 'kit.update', 'kit.archive', 'kit.update']);
});

describe('stage settings naming collateral', () => {
  const campaign = (stages: object[]) => t.request.post('/api/v1/campaigns').set(as(marketer)).send({ name: `Kit campaign ${Date.now()}`, stages: [{ type: 'LIST', settings: { segmentId } }, ...stages] });
  let templateKey: string;
  beforeAll(async () => {
    templateKey = `kit-offer-${Date.now()}`;
    await t.request.post('/api/v1/templates').set(as(marketer)).send({ key: templateKey, name: templateKey, subject: 'Offer', text: 'Hello {{ contact.name }}. {{ unsubscribeUrl }}' });
  });

  test('when a mailing attaches unusable items or kits, or files over the size limit, then each is named at its field and nothing is written', async () => {
    const draft = await libraryItem(t, marketer, { name: 'Mail draft', status: 'DRAFT' });
    const small = await libraryItem(t, marketer, { name: 'Small file' });
    const large = await libraryItem(t, marketer, { name: 'Large file', bytes: Buffer.concat([samplePdf('large'), Buffer.alloc(ATTACHMENTS_LIMIT, 0x20)]) });
    const archivedKit = (await createKit({ name: 'Old kit', channel: 'EMAIL', itemIds: [small.id] })).body;
    await t.request.patch(`/api/v1/collateral-kits/${archivedKit.id}`).set(as(marketer)).send({ status: 'ARCHIVED' });
    const before = await t.database.db.campaign.count();

    const refused = await campaign([
      {
        type: 'MAILING',
        settings: {
          templateKey,
          attachments: [{ itemId: draft.id }, { kitId: archivedKit.id, as: 'file' }, { itemId: small.id, as: 'file' }, { itemId: large.id, as: 'file' }, { itemId: small.id }],
        },
      },
    ]);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([
      { path: 'body.stages.1.settings.attachments.0.itemId', message: 'collateral item "Mail draft" is DRAFT: only APPROVED items can be used' },
      { path: 'body.stages.1.settings.attachments.1.kitId', message: 'kit "Old kit" is ARCHIVED' },
      { path: 'body.stages.1.settings.attachments.4', message: '"Small file" is attached already (attachments.2)' },
      { path: 'body.stages.1.settings.attachments', message: expect.stringMatching(/^the files attached add up to .* over the limit of 4 KB \(MAIL_ATTACHMENTS_MAX_SIZE\): send some as links$/) },
    ]);
    // The shape is checked first: an attachment names an item or a kit, not both.
    const both = await campaign([{ type: 'MAILING', settings: { templateKey, attachments: [{ itemId: small.id, kitId: archivedKit.id }] } }]);
    expect(both.body.error.details).toEqual([{ path: 'body.stages.1.settings.attachments.0.itemId', message: 'give exactly one of itemId and kitId' }]);
    expect(await t.database.db.campaign.count()).toBe(before);

    // The same large file as a link is fine.
    const accepted = await campaign([{ type: 'MAILING', settings: { templateKey, attachments: [{ itemId: small.id, as: 'file' }, { itemId: large.id, as: 'link' }] } }]);
    expect(accepted.status).toBe(201);
    expect(accepted.body.stages[1].settings.attachments).toEqual([{ itemId: small.id, as: 'file' }, { itemId: large.id, as: 'link' }]);
    // What the campaign plans to use, before it starts.
    const planned = await t.request.get(`/api/v1/campaigns/${accepted.body.id}/attached-collateral`).set(as(manager));
    expect(planned.body.stages).toEqual([
      expect.objectContaining({ position: 1, started: false, items: [expect.objectContaining({ itemId: small.id, as: 'file', version: 1 }), expect.objectContaining({ itemId: large.id, as: 'link' })] }),
    ]);
  });

  test('when call tasks name a script that is not a CALL_SCRIPT, or an unknown kit, then both are named', async () => {
    const brochure = await libraryItem(t, marketer, { name: 'Not a script' });
    const refused = await campaign([{ type: 'CALL_TASKS', settings: { callScriptItemId: brochure.id, kitId: '00000000-0000-4000-8000-000000000000' } }]);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([
      { path: 'body.stages.1.settings.callScriptItemId', message: 'collateral item "Not a script" is a BROCHURE, not a CALL_SCRIPT' },
      { path: 'body.stages.1.settings.kitId', message: 'no kit 00000000-0000-4000-8000-000000000000' },
    ]);
  });
});
