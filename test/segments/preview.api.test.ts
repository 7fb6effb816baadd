import { startTestApp, type TestApp } from '../support/test-app';
import { auth, paths, uniqueSegment } from '../accounts/helpers';
import { leaf, seedAccount } from './helpers';

let t: TestApp;
let marketer: { id: string; key: string };
let manager: { id: string; key: string };
let segment: string;
const ids: Record<string, string> = {};

/** Three live accounts in one segment (one owned by the manager, one by nobody, one by someone else) and an archived one. */
beforeAll(async () => {
  t = await startTestApp();
  [marketer, manager] = await Promise.all([t.userWithKey('marketer'), t.userWithKey('manager')]);
  const other = await t.userWithKey('manager');
  segment = uniqueSegment('preview');
  const db = t.database.db;
  ids.zeta = await seedAccount(db, { name: 'Zeta', segment, status: 'POTENTIAL', ownerId: manager.id }, [
    { name: 'Zoe', email: 'zoe@zeta.com' },
    { name: 'Yann', email: 'yann@zeta.com', doNotContact: true },
  ]);
  ids.alpha = await seedAccount(db, { name: 'Alpha', segment }, [
    { name: 'Bea', email: 'bea@alpha.com', unsubscribedAt: new Date() },
    { name: 'Abe', email: 'abe@alpha.com' },
    { name: 'Cy' },
  ]);
  ids.mid = await seedAccount(db, { name: 'Mid', segment, status: 'CLIENT', ownerId: other.id }, [{ name: 'Max', email: 'max@mid.com', bouncedAt: new Date() }]);
  await seedAccount(db, { name: 'Gone', segment, archivedAt: new Date() }, [{ name: 'Gus', email: 'gus@gone.com' }]);
});
afterAll(() => t.close());

const inSegment = () => leaf('account.segment', 'eq', segment);
const preview = (key: string, criteria: unknown, sample?: number) =>
  t.request.post('/api/v1/segments/preview').query(sample === undefined ? {} : { sample }).set(auth(key)).send({ criteria });

describe('segment preview', () => {
  test('when previewing a saved segment then count, accounts, suppressed and a sample ordered by account and contact name are given', async () => {
    const saved = await t.request.post('/api/v1/segments').set(auth(marketer.key)).send({ name: segment, criteria: inSegment() });
    const response = await t.request.get(`/api/v1/segments/${saved.body.id}/preview`).set(auth(marketer.key));
    expect(response.status).toBe(200);
    // Archived Gone is left out; Yann (do-not-contact), Bea (unsubscribed), Cy (no e-mail), Max (bounced) are suppressed.
    expect(response.body).toMatchObject({ count: 6, accounts: 3, suppressed: 4 });
    expect(response.body.sample.map((row: { contactName: string }) => row.contactName)).toEqual(['Abe', 'Bea', 'Cy', 'Max', 'Yann', 'Zoe']);
    expect(response.body.sample[0]).toEqual({ contactId: expect.any(String), contactName: 'Abe', email: 'abe@alpha.com', accountId: ids.alpha, accountName: 'Alpha', accountStatus: 'NEW' });
  });

  test('when a sample size is asked then at most that many rows come back, and the counts do not change', async () => {
    const response = await preview(marketer.key, inSegment(), 2);
    expect(response.body).toMatchObject({ count: 6, accounts: 3, suppressed: 4 });
    expect(response.body.sample).toHaveLength(2);
    expect((await preview(marketer.key, inSegment(), 0)).body.sample).toEqual([]);
    expect(paths((await preview(marketer.key, inSegment(), 101)).body)).toEqual(['query.sample']);
  });

  test('when criteria combine and, or and not then the preview counts only what matches', async () => {
    const criteria = { all: [inSegment(), { any: [leaf('account.status', 'eq', 'CLIENT'), { not: leaf('contact.hasEmail', 'eq', true) }] }] };
    const response = await preview(marketer.key, criteria);
    expect(response.body).toMatchObject({ count: 2, accounts: 2, suppressed: 2 });
    expect(response.body.sample.map((row: { contactName: string }) => row.contactName)).toEqual(['Cy', 'Max']);
  });

  test('when a manager previews then only their own accounts and the unowned NEW pool are counted', async () => {
    const response = await preview(manager.key, inSegment());
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ count: 5, accounts: 2, suppressed: 3 });
    expect(response.body.sample.map((row: { accountName: string }) => row.accountName)).not.toContain('Mid');
  });

  test("when a value is x'); DROP TABLE accounts; -- then nothing matches and the accounts table still exists", async () => {
    const attack = "x'); DROP TABLE accounts; --";
    const response = await preview(marketer.key, { any: [leaf('account.name', 'eq', attack), { field: 'account.fields', key: attack, op: 'contains', value: attack }] });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ count: 0, accounts: 0, suppressed: 0, sample: [] });
    expect(await t.database.db.account.count({ where: { segment } })).toBe(4);
  });

  test('when preview criteria are bad then 400 names the path', async () => {
    const response = await preview(marketer.key, { all: [inSegment(), leaf('account.lastContactedAt', 'eq', 'yesterday')] });
    expect(response.status).toBe(400);
    expect(paths(response.body)).toEqual(['body.criteria.all.1.op']);
  });
});
