import { startTestApp, type TestApp } from '../../support/test-app';
import { auth, createCampaign, createFixtures, paths, threeStages, uniqueName, type Fixtures } from './helpers';

let t: TestApp;
let marketer: { id: string; key: string };
let manager: { id: string; key: string };
let fixtures: Fixtures;

beforeAll(async () => {
  t = await startTestApp();
  [marketer, manager] = await Promise.all([t.userWithKey('marketer'), t.userWithKey('manager')]);
  fixtures = await createFixtures(t);
});
afterAll(() => t.close());

const list = (query: Record<string, string | number>, key = manager.key) => t.request.get('/api/v1/campaigns').query(query).set(auth(key));
const names = (body: { items: { name: string }[] }) => body.items.map((item) => item.name);

describe('GET /api/v1/campaigns', () => {
  test('when listing then campaigns come newest first, paginated by cursor, and filter by text, status and parent', async () => {
    const tag = uniqueName('tag');
    const parent = await createCampaign(t, marketer.key, { name: `${tag} parent`, stages: threeStages(fixtures) });
    const a = await createCampaign(t, marketer.key, { name: `${tag} a`, parentId: parent.id, stages: threeStages(fixtures) });
    const b = await createCampaign(t, marketer.key, { name: `${tag} b`, parentId: parent.id, description: 'Has the word zebra', stages: threeStages(fixtures) });
    const c = await createCampaign(t, marketer.key, { name: `${tag} c`, stages: threeStages(fixtures) });
    await t.database.db.campaign.update({ where: { id: b.id }, data: { status: 'RUNNING' } });

    const first = await list({ q: tag.toUpperCase(), limit: 2 });
    expect(first.status).toBe(200);
    expect(names(first.body)).toEqual([c.name, b.name]);
    expect(first.body.items[1]).toMatchObject({ id: b.id, status: 'RUNNING', parentId: parent.id, stageCount: 3, childCount: 0, budget: null });
    const second = await list({ q: tag, limit: 2, cursor: first.body.nextCursor });
    expect(names(second.body)).toEqual([a.name, parent.name]);
    expect(second.body.items[1]).toMatchObject({ childCount: 2 });
    expect(second.body.nextCursor).toBeNull();

    expect(names((await list({ q: tag, status: 'RUNNING' })).body)).toEqual([b.name]);
    expect(names((await list({ q: tag, status: 'DRAFT,RUNNING' })).body)).toEqual([c.name, b.name, a.name, parent.name]);
    expect(names((await list({ parentId: parent.id })).body)).toEqual([b.name, a.name]);
    expect(names((await list({ q: tag, parentId: 'none' })).body)).toEqual([c.name, parent.name]);
    expect(names((await list({ q: 'zebra' })).body)).toEqual([b.name]);
    // LIKE wildcards are plain text.
    expect((await list({ q: '%' })).body.items).toEqual([]);
    expect(names((await list({ q: `${tag.slice(0, 5)}_${tag.slice(6)} c` })).body)).toEqual([]);
  });

  test('when the query is bad then 400 names each parameter', async () => {
    const response = await list({ status: 'DRAFT,SLEEPING', parentId: 'x', limit: 0, cursor: 'junk', extra: 1 });
    expect(response.status).toBe(400);
    expect(paths(response.body)).toEqual(['query.cursor', 'query.extra', 'query.limit', 'query.parentId', 'query.status']);
  });
});
