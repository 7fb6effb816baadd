import { startTestApp, type TestApp } from '../support/test-app';
import { accountsNamed, auth, unique } from './helpers';

let t: TestApp;
let marketer: { id: string; key: string };

beforeAll(async () => {
  t = await startTestApp();
  marketer = await t.userWithKey('marketer');
});
afterAll(() => t.close());

const checkCsv = (csv: string, key = marketer.key) => t.request.post('/api/v1/accounts/import/check').set(auth(key)).set('Content-Type', 'text/csv').send(csv);
const checkJson = (body: unknown, key = marketer.key) => t.request.post('/api/v1/accounts/import/check').set(auth(key)).send(body as object);
const counts = () => Promise.all([t.database.db.account.count(), t.database.db.contact.count(), t.database.db.statusChange.count()]);

test('each row says what importing it would do: new or existing account, new or merged contact, or rejected with its column; nothing is written', async () => {
  const known = unique('Known');
  const fresh = unique('Fresh');
  const existing = await t.request
    .post('/api/v1/accounts')
    .set(auth(marketer.key))
    .send({ name: known, contacts: [{ name: 'Dana', email: `dana-${known.split(' ')[1]}@known.example` }] });
  expect(existing.status).toBe(201);
  const danaEmail = existing.body.contacts[0].email as string;
  const csv = [
    'account_name,contact_name,email,phone',
    `${known},Dana,${danaEmail.toUpperCase()},+33 1`, // the existing contact, by e-mail: merged into the existing account
    `${known},Eli,,`, // a new contact on the existing account
    `${fresh},Fay,fay@fresh.example,`, // a new account and contact
    `${fresh.toUpperCase()},Fay,fay@fresh.example,`, // the same again: the earlier row's account and contact
    `${fresh},,,`, // the account only
    `${fresh},Gus,not-an-address,`, // rejected on its e-mail column
    `,Hal,,`, // rejected: no account name
  ].join('\n');
  const before = await counts();

  const response = await checkCsv(csv);
  expect(response.status).toBe(200);
  expect(await counts()).toEqual(before);
  const outcome = (row: { row: number; outcome: string; account: string | null; contact: string | null; reasons: { field: string }[] }) => [
    row.row,
    row.outcome,
    row.account,
    row.contact,
    row.reasons.map((reason) => reason.field),
  ];
  expect(response.body.rows.map(outcome)).toEqual([
    [2, 'accepted', 'existing', 'merged', []],
    [3, 'accepted', 'existing', 'created', []],
    [4, 'accepted', 'created', 'created', []],
    [5, 'accepted', 'earlier-row', 'merged', []],
    [6, 'accepted', 'earlier-row', 'none', []],
    [7, 'rejected', null, null, ['email']],
    [8, 'rejected', null, null, ['account_name']],
  ]);
  expect(response.body.rows[0]).toMatchObject({ accountName: known, contactName: 'Dana', email: danaEmail.toUpperCase() });
  expect(response.body.rows[5]).toMatchObject({ accountName: fresh, contactName: 'Gus', email: 'not-an-address' });

  // The counts are those of a dry run of the import itself, and the import then does what the check said.
  const dryRun = await t.request.post('/api/v1/accounts/import?dryRun=true').set(auth(marketer.key)).set('Content-Type', 'text/csv').send(csv);
  expect({ total: response.body.total, created: response.body.created, merged: response.body.merged }).toEqual({ total: dryRun.body.total, created: dryRun.body.created, merged: dryRun.body.merged });
  expect(response.body.created).toEqual({ accounts: 1, contacts: 2 });
  const imported = await t.request.post('/api/v1/accounts/import').set(auth(marketer.key)).set('Content-Type', 'text/csv').send(csv);
  expect(imported.body.created).toEqual(response.body.created);
  expect((await accountsNamed(t, fresh)).map((account) => [account.name, account.contacts.map((contact) => contact.name)])).toEqual([[fresh, ['Fay']]]);
});

test('JSON rows are numbered from 1 and keep their field paths; a row that is not an object is rejected, not a failure', async () => {
  const company = unique('Json');
  const response = await checkJson({ rows: [{ accountName: company, contact: { name: 'Ann', email: 'ann@json.example' } }, 'not a row', { accountName: company, colour: 'red' }] });
  expect(response.status).toBe(200);
  expect(response.body.rows.map((row: { row: number; outcome: string; reasons: { field: string }[] }) => [row.row, row.outcome, row.reasons.map((reason) => reason.field)])).toEqual([
    [1, 'accepted', []],
    [2, 'rejected', ['row']],
    [3, 'rejected', ['colour']],
  ]);
  expect(response.body.rows[1]).toMatchObject({ accountName: null, contactName: null, email: null });
  expect(await accountsNamed(t, company)).toEqual([]);
});

test('bad requests are 400 naming the field (no rows, too many rows, a broken header, dryRun), a manager is refused, and nothing is written', async () => {
  const before = await counts();
  const cases: [Promise<{ status: number; body: { error: { details: { path: string }[] } } }>, number, string][] = [
    [checkJson({ rows: [] }), 400, 'body.rows'],
    [checkJson({ rows: Array.from({ length: 10_001 }, (_, index) => ({ accountName: `Row ${index}` })) }), 400, 'body.rows'],
    [checkJson({ rows: [{ accountName: 'X' }], dryRun: true }), 400, 'body.dryRun'],
    [checkCsv('name,email\nAcme,a@example.com\n'), 400, 'body.account_name'],
    [checkCsv('account_name\n'), 400, 'body.rows'],
  ];
  for (const [request, status, path] of cases) {
    const response = await request;
    expect([response.status, response.body.error.details.map((detail) => detail.path)]).toEqual([status, expect.arrayContaining([path])]);
  }
  const manager = await t.userWithKey('manager');
  expect((await checkCsv('account_name\nAcme\n', manager.key)).status).toBe(403);
  expect(await counts()).toEqual(before);
});
