import { startTestApp, type TestApp } from '../../support/test-app';
import { auth, campaignRowCounts, createCampaign, createFixtures, inMinutes, paths, threeStages, uniqueName, type Fixtures } from './helpers';

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

const patch = (id: string, body: Record<string, unknown>, key = marketer.key) => t.request.patch(`/api/v1/campaigns/${id}`).set(auth(key)).send(body);
const setStatus = (id: string, status: 'SCHEDULED' | 'RUNNING' | 'COMPLETED' | 'CANCELLED') => t.database.db.campaign.update({ where: { id }, data: { status } });
const sources = [
  { code: 'PRESS-1', name: 'Daily', channel: 'press', cost: 100 },
  { code: 'WEB-1', name: 'Banner' },
];

describe('PATCH /api/v1/campaigns/:id', () => {
  test('when a marketer changes fields then the campaign changes and its history says what changed, before and after, and who', async () => {
    const campaign = await createCampaign(t, marketer.key, { name: uniqueName(), channels: ['email'], sources, stages: threeStages(fixtures) });
    const response = await patch(
      campaign.id,
      {
        name: 'Renamed',
        description: 'Now with a description',
        channels: ['email', 'phone'],
        budget: { amount: 999.99, currency: 'USD' },
        offers: [{ name: 'Free sample' }],
        sources: [{ code: 'PRESS-1', name: 'Daily', channel: 'press', cost: 150 }, { code: 'RADIO-1', name: 'Morning show' }],
      },
      admin.key,
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      name: 'Renamed',
      description: 'Now with a description',
      channels: ['email', 'phone'],
      budget: { amount: 999.99, currency: 'USD' },
      offers: [{ name: 'Free sample' }],
    });
    expect(response.body.sources.map((source: { code: string; cost: number | null }) => [source.code, source.cost])).toEqual([['PRESS-1', 150], ['RADIO-1', null]]);
    // The kept source keeps its id (responses and opportunities may point at it).
    expect(response.body.sources[0].id).toBe(campaign.sources.find((source) => source.code === 'PRESS-1')?.id);
    const [updated] = response.body.history;
    expect(updated).toMatchObject({ kind: 'updated', byUserId: admin.id, message: 'Changed name, description, channels, offers, budget, sources' });
    expect(updated.details.changes).toMatchObject({
      name: { before: campaign.name, after: 'Renamed' },
      description: { before: null, after: 'Now with a description' },
      channels: { before: ['email'], after: ['email', 'phone'] },
      budget: { before: null, after: { amount: 999.99, currency: 'USD' } },
      offers: { before: [], after: [{ name: 'Free sample' }] },
      sources: {
        before: [{ code: 'PRESS-1', name: 'Daily', channel: 'press', cost: 100 }, { code: 'WEB-1', name: 'Banner', channel: null, cost: null }],
        after: [{ code: 'PRESS-1', name: 'Daily', channel: 'press', cost: 150 }, { code: 'RADIO-1', name: 'Morning show', channel: null, cost: null }],
      },
    });

    // The same values again change nothing and write no event; null removes the budget and description.
    const again = await patch(campaign.id, {
      name: 'Renamed',
      channels: ['email', 'phone'],
      budget: { currency: 'USD', amount: 999.99 },
      sources: [{ code: 'RADIO-1', name: 'Morning show' }, { cost: 150, channel: 'press', name: 'Daily', code: 'PRESS-1' }],
      offers: [{ name: 'Free sample' }],
    });
    expect(again.body.history).toHaveLength(2);
    const cleared = await patch(campaign.id, { budget: null, description: null });
    expect(cleared.body).toMatchObject({ budget: null, description: null });
    expect(cleared.body.history[0].details.changes).toEqual({
      description: { before: 'Now with a description', after: null },
      budget: { before: { amount: 999.99, currency: 'USD' }, after: null },
    });
  });

  test('when a DRAFT gets new stages then they replace the old ones; once scheduled, stages are refused with 409', async () => {
    const campaign = await createCampaign(t, marketer.key, { name: uniqueName(), stages: threeStages(fixtures) });
    const stages = [
      { type: 'LIST', startAt: inMinutes(90), settings: { segmentId: fixtures.segmentId } },
      { type: 'CALL_TASKS', name: 'Calls', settings: { dueAfter: 'P5D' } },
    ];
    const response = await patch(campaign.id, { stages });
    expect(response.status).toBe(200);
    expect(response.body.stages.map((stage: { type: string; position: number }) => [stage.position, stage.type])).toEqual([[0, 'LIST'], [1, 'CALL_TASKS']]);
    expect(response.body.stages[1].settings).toEqual({ title: 'Campaign follow-up call', dueAfter: 'P5D' });
    expect(response.body.history[0].details.changes.stages.before.map((stage: { type: string }) => stage.type)).toEqual(['LIST', 'APPROVAL', 'MAILING']);

    const bad = await patch(campaign.id, { stages: [{ type: 'MAILING', settings: { templateKey: fixtures.templateKey } }] });
    expect(bad.status).toBe(400);
    expect(paths(bad.body)).toEqual(['body.stages.0.type']);

    await setStatus(campaign.id, 'SCHEDULED');
    const before = await campaignRowCounts(t);
    const refused = await patch(campaign.id, { name: 'Not applied', stages });
    expect(refused.status).toBe(409);
    expect(paths(refused.body)).toEqual(['body.stages']);
    expect(await campaignRowCounts(t)).toEqual(before);
    expect((await t.database.db.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).name).toBe(campaign.name);
  });

  test('when a scheduled campaign drops a source code then 409 names it, and adding or changing sources still works', async () => {
    const campaign = await createCampaign(t, marketer.key, { name: uniqueName(), sources, stages: threeStages(fixtures) });
    await setStatus(campaign.id, 'RUNNING');
    const refused = await patch(campaign.id, { sources: [sources[0]] });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/WEB-1/);
    expect(refused.body.error.details).toEqual([{ path: 'body.sources', message: expect.stringContaining('WEB-1') }]);
    const kept = await patch(campaign.id, { sources: [...sources, { code: 'NEW-1', name: 'New' }].map((source) => ({ ...source, name: `${source.name}!` })) });
    expect(kept.status).toBe(200);
    expect(kept.body.sources.map((source: { code: string; name: string }) => `${source.code} ${source.name}`)).toEqual(['NEW-1 New!', 'PRESS-1 Daily!', 'WEB-1 Banner!']);
  });

  test('when the campaign has ended then 409 and nothing changes', async () => {
    const campaign = await createCampaign(t, marketer.key, { name: uniqueName(), stages: threeStages(fixtures) });
    await setStatus(campaign.id, 'COMPLETED');
    const before = await campaignRowCounts(t);
    const response = await patch(campaign.id, { name: 'Too late' });
    expect(response.status).toBe(409);
    expect(response.body.error.message).toMatch(/COMPLETED/);
    expect(await campaignRowCounts(t)).toEqual(before);
  });

  test('when the parent would make a cycle or does not exist then 400 or 404 names body.parentId', async () => {
    const grandparent = await createCampaign(t, marketer.key, { name: uniqueName('gp'), stages: threeStages(fixtures) });
    const parent = await createCampaign(t, marketer.key, { name: uniqueName('p'), parentId: grandparent.id, stages: threeStages(fixtures) });
    const child = await createCampaign(t, marketer.key, { name: uniqueName('c'), parentId: parent.id, stages: threeStages(fixtures) });
    for (const parentId of [grandparent.id, child.id]) {
      const response = await patch(grandparent.id, { parentId });
      expect(response.status).toBe(400);
      expect(paths(response.body)).toEqual(['body.parentId']);
    }
    const missing = await patch(child.id, { parentId: '00000000-0000-4000-8000-000000000000' });
    expect(missing.status).toBe(404);
    expect(paths(missing.body)).toEqual(['body.parentId']);
    // Moving the child to the top and under the grandparent works, and the history says so.
    const moved = await patch(child.id, { parentId: null });
    expect(moved.body).toMatchObject({ parentId: null, parent: null });
    const under = await patch(child.id, { parentId: grandparent.id });
    expect(under.body).toMatchObject({ parentId: grandparent.id, parent: { id: grandparent.id } });
    expect(under.body.history[0].details.changes).toEqual({ parentId: { before: null, after: grandparent.id } });
    const gp = await t.request.get(`/api/v1/campaigns/${grandparent.id}`).set(auth(manager.key));
    expect(gp.body.children.map((campaign: { id: string }) => campaign.id)).toEqual([parent.id, child.id]);
  });

  test('when two campaigns are made each other’s parent at once then one of the two is refused', async () => {
    const a = await createCampaign(t, marketer.key, { name: uniqueName('a'), stages: threeStages(fixtures) });
    const b = await createCampaign(t, marketer.key, { name: uniqueName('b'), stages: threeStages(fixtures) });
    const answers = await Promise.all([patch(a.id, { parentId: b.id }), patch(b.id, { parentId: a.id })]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 400]);
  });

  test('when the body is empty, bad or the caller a manager then 400, 403 or 404', async () => {
    const campaign = await createCampaign(t, marketer.key, { name: uniqueName(), stages: threeStages(fixtures) });
    const empty = await patch(campaign.id, {});
    expect(empty.status).toBe(400);
    expect(paths(empty.body)).toEqual(['body']);
    const bad = await patch(campaign.id, { name: '', status: 'RUNNING', sources: [{ code: 'A', name: 'a' }, { code: 'A', name: 'b' }] });
    expect(paths(bad.body)).toEqual(['body.name', 'body.sources.1.code', 'body.status']);
    expect((await patch(campaign.id, { name: 'x' }, manager.key)).status).toBe(403);
    expect((await patch('00000000-0000-4000-8000-000000000000', { name: 'x' })).status).toBe(404);
  });
});
