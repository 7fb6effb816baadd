import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../support/test-app';
import { auth, paths } from '../helpers';
import { buildCustomer, type Staff } from './customer-view-fixture';

let t: TestApp;
let marketer: Staff;
let owner: Staff;
let otherManager: Staff;
let customer: Awaited<ReturnType<typeof buildCustomer>>;

beforeAll(async () => {
  t = await startTestApp();
  [marketer, owner, otherManager] = await Promise.all([t.userWithKey('marketer'), t.userWithKey('manager'), t.userWithKey('manager')]);
  customer = await buildCustomer(t, { marketer, owner });
});
afterAll(() => t.close());

const section = (name: string, query: Record<string, string | number> = {}, user: Staff = owner) =>
  t.request.get(`/api/v1/accounts/${customer.account.id}/${name}`).query(query).set(auth(user.key));

/** Every item of a section, page after page of `limit`. */
async function allPages(name: string, limit: number) {
  const pages: unknown[][] = [];
  let cursor: string | undefined;
  do {
    const response = await section(name, { limit, ...(cursor ? { cursor } : {}) });
    expect(response.status).toBe(200);
    pages.push(response.body.items);
    cursor = response.body.nextCursor ?? undefined;
  } while (cursor && pages.length < 20);
  return pages;
}

describe('GET /accounts/:id/campaigns', () => {
  test('when the owner reads the campaigns then each lists which contacts, in which cell, and the stages that worked on them, latest listed first', async () => {
    const response = await section('campaigns');
    expect(response.status).toBe(200);
    const { anna, boris, carla, dmitri, spring, older } = customer;
    expect(response.body.items).toEqual([
      {
        campaignId: spring.campaignId, campaignName: spring.name, campaignStatus: 'RUNNING', listedAt: expect.any(String),
        contacts: [
          { contactId: anna.id, contactName: 'Anna Primary', cell: 'TARGET' },
          { contactId: boris.id, contactName: 'Boris Bounce', cell: 'TARGET' },
          { contactId: carla.id, contactName: 'Carla Optout', cell: 'TARGET' },
          { contactId: dmitri.id, contactName: 'Dmitri Leaves', cell: 'TARGET' },
        ].sort((a, b) => a.contactName.localeCompare(b.contactName)),
        stages: [
          { stageId: spring.listStageId, position: 1, type: 'LIST', name: 'Target list', status: 'COMPLETED', contactIds: expect.arrayContaining([anna.id, boris.id, carla.id, dmitri.id]) },
          { stageId: customer.mailingStageId, position: 2, type: 'MAILING', name: 'Spring mailing', status: 'RUNNING', contactIds: expect.arrayContaining([anna.id, boris.id, carla.id, dmitri.id]) },
        ],
      },
      {
        campaignId: older.campaignId, campaignName: older.name, campaignStatus: 'RUNNING', listedAt: expect.any(String),
        contacts: [
          { contactId: anna.id, contactName: 'Anna Primary', cell: 'TEST' },
          { contactId: carla.id, contactName: 'Carla Optout', cell: 'TARGET' },
        ],
        stages: [{ stageId: older.listStageId, position: 1, type: 'LIST', name: 'Target list', status: 'COMPLETED', contactIds: [anna.id, carla.id] }],
      },
    ]);
    expect(response.body.nextCursor).toBeNull();
    expect(Date.parse(response.body.items[0].listedAt)).toBeGreaterThan(Date.parse(response.body.items[1].listedAt));
  });

  test('when paged one by one then the pages hold the same campaigns in the same order', async () => {
    const whole = (await section('campaigns')).body.items.map((item: { campaignId: string }) => item.campaignId);
    const pages = await allPages('campaigns', 1);
    expect(pages.flat().map((item) => (item as { campaignId: string }).campaignId)).toEqual(whole);
  });
});

describe('GET /accounts/:id/mails', () => {
  test('when the spring mailing ran then each contact’s mail says sent, bounced (with the SMTP answer), skipped and why, and who unsubscribed with its link', async () => {
    const response = await section('mails', { limit: 100 });
    expect(response.status).toBe(200);
    const campaignMails = response.body.items.filter((mail: { kind: string }) => mail.kind === 'CAMPAIGN');
    const byContact = Object.fromEntries(campaignMails.map((mail: { contactName: string }) => [mail.contactName, mail]));
    const common = { kind: 'CAMPAIGN', campaignId: customer.spring.campaignId, campaignName: customer.spring.name, stageId: customer.mailingStageId, stageName: 'Spring mailing', template: 'Spring offer', eventId: null, eventName: null };
    expect(byContact).toEqual({
      'Anna Primary': { ...common, id: expect.any(String), at: expect.any(String), contactId: customer.anna.id, contactName: 'Anna Primary', status: 'SENT', reason: null, unsubscribedAt: null },
      'Boris Bounce': { ...common, id: expect.any(String), at: expect.any(String), contactId: customer.boris.id, contactName: 'Boris Bounce', status: 'BOUNCED', reason: expect.stringContaining('550'), unsubscribedAt: null },
      'Carla Optout': { ...common, id: expect.any(String), at: expect.any(String), contactId: customer.carla.id, contactName: 'Carla Optout', status: 'SKIPPED', reason: 'unsubscribed', unsubscribedAt: null },
      'Dmitri Leaves': { ...common, id: expect.any(String), at: expect.any(String), contactId: customer.dmitri.id, contactName: 'Dmitri Leaves', status: 'SENT', reason: null, unsubscribedAt: expect.any(String) },
    });
    // The event's confirmation to Anna is one of the account's mails too.
    expect(response.body.items).toContainEqual(expect.objectContaining({ kind: 'EVENT', contactId: customer.anna.id, eventId: customer.event.id, eventName: customer.event.name, campaignId: null }));
    const times = response.body.items.map((mail: { at: string }) => Date.parse(mail.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // No address leaks into the list: a contact's e-mail is on the contact, for those who may read it.
    expect(JSON.stringify(response.body)).not.toContain('@');
  });

  test('when paged two by two then every mail comes once, in the same order as one page', async () => {
    const whole = (await section('mails', { limit: 100 })).body.items.map((mail: { id: string }) => mail.id);
    const paged = (await allPages('mails', 2)).flat().map((mail) => (mail as { id: string }).id);
    expect(paged).toEqual(whole);
    expect(new Set(paged).size).toBe(paged.length);
  });
});

describe('GET /accounts/:id/responses', () => {
  test('when Boris replied through the press sub-source and Anna registered and attended then each response names its campaign, sub-source and contact', async () => {
    const response = await section('responses');
    expect(response.status).toBe(200);
    const source = { campaignId: customer.spring.campaignId, campaignName: customer.spring.name, sourceId: customer.source.id, sourceCode: 'PRESS-1', sourceName: 'Le Monde', sourceChannel: 'press', createdAccount: false };
    expect(response.body.items).toEqual([
      { ...source, id: expect.any(String), occurredAt: expect.any(String), type: 'ATTENDANCE', contactId: customer.anna.id, contactName: 'Anna Primary' },
      { ...source, id: expect.any(String), occurredAt: expect.any(String), type: 'REGISTRATION', contactId: customer.anna.id, contactName: 'Anna Primary' },
      { ...source, id: expect.any(String), occurredAt: expect.any(String), type: 'REPLY', contactId: customer.boris.id, contactName: 'Boris Bounce' },
    ]);
    const pages = await allPages('responses', 2);
    expect(pages.map((page) => page.length)).toEqual([2, 1]);
    expect(pages.flat()).toEqual(response.body.items);
  });
});

describe('GET /accounts/:id/events', () => {
  test('when Anna registered and checked in then the event shows her registration as attended', async () => {
    const response = await section('events');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      items: [
        expect.objectContaining({
          registrationId: customer.registrationId, eventId: customer.event.id, eventName: customer.event.name, eventKind: 'seminar', eventStatus: 'SCHEDULED',
          contactId: customer.anna.id, contactName: 'Anna Primary', status: 'REGISTERED', attended: true, noShow: false, sourceCode: 'PRESS-1',
          startsAt: customer.event.startsAt!.toISOString(), checkedInAt: expect.any(String), cancelledAt: null,
        }),
      ],
      nextCursor: null,
    });
  });
});

describe('GET /accounts/:id/key-contacts', () => {
  test('when read then the primary contact comes first, then who engaged last (the call with Dmitri, then Boris’s reply), then those never engaged', async () => {
    const response = await section('key-contacts');
    expect(response.status).toBe(200);
    expect(response.body.items.map((contact: { name: string }) => contact.name)).toEqual(['Anna Primary', 'Dmitri Leaves', 'Boris Bounce', 'Carla Optout']);
    const [anna, dmitri, boris, carla] = response.body.items;
    expect(anna).toMatchObject({ isPrimary: true, title: 'Head buyer', reachable: true, unreachableReason: null, responses: 2, eventsAttended: 1, lastInteractionAt: expect.any(String) });
    expect(anna.activities).toBeGreaterThanOrEqual(1);
    expect(dmitri).toMatchObject({ isPrimary: false, reachable: false, unreachableReason: 'UNSUBSCRIBED', activities: 1, responses: 0 });
    expect(boris).toMatchObject({ reachable: false, unreachableReason: 'BOUNCED', responses: 1 });
    expect(carla).toMatchObject({ reachable: false, unreachableReason: 'UNSUBSCRIBED', lastInteractionAt: null, activities: 0, responses: 0, eventsAttended: 0 });
    const pages = await allPages('key-contacts', 3);
    expect(pages.map((page) => page.length)).toEqual([3, 1]);
    expect(pages.flat()).toEqual(response.body.items);
  });
});

describe('who may read the customer view', () => {
  const sections = ['campaigns', 'mails', 'responses', 'events', 'key-contacts'];

  test('when a marketer reads it then every section answers', async () => {
    for (const name of sections) expect((await section(name, {}, marketer)).status).toBe(200);
  });

  test('when another manager or an unknown account is asked for then 404, as for the account page, and nothing of it shows', async () => {
    for (const name of sections) {
      const foreign = await section(name, {}, otherManager);
      expect([foreign.status, foreign.body.error.code]).toEqual([404, 'NOT_FOUND']);
      expect(JSON.stringify(foreign.body)).not.toContain('Anna');
      const unknown = await t.request.get(`/api/v1/accounts/${randomUUID()}/${name}`).set(auth(owner.key));
      expect(unknown.status).toBe(404);
    }
  });

  test('when the limit, cursor or an unknown parameter is bad then 400 names each field, and a bad id is a 400 too', async () => {
    for (const name of sections) {
      const bad = await section(name, { limit: 0, cursor: 'not-a-cursor', sort: 'name' });
      expect(bad.status).toBe(400);
      expect(paths(bad.body)).toEqual(['query.cursor', 'query.limit', 'query.sort']);
      const tooMany = await section(name, { limit: 101 });
      expect(paths(tooMany.body)).toEqual(['query.limit']);
      const badId = await t.request.get(`/api/v1/accounts/not-a-uuid/${name}`).set(auth(owner.key));
      expect([badId.status, paths(badId.body)]).toEqual([400, ['path.id']]);
    }
  });
});

describe('the customer view in the OpenAPI document', () => {
  test('when the document is read then each section is described by the schemas that validate it', async () => {
    const { body } = await t.request.get('/api/v1/openapi.json');
    const pages = { campaigns: 'AccountCampaignPage', mails: 'AccountMailPage', responses: 'AccountResponsePage', events: 'AccountEventPage', 'key-contacts': 'KeyContactPage' };
    for (const [name, schema] of Object.entries(pages)) {
      const route = body.paths[`/accounts/{id}/${name}`].get;
      expect(route.responses['200'].content['application/json'].schema).toEqual({ $ref: `#/components/schemas/${schema}` });
      expect(route.parameters.map((parameter: { name: string }) => parameter.name).sort()).toEqual(['cursor', 'id', 'limit']);
      expect(Object.keys(route.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404']));
    }
    expect(body.components.schemas.AccountMail.properties.status.enum).toEqual(['QUEUED', 'SENT', 'SKIPPED', 'BOUNCED', 'FAILED', 'CANCELLED']);
  });
});
