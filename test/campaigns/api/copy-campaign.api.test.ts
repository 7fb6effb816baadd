import { startTestApp, type TestApp } from '../../support/test-app';
import { auth, campaignRowCounts, createCampaign, createFixtures, inMinutes, paths, type Fixtures } from './helpers';

let t: TestApp;
let marketer: { id: string; key: string };
let admin: { id: string; key: string };
let manager: { id: string; key: string };
let fixtures: Fixtures;

beforeAll(async () => {
  t = await startTestApp();
  [marketer, admin, manager] = await Promise.all([t.userWithKey('marketer'), t.userWithKey('admin'), t.userWithKey('manager')]);
  fixtures = await createFixtures(t);
});
afterAll(() => t.close());

const copy = (id: string, body: Record<string, unknown> = {}, key = admin.key) => t.request.post(`/api/v1/campaigns/${id}/copy`).set(auth(key)).send(body);

describe('POST /api/v1/campaigns/:id/copy', () => {
  test('when a finished campaign is copied then a new DRAFT has its fields, sources and stages, past dates left empty, and both histories say so', async () => {
    const parent = await createCampaign(t, marketer.key, { name: 'Parent', stages: [{ type: 'WAIT', settings: { duration: 'PT1H' } }] });
    const future = inMinutes(180);
    const original = await createCampaign(t, marketer.key, {
      name: 'Autumn',
      description: 'Second wave',
      parentId: parent.id,
      channels: ['email'],
      budget: { amount: 2000, currency: 'GBP' },
      offers: [{ code: 'AUT', name: 'Autumn offer' }],
      sources: [{ code: 'WEB-9', name: 'Site', cost: 12.5 }],
      stages: [
        { type: 'LIST', name: 'List', startAt: inMinutes(60), settings: { segmentId: fixtures.segmentId } },
        { type: 'MAILING', startAt: future, settings: { templateKey: fixtures.templateKey, ratePerSecond: 20 } },
      ],
    });
    // The campaign ran: its first stage's date passed and both stages finished.
    const db = t.database.db;
    const [list, mailing] = original.stages;
    await db.campaignStage.update({ where: { id: list.id }, data: { startAt: new Date(Date.now() - 3_600_000), status: 'COMPLETED', startedSettings: { segmentId: fixtures.segmentId }, result: { listed: 3 } } });
    await db.campaignStage.update({ where: { id: mailing.id }, data: { status: 'COMPLETED' } });
    await db.campaign.update({ where: { id: original.id }, data: { status: 'COMPLETED', endedAt: new Date() } });

    const response = await copy(original.id);
    expect(response.status).toBe(201);
    const copied = response.body;
    expect(copied.id).not.toBe(original.id);
    expect(copied).toMatchObject({
      name: 'Autumn (copy)',
      description: 'Second wave',
      status: 'DRAFT',
      parentId: parent.id,
      channels: ['email'],
      budget: { amount: 2000, currency: 'GBP' },
      offers: [{ code: 'AUT', name: 'Autumn offer' }],
      copiedFromId: original.id,
      createdById: admin.id,
      endedAt: null,
    });
    expect(copied.sources).toEqual([{ id: expect.any(String), code: 'WEB-9', name: 'Site', channel: null, cost: 12.5 }]);
    expect(copied.sources[0].id).not.toBe(original.sources[0].id);
    expect(copied.stages).toEqual([
      expect.objectContaining({ type: 'LIST', name: 'List', status: 'PENDING', startAt: null, startedSettings: null, startedAt: null, settings: list.settings }),
      expect.objectContaining({ type: 'MAILING', status: 'PENDING', startAt: new Date(future).toISOString(), settings: mailing.settings }),
    ]);
    expect(copied.stages[0].counts).toEqual({ list: null, recipients: { target: 0, test: 0, total: 0 } });
    expect(copied.history).toEqual([expect.objectContaining({ kind: 'copied-from', byUserId: admin.id, details: { copiedFromId: original.id, datesDropped: [0] } })]);

    const originalNow = await t.request.get(`/api/v1/campaigns/${original.id}`).set(auth(manager.key));
    expect(originalNow.body.status).toBe('COMPLETED');
    expect(originalNow.body.history[0]).toMatchObject({ kind: 'copied-to', byUserId: admin.id, details: { copyId: copied.id } });
  });

  test('when a name is given then the copy takes it; an unknown campaign is 404 and a manager 403, writing nothing', async () => {
    const original = await createCampaign(t, marketer.key, { name: 'Named', stages: [{ type: 'WAIT', settings: { duration: 'PT1H' } }] });
    const named = await copy(original.id, { name: 'Named again' }, marketer.key);
    expect(named.status).toBe(201);
    expect(named.body.name).toBe('Named again');
    const before = await campaignRowCounts(t);
    expect((await copy('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await copy(original.id, {}, manager.key)).status).toBe(403);
    const bad = await copy(original.id, { name: '', status: 'RUNNING' });
    expect(bad.status).toBe(400);
    expect(paths(bad.body)).toEqual(['body.name', 'body.status']);
    expect(await campaignRowCounts(t)).toEqual(before);
  });
});
