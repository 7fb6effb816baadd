import { startTestApp, type TestApp } from '../support/test-app';
import { rowCounts } from '../accounts/helpers';
import { accountsNamed, auth, postJson, unique } from './helpers';

let t: TestApp;
let marketer: { id: string; key: string };
let admin: { id: string; key: string };

beforeAll(async () => {
  t = await startTestApp();
  [marketer, admin] = await Promise.all([t.userWithKey('marketer'), t.userWithKey('admin')]);
});
afterAll(() => t.close());

const mail = (company: string, who: string) => `${who}@${company.replace(' ', '-').toLowerCase()}.example.com`;

describe('POST /api/v1/accounts/import with JSON rows', () => {
  test('when rows repeat an e-mail or an account + contact name within the file then one account and one contact each, the gaps filled', async () => {
    const company = unique('Dup');
    const response = await postJson(t, marketer.key, {
      rows: [
        { accountName: company, segment: 'retail', contact: { name: 'Ann', email: mail(company, 'ann') } },
        { accountName: ` ${company.toUpperCase()} `, contact: { name: 'Ann Lee', email: ` ${mail(company, 'ANN')} `, phone: '+1 555' } },
        { accountName: company.toLowerCase(), contact: { name: 'Bob' } },
        { accountName: company, contact: { name: ' BOB ', title: 'CEO' } },
      ],
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ dryRun: false, created: { accounts: 1, contacts: 2 }, merged: { accounts: 0, contacts: 2 }, rejected: [], total: 4 });
    const accounts = await accountsNamed(t, company);
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ name: company, segment: 'retail', timeZone: 'UTC' });
    expect(accounts[0].contacts).toMatchObject([
      { name: 'Ann', phone: '+1 555', title: null },
      { name: 'Bob', email: null, title: 'CEO' },
    ]);
  });

  test('when rows match existing accounts and contacts then they are merged, only empty phone and title are filled, and a re-import changes nothing', async () => {
    const company = unique('Existing');
    const created = await t.request
      .post('/api/v1/accounts')
      .set(auth(admin.key))
      .send({ name: company, contacts: [{ name: 'Ann', email: mail(company, 'ann'), phone: '+1 000' }, { name: 'Bob' }] });
    expect(created.status).toBe(201);
    const rows = [
      { accountName: company.toUpperCase(), contact: { name: 'Someone else', email: mail(company, 'ANN'), phone: '+9 999', title: 'Owner' } },
      { accountName: company, contact: { name: 'bob', phone: '+2 222' } },
      { accountName: company, contact: { name: 'Cid' } },
    ];
    const first = await postJson(t, marketer.key, { rows });
    expect(first.body).toEqual({ dryRun: false, created: { accounts: 0, contacts: 1 }, merged: { accounts: 1, contacts: 2 }, rejected: [], total: 3 });
    const [account] = await accountsNamed(t, company);
    expect(account.id).toBe(created.body.account.id);
    expect(account.contacts).toMatchObject([
      { name: 'Ann', phone: '+1 000', title: 'Owner' },
      { name: 'Bob', phone: '+2 222' },
      { name: 'Cid', phone: null },
    ]);
    const before = await rowCounts(t);
    const again = await postJson(t, marketer.key, { rows });
    expect(again.body).toMatchObject({ created: { accounts: 0, contacts: 0 }, merged: { accounts: 1, contacts: 3 } });
    expect(await rowCounts(t)).toEqual(before);
  });

  test('when some rows are bad then each is rejected by its index with the field named and the good rows land', async () => {
    const company = unique('Json mixed');
    const response = await postJson(t, admin.key, {
      rows: [{ accountName: `${company} ok` }, { accountName: company, timeZone: 'Nowhere', contact: { email: 'bad' } }, 'not a row', { accountName: company, extra: 1 }],
    });
    expect(response.status).toBe(200);
    expect(response.body.created).toEqual({ accounts: 1, contacts: 0 });
    expect(response.body.rejected).toEqual([
      { row: 2, reasons: expect.arrayContaining([expect.objectContaining({ field: 'timeZone' }), expect.objectContaining({ field: 'contact.name' }), expect.objectContaining({ field: 'contact.email' })]) },
      { row: 3, reasons: [expect.objectContaining({ field: 'row' })] },
      { row: 4, reasons: [{ field: 'extra', message: 'Unknown field' }] },
    ]);
  });

  test('when every row is bad then the answer lists them all and nothing is written', async () => {
    const before = await rowCounts(t);
    const response = await postJson(t, marketer.key, { rows: [{ accountName: '' }, { accountName: 'x', contact: { name: 'A', email: 'nope' } }] });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ created: { accounts: 0, contacts: 0 }, merged: { accounts: 0, contacts: 0 }, total: 2 });
    expect(response.body.rejected.map((row: { row: number }) => row.row)).toEqual([1, 2]);
    expect(await rowCounts(t)).toEqual(before);
  });

  test('when PostgreSQL refuses a row mid-import then the error is clear and nothing from the file exists', async () => {
    const company = unique('Rollback');
    const db = t.database.db;
    await db.$executeRawUnsafe('ALTER TABLE contacts ADD CONSTRAINT test_refuse CHECK (name <> $$Boom$$) NOT VALID');
    try {
      const rows = [...Array.from({ length: 50 }, (_, i) => ({ accountName: `${company} ${i}`, contact: { name: `C${i}` } })), { accountName: company, contact: { name: 'Boom' } }];
      const response = await postJson(t, marketer.key, { rows });
      expect(response.status).toBe(500);
      expect(response.body.error).toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('rolled back') });
      expect(await accountsNamed(t, company)).toEqual([]);
    } finally {
      await db.$executeRawUnsafe('ALTER TABLE contacts DROP CONSTRAINT test_refuse');
    }
  });

  test('when 10,000 rows are imported then all land in one answer', async () => {
    const company = unique('Bulk');
    const rows = Array.from({ length: 10_000 }, (_, i) => ({ accountName: `${company} ${i % 2000}`, contact: { name: `Person ${i}`, email: `p${i}@${company.replace(' ', '-')}.example.com` } }));
    const response = await postJson(t, marketer.key, { rows });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ dryRun: false, created: { accounts: 2000, contacts: 10_000 }, merged: { accounts: 0, contacts: 0 }, rejected: [], total: 10_000 });
    expect(await t.database.db.contact.count({ where: { email: { endsWith: `@${company.replace(' ', '-')}.example.com` } } })).toBe(10_000);
  }, 120_000);

  test('when the body is not a list of 1 to 10,000 rows or not JSON or CSV then 400 or 415', async () => {
    expect((await postJson(t, marketer.key, { rows: [] })).status).toBe(400);
    expect((await postJson(t, marketer.key, { rows: Array.from({ length: 10_001 }, () => ({ accountName: 'a' })) })).status).toBe(400);
    const text = await t.request.post('/api/v1/accounts/import').set(auth(marketer.key)).set('Content-Type', 'text/plain').send('account_name\na');
    expect(text.status).toBe(415);
  });

  test('when a manager imports then 403 and nothing is written', async () => {
    const manager = await t.userWithKey('manager');
    const before = await rowCounts(t);
    expect((await postJson(t, manager.key, { rows: [{ accountName: unique('Nope') }] })).status).toBe(403);
    expect(await rowCounts(t)).toEqual(before);
  });
});
