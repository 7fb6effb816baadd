import { startTestApp, type TestApp } from '../support/test-app';
import { accountsNamed, postCsv, unique } from './helpers';

let t: TestApp;
let marketer: { id: string; key: string };

beforeAll(async () => {
  t = await startTestApp();
  marketer = await t.userWithKey('marketer');
});
afterAll(() => t.close());

describe('POST /api/v1/accounts/import with a CSV file', () => {
  test('when the file has a BOM, CRLF lines and quoted cells with commas, quotes and line breaks then every row lands as written', async () => {
    const company = unique('Acme');
    const csv =
      '\uFEFFaccount_name,segment,time_zone,lead_source,contact_name,email,phone,title,field.city\r\n' +
      `"${company}, Inc.",pharma,Europe/Paris,fair,"Claire ""CJ"" Martin", Claire@Example.com ,+33 1,"Head of\r\nBuying",Lyon\r\n` +
      `"  ${company.toUpperCase()}, INC. ",,,,Paul Petit,,,,\r\n`;
    const response = await postCsv(t, marketer.key, csv);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ dryRun: false, created: { accounts: 1, contacts: 2 }, merged: { accounts: 0, contacts: 0 }, rejected: [], total: 2 });

    const [account] = await accountsNamed(t, company);
    expect(account).toMatchObject({ name: `${company}, Inc.`, segment: 'pharma', timeZone: 'Europe/Paris', leadSource: 'fair', fields: { city: 'Lyon' }, status: 'NEW', ownerId: null });
    expect(account.contacts).toMatchObject([
      { name: 'Claire "CJ" Martin', email: 'Claire@Example.com', emailNormalized: 'claire@example.com', phone: '+33 1', title: 'Head of\r\nBuying' },
      { name: 'Paul Petit', email: null },
    ]);
    const history = await t.database.db.statusChange.findMany({ where: { accountId: account.id } });
    expect(history).toMatchObject([{ fromStatus: null, toStatus: 'NEW', changedById: marketer.id, reason: 'imported' }]);
  });

  test('when rows are bad then each is rejected with its spreadsheet row and CSV column while the good rows land', async () => {
    const company = unique('Mixed');
    const csv = [
      'account_name,time_zone,contact_name,email',
      `${company} good,UTC,Ann,ann-${company.replace(' ', '')}@example.com`,
      `${company} bad zone,Mars/Olympus,Bob,`,
      `,UTC,Cat,not-an-email`,
      `${'x'.repeat(201)},,,`,
    ].join('\n');
    const response = await postCsv(t, marketer.key, csv);
    expect(response.status).toBe(200);
    expect(response.body.created).toEqual({ accounts: 1, contacts: 1 });
    expect(response.body.total).toBe(4);
    const rejected = response.body.rejected.map((row: { row: number; reasons: { field: string }[] }) => [row.row, row.reasons.map((reason) => reason.field).sort()]);
    expect(rejected).toEqual([
      [3, ['time_zone']],
      [4, ['account_name', 'email']],
      [5, ['account_name']],
    ]);
    expect((await accountsNamed(t, company)).map((account) => account.name)).toEqual([`${company} good`]);
  });

  test('when the header has no account_name column then 400 names it and nothing is written', async () => {
    const response = await postCsv(t, marketer.key, 'name,email\nAcme,a@example.com\n');
    expect(response.status).toBe(400);
    expect(response.body.error.details.map((detail: { path: string }) => detail.path)).toEqual(expect.arrayContaining(['body.account_name', 'body.name']));
  });

  test('when a cell holds a NUL character then that row is rejected, since PostgreSQL cannot store it', async () => {
    const company = unique('Nul');
    const response = await postCsv(t, marketer.key, `account_name,contact_name\n${company},Ann\u0000Lee\n`);
    expect(response.status).toBe(200);
    expect(response.body.rejected).toEqual([{ row: 2, reasons: [{ field: 'contact_name', message: 'must not contain the NUL character' }] }]);
    expect(await accountsNamed(t, company)).toEqual([]);
  });

  test('when a quote is left open or a row has too many cells then 400 and nothing is written', async () => {
    const company = unique('Broken');
    expect((await postCsv(t, marketer.key, `account_name,contact_name\n${company},"Ann\n`)).status).toBe(400);
    expect((await postCsv(t, marketer.key, `account_name,contact_name\n${company},Ann,extra\n`)).status).toBe(400);
    expect(await accountsNamed(t, company)).toEqual([]);
  });

  test('when the file is larger than 5 MB then 413 in the error format', async () => {
    const csv = `account_name\n`.padEnd(5 * 1024 * 1024 + 10, 'b');
    const response = await postCsv(t, marketer.key, csv);
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  test('when dryRun=true then the answer counts the same and nothing is written', async () => {
    const company = unique('Dry');
    const csv = `account_name,contact_name,email\n${company},Ann,ann@${company.replace(' ', '')}.example.com\n${company},Bob,\n`;
    const dry = await postCsv(t, marketer.key, csv, '?dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, created: { accounts: 1, contacts: 2 }, merged: { accounts: 0, contacts: 0 } });
    expect(await accountsNamed(t, company)).toEqual([]);
    const real = await postCsv(t, marketer.key, csv);
    expect({ ...real.body, dryRun: true }).toEqual(dry.body);
  });
});
