import { startTestApp, type TestApp } from '../support/test-app';
import { postCsv, postJson, unique } from '../imports/helpers';
import { auth, createAccountThroughApi, paths, rowCounts } from './helpers';

let t: TestApp;
let marketer: { id: string; key: string };
let manager: { id: string; key: string };

beforeAll(async () => {
  t = await startTestApp();
  [marketer, manager] = await Promise.all([t.userWithKey('marketer'), t.userWithKey('manager')]);
});
afterAll(() => t.close());

const zoneOf = async (contactId: string) => (await t.database.db.contact.findUniqueOrThrow({ where: { id: contactId } })).timeZone;

describe('a contact’s own time zone', () => {
  test('when contacts are created with and without a time zone then it is stored and shown, null meaning the account’s', async () => {
    const { account, contacts } = await createAccountThroughApi(t, marketer.key, {
      name: unique('Zoned'),
      timeZone: 'Europe/Paris',
      contacts: [{ name: 'Kim', email: 'kim@zoned.example', timeZone: 'Asia/Tokyo' }, { name: 'Lea' }],
    });
    expect(contacts).toMatchObject([{ name: 'Kim', timeZone: 'Asia/Tokyo' }, { name: 'Lea', timeZone: null }]);
    expect(await zoneOf(contacts[0].id)).toBe('Asia/Tokyo');

    const added = await t.request.post(`/api/v1/accounts/${account.id}/contacts`).set(auth(marketer.key)).send({ name: 'Max', timeZone: 'America/New_York' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ name: 'Max', timeZone: 'America/New_York', doNotContact: false, unsubscribedAt: null, bouncedAt: null });

    const page = await t.request.get(`/api/v1/accounts/${account.id}`).set(auth(marketer.key));
    expect(page.body.contacts.map((contact: { name: string; timeZone: string | null }) => [contact.name, contact.timeZone])).toEqual(
      expect.arrayContaining([['Kim', 'Asia/Tokyo'], ['Lea', null], ['Max', 'America/New_York']]),
    );
    expect(page.body.contacts[0]).not.toHaveProperty('emailNormalized');
  });

  test('when a time zone is not an IANA zone then the request is refused with 400 naming the field, and nothing is written', async () => {
    const before = await rowCounts(t);
    const created = await t.request
      .post('/api/v1/accounts')
      .set(auth(marketer.key))
      .send({ name: unique('Bad zone'), contacts: [{ name: 'Ok', timeZone: 'UTC' }, { name: 'Nope', timeZone: 'Mars/Olympus' }] });
    expect(created.status).toBe(400);
    expect(created.body.error.code).toBe('VALIDATION_FAILED');
    expect(paths(created.body)).toEqual(['body.contacts.1.timeZone']);
    expect(created.body.error.details[0].message).toContain('"Mars/Olympus" is not an IANA time zone');

    const { account } = await createAccountThroughApi(t, marketer.key, { name: unique('Zone target') });
    const counts = await rowCounts(t);
    const added = await t.request.post(`/api/v1/accounts/${account.id}/contacts`).set(auth(marketer.key)).send({ name: 'Nope', timeZone: 'CET+1' });
    expect(added.status).toBe(400);
    expect(paths(added.body)).toEqual(['body.timeZone']);
    expect(await rowCounts(t)).toEqual(counts);
    expect(counts.contacts).toBe(before.contacts);
  });

  test('when a contact is changed then its time zone, e-mail and primary role change, and a bad zone is refused', async () => {
    const { account, contacts } = await createAccountThroughApi(t, marketer.key, {
      name: unique('Change'),
      contacts: [{ name: 'Pia', email: 'pia@change.example', isPrimary: true }, { name: 'Quinn', timeZone: 'Europe/Berlin' }],
    });
    const [pia, quinn] = contacts;
    const patch = (contactId: string, body: Record<string, unknown>, key = marketer.key) =>
      t.request.patch(`/api/v1/accounts/${account.id}/contacts/${contactId}`).set(auth(key)).send(body);

    const changed = await patch(quinn.id, { timeZone: 'Australia/Sydney', email: ' Quinn@Change.Example ', isPrimary: true });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: quinn.id, timeZone: 'Australia/Sydney', email: 'Quinn@Change.Example', isPrimary: true });
    const stored = await t.database.db.contact.findMany({ where: { accountId: account.id }, orderBy: { name: 'asc' } });
    expect(stored.map((contact) => [contact.name, contact.isPrimary, contact.emailNormalized])).toEqual([
      ['Pia', false, 'pia@change.example'],
      ['Quinn', true, 'quinn@change.example'],
    ]);

    expect((await patch(quinn.id, { timeZone: null })).body.timeZone).toBeNull();
    expect(await zoneOf(quinn.id)).toBeNull();

    const bad = await patch(pia.id, { timeZone: 'Nowhere/Land', name: '' });
    expect(bad.status).toBe(400);
    expect(paths(bad.body)).toEqual(['body.name', 'body.timeZone']);
    expect(paths((await patch(pia.id, {})).body)).toEqual(['body']);
    expect((await patch(account.id, { name: 'Someone' })).status).toBe(404);
    // A manager who does not own the account cannot change its contacts.
    expect((await patch(pia.id, { timeZone: 'UTC' }, manager.key)).status).toBe(403);
    expect(await zoneOf(pia.id)).toBeNull();
  });

  test('when an import gives contact time zones then new contacts get them, merged ones get them only if they had none, and a bad one rejects its row', async () => {
    const company = unique('Import zones');
    const json = await postJson(t, marketer.key, {
      rows: [
        { accountName: company, contact: { name: 'Ria', email: `ria-${company.slice(-8)}@example.com`, timeZone: 'Europe/Madrid' } },
        { accountName: company, contact: { name: 'Sol', timeZone: 'Nope/Nope' } },
      ],
    });
    expect(json.status).toBe(200);
    expect(json.body.created).toEqual({ accounts: 1, contacts: 1 });
    expect(json.body.rejected).toEqual([{ row: 2, reasons: [{ field: 'contact.timeZone', message: expect.stringContaining('not an IANA time zone') }] }]);

    const csv = [
      'account_name,contact_name,email,contact_time_zone',
      // Ria again: she has a zone already, which the file does not overwrite.
      `${company},Ria,ria-${company.slice(-8)}@example.com,America/Chicago`,
      `${company},Tom,,Africa/Nairobi`,
      `${company},Uli,,Bad/Zone`,
    ].join('\n');
    const fromCsv = await postCsv(t, marketer.key, csv);
    expect(fromCsv.status).toBe(200);
    expect(fromCsv.body).toMatchObject({ created: { accounts: 0, contacts: 1 }, merged: { accounts: 1, contacts: 1 } });
    expect(fromCsv.body.rejected).toEqual([{ row: 4, reasons: [{ field: 'contact_time_zone', message: expect.stringContaining('not an IANA time zone') }] }]);
    const [account] = await t.database.db.account.findMany({ where: { name: company } });
    const stored = await t.database.db.contact.findMany({ where: { accountId: account.id }, orderBy: { name: 'asc' } });
    expect(stored.map((contact) => [contact.name, contact.timeZone])).toEqual([
      ['Ria', 'Europe/Madrid'],
      ['Tom', 'Africa/Nairobi'],
    ]);

    // Merged by account + name: Tom keeps his zone; Lone, created without one, gets the next file's.
    const again = await postCsv(t, marketer.key, ['account_name,contact_name,contact_time_zone', `${company},Tom,Asia/Kolkata`, `${company},Lone,`].join('\n'));
    expect(again.body).toMatchObject({ created: { contacts: 1 }, merged: { contacts: 1 }, rejected: [] });
    const fill = await postJson(t, marketer.key, { rows: [{ accountName: company, contact: { name: 'Lone', timeZone: 'Asia/Kolkata' } }] });
    expect(fill.body).toMatchObject({ merged: { contacts: 1 }, rejected: [] });
    const zones = await t.database.db.contact.findMany({ where: { accountId: account.id, name: { in: ['Tom', 'Lone'] } }, orderBy: { name: 'asc' } });
    expect(zones.map((contact) => [contact.name, contact.timeZone])).toEqual([
      ['Lone', 'Asia/Kolkata'],
      ['Tom', 'Africa/Nairobi'],
    ]);
  });
});
