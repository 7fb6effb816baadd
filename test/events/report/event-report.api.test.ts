import { Prisma } from '../../../src/generated/prisma/client';
import { startTestApp, type TestApp } from '../../support/test-app';

let t: TestApp;
let manager: { id: string; key: string };
const as = (user: { key: string }) => ({ Authorization: `Bearer ${user.key}` });
const report = (eventId: string, query = '') => t.request.get(`/api/v1/events/${eventId}/report${query}`).set(as(manager));
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  t = await startTestApp();
  manager = await t.userWithKey('manager');
});
afterAll(() => t.close());

/** An account with `contacts` contacts, straight in the database. */
async function account(name: string, contacts = 1) {
  const created = await t.database.db.account.create({ data: { name, status: 'NEW' } });
  const people = [];
  for (let index = 1; index <= contacts; index += 1) people.push(await t.database.db.contact.create({ data: { accountId: created.id, name: `${name} person ${index}` } }));
  return { ...created, contacts: people };
}

type Registration = Omit<Prisma.EventRegistrationUncheckedCreateInput, 'eventId' | 'channel'>;

function registrations(eventId: string, rows: Registration[]) {
  return t.database.db.eventRegistration.createMany({ data: rows.map((row) => ({ eventId, channel: 'API', ...row })) });
}

function statusChanges(changes: { accountId: string; toStatus: Prisma.StatusChangeUncheckedCreateInput['toStatus']; changedAt: Date }[]) {
  return t.database.db.statusChange.createMany({ data: changes.map((change) => ({ ...change, changedById: manager.id, reason: 'test' })) });
}

function wonDeal(accountId: string, amount: string, options: { currency?: string; campaignSourceId?: string; stage?: 'WON' | 'PROPOSAL' } = {}) {
  return t.database.db.opportunity.create({
    data: {
      accountId, name: `Deal ${amount}`, amount: new Prisma.Decimal(amount), currency: options.currency ?? 'EUR', stage: options.stage ?? 'WON',
      campaignSourceId: options.campaignSourceId ?? null, createdById: manager.id,
    },
  });
}

const noneReached = { NEW: 0, POTENTIAL: 0, CONTACT_ESTABLISHED: 0, MEETING_HELD: 0, CONTRACT_SIGNED: 0, CLIENT: 0, REFUSED: 0, LOST: 0 };
const reachedList = (reached: Partial<typeof noneReached>) => Object.entries({ ...noneReached, ...reached }).map(([status, accounts]) => ({ status, accounts }));

test('when an event of a campaign has registrations in every state then every figure of the report counts them', async () => {
  const campaign = await t.database.db.campaign.create({
    data: { name: 'Autumn fair campaign', currency: 'EUR', sources: { create: [{ code: 'FAIR-WEB', name: 'Web' }, { code: 'FAIR-PARTNER', name: 'Partner' }, { code: 'OTHER', name: 'Not the event' }] } },
    include: { sources: true },
  });
  const campaignSource = (code: string) => campaign.sources.find((source) => source.code === code)!.id;
  const event = await t.database.db.event.create({
    data: {
      name: 'Autumn fair', kind: 'trade fair', ownerId: manager.id, campaignId: campaign.id, currency: 'EUR', timeZone: 'Europe/Prague',
      startsAt: at('2026-11-10T08:00:00Z'), endsAt: at('2026-11-10T16:00:00Z'), status: 'COMPLETED', noShows: 1, noShowsCountedAt: at('2026-11-10T16:00:01Z'),
      sources: {
        create: [
          { code: 'FAIR-WEB', name: 'Web', campaignSourceId: campaignSource('FAIR-WEB'), createdAt: at('2026-10-01T00:00:00Z') },
          { code: 'FAIR-PARTNER', name: 'Partner', campaignSourceId: campaignSource('FAIR-PARTNER'), createdAt: at('2026-10-01T00:00:01Z') },
          { code: 'FAIR-SPARE', name: 'Unused', createdAt: at('2026-10-01T00:00:02Z') },
        ],
      },
      costs: { create: [{ label: 'Booth', planned: new Prisma.Decimal('1000.00'), actual: new Prisma.Decimal('1200.00') }, { label: 'Catering', planned: new Prisma.Decimal('500.00') }] },
    },
  });
  // An event of another campaign's: none of its rows may leak into this report.
  const other = await t.database.db.event.create({ data: { name: 'Other', kind: 'seminar', ownerId: manager.id } });

  const [acme, newco, waiter, quitter, legacy] = await Promise.all([account('Acme', 2), account('NewCo'), account('Waiter'), account('Quitter'), account('Legacy')]);
  await registrations(event.id, [
    // Acme: two people. The first registered just after midnight in Prague (still 1 November in UTC), came.
    { contactId: acme.contacts[0]!.id, accountId: acme.id, status: 'REGISTERED', sourceCode: 'FAIR-WEB', registeredAt: at('2026-11-01T23:30:00Z'), confirmedAt: at('2026-11-01T23:30:00Z'), checkedInAt: at('2026-11-10T08:05:00Z') },
    { contactId: acme.contacts[1]!.id, accountId: acme.id, status: 'REGISTERED', sourceCode: 'fair-partner', registeredAt: at('2026-11-03T10:00:00Z'), confirmedAt: at('2026-11-03T10:00:00Z'), checkedInAt: at('2026-11-10T08:10:00Z') },
    // NewCo: created by its registration (no code: the first source), did not come.
    { contactId: newco.contacts[0]!.id, accountId: newco.id, status: 'REGISTERED', registeredAt: at('2026-11-03T12:00:00Z'), confirmedAt: at('2026-11-03T12:00:00Z'), createdAccount: true, noShow: true },
    // Waiter: on the waiting list, created by the registration.
    { contactId: waiter.contacts[0]!.id, accountId: waiter.id, status: 'WAITING', sourceCode: 'FAIR-PARTNER', registeredAt: at('2026-11-04T09:00:00Z'), createdAccount: true },
    // Quitter: registered then cancelled; what its account does afterwards is no effect of the event.
    { contactId: quitter.contacts[0]!.id, accountId: quitter.id, status: 'CANCELLED', sourceCode: 'FAIR-PARTNER', registeredAt: at('2026-11-02T09:00:00Z'), cancelledAt: at('2026-11-04T10:00:00Z') },
    // Legacy: a code no sub-source has any longer.
    { contactId: legacy.contacts[0]!.id, accountId: legacy.id, status: 'REGISTERED', sourceCode: 'OLD-CODE', registeredAt: at('2026-11-04T11:00:00Z'), confirmedAt: at('2026-11-04T11:00:00Z') },
  ]);
  await registrations(other.id, [{ contactId: acme.contacts[0]!.id, accountId: acme.id, status: 'REGISTERED', checkedInAt: at('2026-11-04T11:00:00Z'), createdAccount: true }]);
  await t.database.db.eventInvitation.createMany({
    data: [acme.contacts[0]!, newco.contacts[0]!, legacy.contacts[0]!].map((contact) => ({ eventId: event.id, contactId: contact.id, accountId: contact.accountId })),
  });
  await t.database.db.eventInvitation.create({ data: { eventId: other.id, contactId: waiter.contacts[0]!.id, accountId: waiter.id } });

  await statusChanges([
    // Before Acme's first registration: not reached since.
    { accountId: acme.id, toStatus: 'CONTACT_ESTABLISHED', changedAt: at('2026-10-15T10:00:00Z') },
    // After the first registration (though before the second one): reached.
    { accountId: acme.id, toStatus: 'MEETING_HELD', changedAt: at('2026-11-02T10:00:00Z') },
    { accountId: acme.id, toStatus: 'CONTRACT_SIGNED', changedAt: at('2026-11-12T10:00:00Z') },
    { accountId: newco.id, toStatus: 'NEW', changedAt: at('2026-11-03T12:00:00Z') },
    { accountId: waiter.id, toStatus: 'POTENTIAL', changedAt: at('2026-11-05T10:00:00Z') },
    { accountId: quitter.id, toStatus: 'CONTRACT_SIGNED', changedAt: at('2026-11-12T10:00:00Z') },
  ]);
  await Promise.all([
    // Counted: a registrant's WON deal linked to one of the event's sources.
    wonDeal(acme.id, '5000.00', { campaignSourceId: campaignSource('FAIR-WEB') }),
    wonDeal(newco.id, '750.50', { campaignSourceId: campaignSource('FAIR-PARTNER') }),
    // Not counted: another source of the campaign, another currency, not won, a cancelled registrant, no source.
    wonDeal(acme.id, '9000.00', { campaignSourceId: campaignSource('OTHER') }),
    wonDeal(acme.id, '8000.00', { campaignSourceId: campaignSource('FAIR-WEB'), currency: 'USD' }),
    wonDeal(newco.id, '7000.00', { campaignSourceId: campaignSource('FAIR-WEB'), stage: 'PROPOSAL' }),
    wonDeal(quitter.id, '6000.00', { campaignSourceId: campaignSource('FAIR-WEB') }),
    wonDeal(legacy.id, '4000.00'),
  ]);

  const response = await report(event.id);
  expect(response.status).toBe(200);
  expect(response.body).toEqual({
    eventId: event.id,
    name: 'Autumn fair',
    status: 'COMPLETED',
    startsAt: '2026-11-10T08:00:00.000Z',
    endsAt: '2026-11-10T16:00:00.000Z',
    currency: 'EUR',
    invited: 3,
    registered: 4,
    waiting: 1,
    cancelled: 1,
    attended: 2,
    noShows: 1,
    newAccounts: 2,
    statusesReached: reachedList({ NEW: 1, POTENTIAL: 1, MEETING_HELD: 1, CONTRACT_SIGNED: 1 }),
    contracts: 1,
    revenue: '5750.50',
    plannedCost: '1500.00',
    actualCost: '1200.00',
    costPerAttendee: '600.00',
    costPerContract: '1200.00',
    bySource: [
      { code: 'FAIR-WEB', registered: 2, attended: 1, newAccounts: 1 },
      { code: 'FAIR-PARTNER', registered: 1, attended: 1, newAccounts: 1 },
      { code: 'FAIR-SPARE', registered: 0, attended: 0, newAccounts: 0 },
      { code: 'OLD-CODE', registered: 1, attended: 0, newAccounts: 0 },
    ],
    registrationsByDay: [
      { date: '2026-11-02', registered: 2, cancelled: 0 },
      { date: '2026-11-03', registered: 2, cancelled: 0 },
      { date: '2026-11-04', registered: 2, cancelled: 1 },
    ],
    measures: [],
  });

  // The same report as CSV: the totals line, a line per status, per source and per day.
  const csv = await report(event.id, '?format=csv');
  expect(csv.status).toBe(200);
  expect(csv.headers['content-type']).toMatch(/^text\/csv/);
  const lines = csv.text.trimEnd().split('\r\n');
  expect(lines[0]).toBe(
    'line,event_id,event,status,code,date,account_status,invited,registered,waiting,cancelled,attended,no_shows,new_accounts,accounts,contracts,currency,revenue,planned_cost,actual_cost,cost_per_attendee,cost_per_contract,measure,measure_name,unit,value',
  );
  expect(lines[1]).toBe(`event,${event.id},Autumn fair,COMPLETED,,2026-11-10T08:00:00.000Z,,3,4,1,1,2,1,2,,1,EUR,5750.50,1500.00,1200.00,600.00,1200.00,,,,`);
  expect(lines).toContain(`status,${event.id},Autumn fair,,,,CONTRACT_SIGNED,,,,,,,,1,,,,,,,,,,,`);
  expect(lines).toContain(`source,${event.id},Autumn fair,,FAIR-WEB,,,,2,,,1,,1,,,,,,,,,,,,`);
  expect(lines).toContain(`day,${event.id},Autumn fair,,,2026-11-04,,,2,,1,,,,,,,,,,,,,,,`);
  expect(lines).toHaveLength(1 + 1 + 8 + 4 + 3);
});

test('when an event has no campaign, no sub-source and no cost then revenue is what registrants won since registering and the per-head costs are null', async () => {
  const event = await t.database.db.event.create({
    data: { name: 'Customer day', kind: 'customer day', ownerId: manager.id, status: 'SCHEDULED', startsAt: at('2026-12-20T09:00:00Z'), endsAt: at('2026-12-20T17:00:00Z') },
  });
  const [client, late] = await Promise.all([account('Client'), account('Late')]);
  await registrations(event.id, [
    { contactId: client.contacts[0]!.id, accountId: client.id, status: 'REGISTERED', registeredAt: at('2026-11-20T10:00:00Z'), confirmedAt: at('2026-11-20T10:00:00Z') },
    { contactId: late.contacts[0]!.id, accountId: late.id, status: 'WAITING', registeredAt: at('2026-11-21T10:00:00Z') },
  ]);
  const before = await wonDeal(client.id, '300.00');
  const after = await wonDeal(client.id, '1200.00');
  const waitingAfter = await wonDeal(late.id, '99.99');
  // Opportunities keep no close date: a WON deal's last change stands for its win.
  await t.database.db.$executeRaw`UPDATE opportunities SET updated_at = CAST('2026-11-19T10:00:00Z' AS timestamptz) WHERE id = CAST(${before.id} AS uuid)`;
  await t.database.db.$executeRaw`UPDATE opportunities SET updated_at = CAST('2026-11-25T10:00:00Z' AS timestamptz) WHERE id = ANY(CAST(${[after.id, waitingAfter.id]} AS uuid[]))`;

  const response = await report(event.id);
  expect(response.status).toBe(200);
  expect(response.body).toEqual({
    eventId: event.id,
    name: 'Customer day',
    status: 'SCHEDULED',
    startsAt: '2026-12-20T09:00:00.000Z',
    endsAt: '2026-12-20T17:00:00.000Z',
    currency: 'EUR',
    invited: 0,
    registered: 1,
    waiting: 1,
    cancelled: 0,
    attended: 0,
    noShows: null,
    newAccounts: 0,
    statusesReached: reachedList({}),
    contracts: 0,
    revenue: '1299.99',
    plannedCost: '0.00',
    actualCost: '0.00',
    costPerAttendee: null,
    costPerContract: null,
    bySource: [{ code: null, registered: 1, attended: 0, newAccounts: 0 }],
    registrationsByDay: [
      { date: '2026-11-20', registered: 1, cancelled: 0 },
      { date: '2026-11-21', registered: 1, cancelled: 0 },
    ],
    measures: [],
  });
});

test('when an event has nothing yet then the report is all zeros, with no revenue currency to name', async () => {
  const event = await t.database.db.event.create({ data: { name: 'Draft webinar', kind: 'webinar', ownerId: manager.id } });
  const response = await report(event.id);
  expect(response.status).toBe(200);
  expect(response.body).toMatchObject({
    status: 'DRAFT', startsAt: null, endsAt: null, currency: null, invited: 0, registered: 0, waiting: 0, cancelled: 0, attended: 0, noShows: null,
    newAccounts: 0, statusesReached: reachedList({}), contracts: 0, revenue: '0.00', plannedCost: '0.00', actualCost: '0.00', costPerAttendee: null,
    costPerContract: null, bySource: [], registrationsByDay: [],
  });
});

test('when the event is unknown or its id is not a UUID then the answer is 404 or a 400 naming the parameter', async () => {
  const unknown = await report('00000000-0000-4000-8000-000000000000');
  expect(unknown.status).toBe(404);
  expect(unknown.body.error.message).toContain('00000000-0000-4000-8000-000000000000');

  const bad = await report('not-a-uuid');
  expect(bad.status).toBe(400);
  expect(bad.body.error.details).toEqual([{ path: 'path.id', message: 'Invalid UUID' }]);

  expect((await t.request.get('/api/v1/events/00000000-0000-4000-8000-000000000000/report')).status).toBe(401);
});

test('when a marketer or an admin asks then they read the report too, and a bad format is a 400 naming it', async () => {
  const event = await t.database.db.event.create({ data: { name: 'Open house', kind: 'customer day', ownerId: manager.id } });
  const [marketer, admin] = await Promise.all([t.userWithKey('marketer'), t.userWithKey('admin')]);
  for (const user of [marketer, admin]) {
    const response = await t.request.get(`/api/v1/events/${event.id}/report`).set(as(user));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ eventId: event.id, name: 'Open house' });
  }
  const byAccept = await t.request.get(`/api/v1/events/${event.id}/report`).set(as(manager)).set('Accept', 'text/csv');
  expect(byAccept.status).toBe(200);
  expect(byAccept.text.split('\r\n')[1]).toBe(`event,${event.id},Open house,DRAFT,,,,0,0,0,0,0,,0,,0,,0.00,0.00,0.00,,,,,,`);
  const bad = await report(event.id, '?format=xml');
  expect(bad.status).toBe(400);
  expect(bad.body.error.details).toEqual([{ path: 'query.format', message: 'Expected "json" or "csv"' }]);
});
