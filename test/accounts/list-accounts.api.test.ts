import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app';
import { auth, createAccountThroughApi, paths, uniqueSegment } from './helpers';

let t: TestApp;
let admin: { id: string; key: string };
let marketer: { id: string; key: string };
let nina: { id: string; key: string };
let omar: { id: string; key: string };

beforeAll(async () => {
  t = await startTestApp();
  [admin, marketer, nina, omar] = await Promise.all([t.userWithKey('admin'), t.userWithKey('marketer'), t.userWithKey('manager'), t.userWithKey('manager')]);
});
afterAll(() => t.close());

const list = (key: string, query: Record<string, string | number>) => t.request.get('/api/v1/accounts').query(query).set(auth(key));
const names = (body: { items: { name: string }[] }) => body.items.map((item) => item.name).sort();

/** One segment holding an account of each kind a manager's visibility tells apart. */
async function seedVisibility() {
  const segment = uniqueSegment('vis');
  const make = async (name: string, data: { ownerId?: string; status?: 'NEW' | 'POTENTIAL' | 'CLIENT'; archivedAt?: Date }) => {
    const { account } = await createAccountThroughApi(t, admin.key, { name, segment });
    await t.database.db.account.update({ where: { id: account.id }, data });
    return account.id;
  };
  return {
    segment,
    ninaOwn: await make('nina-own', { ownerId: nina.id, status: 'POTENTIAL' }),
    ninaClient: await make('nina-client', { ownerId: nina.id, status: 'CLIENT' }),
    omarOwn: await make('omar-own', { ownerId: omar.id, status: 'POTENTIAL' }),
    pool: await make('pool', {}),
    archivedPool: await make('archived-pool', { archivedAt: new Date() }),
    ninaArchived: await make('nina-archived', { ownerId: nina.id, status: 'POTENTIAL', archivedAt: new Date() }),
  };
}

describe('GET /api/v1/accounts', () => {
  test('when a manager lists then they see their own accounts and the unowned NEW pool, nothing of another manager', async () => {
    const { segment } = await seedVisibility();
    const response = await list(nina.key, { segment });
    expect(response.status).toBe(200);
    expect(names(response.body)).toEqual(['nina-client', 'nina-own', 'pool']);
    expect(names((await list(nina.key, { segment, includeArchived: 'true' })).body)).toEqual(['nina-archived', 'nina-client', 'nina-own', 'pool']);
    expect(names((await list(nina.key, { segment, owner: 'me' })).body)).toEqual(['nina-client', 'nina-own']);
    expect(names((await list(nina.key, { segment, ownerId: omar.id })).body)).toEqual([]);
  });

  test('when a marketer or an admin lists then they see every account, archived ones only when asked', async () => {
    const { segment } = await seedVisibility();
    for (const caller of [marketer, admin]) {
      expect(names((await list(caller.key, { segment })).body)).toEqual(['nina-client', 'nina-own', 'omar-own', 'pool']);
      expect((await list(caller.key, { segment, includeArchived: 'true' })).body.items).toHaveLength(6);
    }
  });

  test('when filtering by status, owner or segment then only matching accounts are listed', async () => {
    const { segment } = await seedVisibility();
    expect(names((await list(admin.key, { segment, status: 'POTENTIAL' })).body)).toEqual(['nina-own', 'omar-own']);
    expect(names((await list(admin.key, { segment, status: 'NEW, CLIENT' })).body)).toEqual(['nina-client', 'pool']);
    expect(names((await list(admin.key, { segment, ownerId: omar.id })).body)).toEqual(['omar-own']);
    expect(names((await list(admin.key, { segment: uniqueSegment() })).body)).toEqual([]);
    const item = (await list(admin.key, { segment, ownerId: omar.id })).body.items[0];
    expect(Object.keys(item).sort()).toEqual(['archivedAt', 'createdAt', 'id', 'leadSource', 'name', 'ownerId', 'segment', 'status', 'timeZone', 'updatedAt']);
  });

  test('when searching text then account names and contact names and e-mails match, case-insensitively, wildcards taken literally', async () => {
    const segment = uniqueSegment('q');
    const token = randomUUID().slice(0, 6);
    await createAccountThroughApi(t, marketer.key, { name: `Apotheke ${token.toUpperCase()} Nord`, segment });
    await createAccountThroughApi(t, marketer.key, { name: 'Second', segment, contacts: [{ name: `Dr. ${token} Weber` }] });
    await createAccountThroughApi(t, marketer.key, { name: 'Third', segment, contacts: [{ name: 'Anna', email: `Anna.${token}@Example.com` }] });
    await createAccountThroughApi(t, marketer.key, { name: '100% Pharma', segment });
    expect(names((await list(admin.key, { q: token })).body)).toEqual([`Apotheke ${token.toUpperCase()} Nord`, 'Second', 'Third']);
    expect(names((await list(admin.key, { q: `anna.${token}@EXAMPLE` })).body)).toEqual(['Third']);
    expect(names((await list(admin.key, { segment, q: '100%' })).body)).toEqual(['100% Pharma']);
    expect(names((await list(admin.key, { segment, q: '%' })).body)).toEqual(['100% Pharma']);
    expect(names((await list(admin.key, { segment, q: 'nothing-like-this' })).body)).toEqual([]);
  });

  test('when paging with limit 3 then following nextCursor lists every account once, newest first, even with equal creation times', async () => {
    const segment = uniqueSegment('page');
    const created: string[] = [];
    for (let i = 0; i < 7; i++) created.push((await createAccountThroughApi(t, marketer.key, { name: `page-${i}`, segment })).account.id);
    // Three accounts created in the same millisecond: the id breaks the tie.
    await t.database.db.account.updateMany({ where: { id: { in: created.slice(2, 5) } }, data: { createdAt: new Date('2026-01-01T00:00:00.000Z') } });

    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const response = await list(marketer.key, { segment, limit: 3, ...(cursor ? { cursor } : {}) });
      expect(response.status).toBe(200);
      sizes.push(response.body.items.length);
      seen.push(...response.body.items.map((item: { id: string }) => item.id));
      cursor = response.body.nextCursor;
    } while (cursor);

    expect(sizes).toEqual([3, 3, 1]);
    expect(new Set(seen).size).toBe(7);
    expect([...seen].sort()).toEqual([...created].sort());
    const rows = await t.database.db.account.findMany({ where: { segment }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: { id: true } });
    expect(seen).toEqual(rows.map((row) => row.id));
  });

  test('when the last page is exactly full then nextCursor is null', async () => {
    const segment = uniqueSegment('full');
    for (let i = 0; i < 2; i++) await createAccountThroughApi(t, marketer.key, { name: `full-${i}`, segment });
    const response = await list(marketer.key, { segment, limit: 2 });
    expect(response.body.items).toHaveLength(2);
    expect(response.body.nextCursor).toBeNull();
  });

  test.each([
    ['an unknown status', { status: 'NEW,BOGUS' }, ['query.status']],
    ['an empty status', { status: '' }, ['query.status']],
    ['a status given twice', 'status=NEW&status=LOST', ['query.status']],
    ['a limit of 0', { limit: 0 }, ['query.limit']],
    ['a limit over 200', { limit: 201 }, ['query.limit']],
    ['a limit that is not a number', { limit: 'ten' }, ['query.limit']],
    ['a cursor that is not one', { cursor: 'garbage!' }, ['query.cursor']],
    ['a well-encoded cursor of nonsense', { cursor: Buffer.from('yesterday|42').toString('base64url') }, ['query.cursor']],
    ['a cursor beyond PostgreSQL dates', { cursor: Buffer.from(`-271821-04-20T00:00:00.000Z|${randomUUID()}`).toString('base64url') }, ['query.cursor']],
    ['a NUL character in the search text', { q: 'a\u0000b' }, ['query.q']],
    ['an empty search text', { q: ' ' }, ['query.q']],
    ['an owner id that is not a uuid', { ownerId: 'nina' }, ['query.ownerId']],
    ['an owner other than me', { owner: 'you' }, ['query.owner']],
    ['both owner and ownerId', { owner: 'me', ownerId: randomUUID() }, ['query.owner']],
    ['includeArchived that is not a boolean', { includeArchived: 'yes' }, ['query.includeArchived']],
    ['an unknown parameter', { sort: 'name' }, ['query.sort']],
  ])('when the query has %s then 400 names the field', async (_case, query, expected) => {
    const response = await t.request.get('/api/v1/accounts').query(query).set(auth(marketer.key));
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(paths(response.body)).toEqual(expected);
  });
});
