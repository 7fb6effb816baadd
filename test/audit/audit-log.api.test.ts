import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app';
import { as, type Key } from '../rules-api/helpers';

let t: TestApp;
let admin: Key;
let other: Key;

// 60 entries of a test-only entity type on 20 instants (three share each instant, so the id breaks
// the tie), alternating between two actors.
const base = Date.parse('2026-06-01T12:00:00.000Z');
const seeded: { id: string; at: Date; actorId: string; action: string; entityId: string }[] = [];

beforeAll(async () => {
  t = await startTestApp();
  [admin, other] = await Promise.all([t.userWithKey('admin'), t.userWithKey('admin')]);
  for (let index = 0; index < 60; index++) {
    seeded.push({
      id: randomUUID(),
      at: new Date(base + Math.floor(index / 3) * 60_000),
      actorId: index % 2 === 0 ? admin.id : other.id,
      action: index % 3 === 0 ? 'widget.create' : 'widget.update',
      entityId: `widget-${index % 4}`,
    });
  }
  await t.database.db.auditEntry.createMany({
    data: seeded.map((entry, index) => ({ ...entry, entityType: 'widget', before: index ? { size: index - 1 } : undefined, after: { size: index }, reason: index === 5 ? 'needed, "really"' : null })),
  });
});
afterAll(() => t.close());

type Entry = { id: string; at: string; actorId: string; actorName: string; action: string; entityId: string; before: unknown; after: unknown };
const get = (query: Record<string, string | number>, user: Key = admin) => t.request.get('/api/v1/audit').query(query).set(as(user));
const newestFirst = (entries: typeof seeded) => [...entries].sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : -1)).map((entry) => entry.id);

async function allPages(query: Record<string, string | number>): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let pages = 0;
  for (let cursor: string | null = null; pages === 0 || cursor; pages++) {
    const answer = await get({ ...query, ...(cursor ? { cursor } : {}) });
    expect(answer.status).toBe(200);
    ids.push(...answer.body.items.map((entry: Entry) => entry.id));
    cursor = answer.body.nextCursor;
  }
  return { ids, pages };
}

test('when an admin pages through the log then every entry comes once, newest first, with ties broken by id', async () => {
  const { ids, pages } = await allPages({ entityType: 'widget', limit: 7 });
  expect(pages).toBe(9);
  expect(ids).toEqual(newestFirst(seeded));
});

test('when entries are written while an admin pages then the pages already started neither repeat nor skip one', async () => {
  const first = await get({ entityType: 'widget', limit: 10 });
  await t.database.db.auditEntry.create({ data: { entityType: 'widget', action: 'widget.update', entityId: 'widget-new', actorId: admin.id } });
  const rest = await allPages({ entityType: 'widget', limit: 10, cursor: first.body.nextCursor });
  expect([...first.body.items.map((entry: Entry) => entry.id), ...rest.ids]).toEqual(newestFirst(seeded));
  await t.database.db.auditEntry.deleteMany({ where: { entityId: 'widget-new' } });
});

test('when the log is filtered then only matching entries come, with the actor’s name', async () => {
  const byActor = await allPages({ entityType: 'widget', actorId: other.id, limit: 500 });
  expect(byActor.ids).toEqual(newestFirst(seeded.filter((entry) => entry.actorId === other.id)));
  const creations = await get({ action: 'widget.create', entityId: 'widget-0', limit: 500 });
  expect(creations.body.items.map((entry: Entry) => entry.id)).toEqual(newestFirst(seeded.filter((entry) => entry.action === 'widget.create' && entry.entityId === 'widget-0')));
  expect(creations.body.items[0]).toMatchObject({ actorName: 'Test admin', entityType: 'widget', action: 'widget.create' });

  const from = new Date(base + 5 * 60_000).toISOString();
  const to = new Date(base + 8 * 60_000).toISOString();
  const period = await get({ entityType: 'widget', from, to, limit: 500 });
  expect(period.body.items.map((entry: Entry) => entry.id)).toEqual(newestFirst(seeded.filter((entry) => entry.at.toISOString() >= from && entry.at.toISOString() < to)));
  expect(period.body.items).toHaveLength(9);
  const day = await get({ entityType: 'widget', from: '2026-06-01', to: '2026-06-01', limit: 500 });
  expect(day.body.items).toHaveLength(60);
  expect((await get({ entityType: 'widget', from: '2026-06-02' })).body).toEqual({ items: [], nextCursor: null });
});

test('when the log is asked as CSV then one line per entry, before and after as JSON, quoted where needed', async () => {
  const answer = await get({ entityType: 'widget', action: 'widget.update', entityId: 'widget-1', format: 'csv' });
  expect(answer.status).toBe(200);
  expect(answer.headers['content-type']).toMatch(/^text\/csv/);
  const lines = answer.text.trimEnd().split('\r\n');
  expect(lines[0]).toBe('at,actor_id,actor_name,action,entity_type,entity_id,reason,before,after');
  const expected = seeded.filter((entry) => entry.action === 'widget.update' && entry.entityId === 'widget-1');
  expect(lines).toHaveLength(expected.length + 1);
  const index = seeded.findIndex((entry) => entry.id === newestFirst(expected)[0]);
  expect(lines[1]).toBe(`${seeded[index].at.toISOString()},${seeded[index].actorId},Test admin,widget.update,widget,widget-1,,"{""size"":${index - 1}}","{""size"":${index}}"`);
  const reasoned = await get({ entityType: 'widget', entityId: 'widget-1', format: 'csv' });
  expect(reasoned.text).toContain(',"needed, ""really""",');
  expect(reasoned.headers['x-next-cursor']).toBeUndefined();
  const limited = await get({ entityType: 'widget', format: 'csv', limit: 10 });
  expect(limited.text.trimEnd().split('\r\n')).toHaveLength(11);
  expect(limited.headers['x-next-cursor']).toEqual(expect.any(String));
});

test('when the query is bad then 400 names the field; other roles may not read the log', async () => {
  const cases: [Record<string, string>, string][] = [
    [{ limit: '0' }, 'query.limit'],
    [{ limit: '501' }, 'query.limit'],
    [{ limit: 'ten' }, 'query.limit'],
    [{ actorId: 'someone' }, 'query.actorId'],
    [{ from: 'yesterday' }, 'query.from'],
    [{ to: '2026-02-30' }, 'query.to'],
    [{ from: '2026-06-02', to: '2026-06-01' }, 'query.to'],
    [{ cursor: 'not-a-cursor' }, 'query.cursor'],
    [{ from: '0000-01-01' }, 'query.from'],
    [{ cursor: Buffer.from('0000-01-01T00:00:00.000Z|00000000-0000-0000-0000-000000000000').toString('base64url') }, 'query.cursor'],
    [{ format: 'xml' }, 'query.format'],
    [{ colour: 'blue' }, 'query.colour'],
    [{ action: '' }, 'query.action'],
  ];
  for (const [query, path] of cases) {
    const answer = await get(query);
    expect({ query, status: answer.status, paths: answer.body.error?.details.map((detail: { path: string }) => detail.path) }).toEqual({ query, status: 400, paths: [path] });
  }
  for (const role of ['manager', 'marketer'] as const) expect((await get({}, await t.userWithKey(role))).status).toBe(403);
});
