import { startTestApp, type TestApp } from '../support/test-app';
import { auth, paths, rowCounts, uniqueSegment } from './helpers';

let t: TestApp;
let admin: { id: string; key: string };
let marketer: { id: string; key: string };
let manager: { id: string; key: string };

beforeAll(async () => {
  t = await startTestApp();
  [admin, marketer, manager] = await Promise.all([t.userWithKey('admin'), t.userWithKey('marketer'), t.userWithKey('manager')]);
});
afterAll(() => t.close());

describe('POST /api/v1/accounts', () => {
  test('when a marketer creates an account with contacts then it is NEW, unowned, stored with its contacts and its history starts', async () => {
    const segment = uniqueSegment();
    const response = await t.request
      .post('/api/v1/accounts')
      .set(auth(marketer.key))
      .send({
        name: '  Pharmacie du Centre ',
        segment,
        timeZone: 'Europe/Paris',
        fields: { city: 'Lyon', employees: 12, vip: true },
        leadSource: 'press: Le Moniteur',
        contacts: [
          { name: 'Claire Martin', email: ' Claire.Martin@Example.COM', phone: '+33 1 23 45 67 89', title: 'Owner', isPrimary: true },
          { name: 'Paul Petit' },
        ],
      });
    expect(response.status).toBe(201);
    const { account, contacts } = response.body;
    expect(account).toMatchObject({
      name: 'Pharmacie du Centre',
      segment,
      status: 'NEW',
      ownerId: null,
      timeZone: 'Europe/Paris',
      fields: { city: 'Lyon', employees: 12, vip: true },
      leadSource: 'press: Le Moniteur',
      archivedAt: null,
      archivedReason: null,
    });
    expect(contacts).toHaveLength(2);
    expect(contacts[0]).toMatchObject({ accountId: account.id, name: 'Claire Martin', email: 'Claire.Martin@Example.COM', isPrimary: true, title: 'Owner' });
    expect(contacts[1]).toMatchObject({ name: 'Paul Petit', email: null, phone: null, isPrimary: false });
    expect(contacts[0]).not.toHaveProperty('emailNormalized');

    const db = t.database.db;
    const stored = await db.contact.findMany({ where: { accountId: account.id }, orderBy: { name: 'asc' } });
    expect(stored.map((contact) => contact.emailNormalized)).toEqual(['claire.martin@example.com', null]);
    const history = await db.statusChange.findMany({ where: { accountId: account.id } });
    expect(history).toMatchObject([{ fromStatus: null, toStatus: 'NEW', changedById: marketer.id, activityId: null, timerId: null }]);

    const page = await t.request.get(`/api/v1/accounts/${account.id}`).set(auth(admin.key));
    expect(page.status).toBe(200);
    expect(page.body.account).toEqual(account);
  });

  test.each(['manager', 'admin'] as const)('when a %s creates an account then it is NEW and unowned too, with UTC as the default time zone', async (role) => {
    const caller = role === 'manager' ? manager : admin;
    const response = await t.request.post('/api/v1/accounts').set(auth(caller.key)).send({ name: `By ${role}` });
    expect(response.status).toBe(201);
    expect(response.body.account).toMatchObject({ status: 'NEW', ownerId: null, timeZone: 'UTC', fields: {}, segment: null });
    expect(response.body.contacts).toEqual([]);
  });

  const fiftyOne = <T>(make: (i: number) => T) => Array.from({ length: 51 }, (_, i) => make(i));

  test.each([
    ['a status', { name: 'A', status: 'CLIENT' }, ['body.status']],
    ['an owner', { name: 'A', ownerId: '6f1c2b1e-7d4a-4c1e-9a35-0c1b2d3e4f50' }, ['body.ownerId']],
    ['an unknown time zone', { name: 'A', timeZone: 'Mars/Olympus_Mons' }, ['body.timeZone']],
    ['a time zone of the wrong type', { name: 'A', timeZone: 2 }, ['body.timeZone']],
    ['a missing name', { segment: 'x' }, ['body.name']],
    ['a blank name and a number for a segment', { name: '   ', segment: 7 }, ['body.name', 'body.segment']],
    ['a nested object in fields', { name: 'A', fields: { address: { city: 'Lyon' } } }, ['body.fields.address']],
    ['fields as an array', { name: 'A', fields: ['a'] }, ['body.fields']],
    ['more than 50 fields', { name: 'A', fields: Object.fromEntries(fiftyOne((i) => [`k${i}`, i])) }, ['body.fields']],
    ['more than 50 contacts', { name: 'A', contacts: fiftyOne((i) => ({ name: `C${i}` })) }, ['body.contacts']],
    ['a contact with a bad e-mail', { name: 'A', contacts: [{ name: 'C' }, { name: 'D', email: 'not-an-email' }] }, ['body.contacts.1.email']],
    ['a contact with an unknown field', { name: 'A', contacts: [{ name: 'C', fax: '123' }] }, ['body.contacts.0.fax']],
    ['two primary contacts', { name: 'A', contacts: [{ name: 'C', isPrimary: true }, { name: 'D', isPrimary: true }] }, ['body.contacts']],
    ['NUL characters, which PostgreSQL refuses', { name: 'a\u0000b', fields: { k: 'v\u0000' } }, ['body.fields.k', 'body.name']],
    ['a primary flag that is a string', { name: 'A', contacts: [{ name: 'C', isPrimary: 'yes' }] }, ['body.contacts.0.isPrimary']],
  ])('when the body has %s then 400 names the field and nothing is written', async (_case, body, expected) => {
    const before = await rowCounts(t);
    const response = await t.request.post('/api/v1/accounts').set(auth(marketer.key)).send(body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(paths(response.body)).toEqual(expected);
    expect(await rowCounts(t)).toEqual(before);
  });

  test('when the caller has no API key then 401 and nothing is written', async () => {
    const before = await rowCounts(t);
    const response = await t.request.post('/api/v1/accounts').send({ name: 'Anonymous' });
    expect(response.status).toBe(401);
    expect(await rowCounts(t)).toEqual(before);
  });
});

describe('POST /api/v1/accounts/:id/contacts', () => {
  test('when a contact is added then it is stored with its e-mail normalized, and a new primary replaces the old one', async () => {
    const created = await t.request
      .post('/api/v1/accounts')
      .set(auth(marketer.key))
      .send({ name: 'With contacts', contacts: [{ name: 'First', isPrimary: true }] });
    const id = created.body.account.id;
    const response = await t.request.post(`/api/v1/accounts/${id}/contacts`).set(auth(marketer.key)).send({ name: 'Second', email: 'Second@Example.com', isPrimary: true });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ accountId: id, name: 'Second', email: 'Second@Example.com', isPrimary: true });
    const stored = await t.database.db.contact.findMany({ where: { accountId: id }, orderBy: { createdAt: 'asc' } });
    expect(stored.map((contact) => [contact.name, contact.isPrimary, contact.emailNormalized])).toEqual([
      ['First', false, null],
      ['Second', true, 'second@example.com'],
    ]);
  });

  test('when the account is archived then 409 and no contact is added', async () => {
    const created = await t.request.post('/api/v1/accounts').set(auth(admin.key)).send({ name: 'Junk' });
    const id = created.body.account.id;
    await t.database.db.account.update({ where: { id }, data: { archivedAt: new Date(), archivedReason: 'junk' } });
    const before = await rowCounts(t);
    const response = await t.request.post(`/api/v1/accounts/${id}/contacts`).set(auth(admin.key)).send({ name: 'Late' });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('CONFLICT');
    expect(await rowCounts(t)).toEqual(before);
  });

  test.each([
    ['a bad uuid', 400, 'not-a-uuid', { name: 'X' }, ['path.id']],
    ['a bad e-mail', 400, undefined, { name: 'X', email: 'nope' }, ['body.email']],
    ['an unknown field', 400, undefined, { name: 'X', owner: true }, ['body.owner']],
    ['an unknown account', 404, '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed', { name: 'X' }, []],
  ])('when the request has %s then %i names it and nothing is added', async (_case, status, pathId, body, expected) => {
    const id = pathId ?? (await t.request.post('/api/v1/accounts').set(auth(admin.key)).send({ name: 'Target' })).body.account.id;
    const before = await rowCounts(t);
    const response = await t.request.post(`/api/v1/accounts/${id}/contacts`).set(auth(admin.key)).send(body);
    expect(response.status).toBe(status);
    expect(paths(response.body)).toEqual(expected);
    expect(await rowCounts(t)).toEqual(before);
  });
});
