import { randomUUID } from 'node:crypto';
import type { Prisma } from '../../../src/generated/prisma/client';
import { startTestApp, type TestApp } from '../../support/test-app';

let t: TestApp;
let marketer: { id: string; key: string };
let manager: { id: string; key: string };
const as = (user: { key: string }) => ({ Authorization: `Bearer ${user.key}` });
const at = (iso: string) => new Date(iso);
const define = (body: object) => t.request.post('/api/v1/event-measures').set(as(marketer)).send(body);
const change = (id: string, body: object) => t.request.patch(`/api/v1/event-measures/${id}`).set(as(marketer)).send(body);
const report = (eventId: string, query = '') => t.request.get(`/api/v1/events/${eventId}/report${query}`).set(as(manager));

beforeAll(async () => {
  t = await startTestApp();
  [marketer, manager] = await Promise.all([t.userWithKey('marketer'), t.userWithKey('manager')]);
});
afterAll(() => t.close());

const meetingsAfter = {
  key: 'meetings-30-days',
  name: 'Meetings within 30 days',
  description: 'Did the event lead to meetings?',
  definition: { kind: 'activities', cohort: 'attendees', types: ['MEETING', 'CALL'], outcomes: ['MEETING_HELD'], window: { from: 'eventEnd', days: 30 } },
};
const signedWithin = {
  key: 'signed-90-days',
  name: 'Signed within 90 days of registering',
  definition: { kind: 'statusReached', cohort: 'registrants', statuses: ['CONTRACT_SIGNED', 'CLIENT'], window: { from: 'registration', days: 90 } },
};
const callsLogged = {
  key: 'calls-after-start',
  name: 'Calls after the start',
  definition: { kind: 'activities', cohort: 'registrants', types: ['CALL'], window: { from: 'eventStart', days: 7 }, count: 'activities' },
};
const meetingRate = { key: 'meeting-rate', name: 'Meeting rate', definition: { kind: 'ratio', numerator: 'meetings-30-days', denominator: 'attended', percent: true } };
const costPerCall = { key: 'cost-per-call', name: 'Cost per call', definition: { kind: 'ratio', numerator: 'actualCost', denominator: 'calls-after-start' } };
const webinarOnly = {
  key: 'webinar-follow-ups', name: 'Webinar follow-ups', eventKinds: ['  Webinar '],
  definition: { kind: 'activities', cohort: 'registrants', window: { from: 'registration', days: 10 } },
};

/** An account with one contact, straight in the database. */
async function account(name: string) {
  const created = await t.database.db.account.create({ data: { name, status: 'CONTACT_ESTABLISHED' } });
  const contact = await t.database.db.contact.create({ data: { accountId: created.id, name: `${name} person` } });
  return { ...created, contact };
}

function activity(accountId: string, type: 'CALL' | 'MEETING' | 'EMAIL', outcome: 'MEETING_HELD' | 'CONTACT_MADE', occurredAt: string, state: 'APPLIED' | 'PENDING' = 'APPLIED') {
  return t.database.db.activity.create({ data: { id: randomUUID(), accountId, type, outcome, occurredAt: at(occurredAt), loggedById: manager.id, state } });
}

type Registration = Omit<Prisma.EventRegistrationUncheckedCreateInput, 'eventId' | 'channel'>;

test('when a marketer defines measures then the catalog lists each with its definition in words, and every change is audited', async () => {
  const created = await define(meetingsAfter);
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({
    key: 'meetings-30-days',
    name: 'Meetings within 30 days',
    description: 'Did the event lead to meetings?',
    definition: { ...meetingsAfter.definition, count: 'accounts' },
    explanation: 'Accounts of attendees with MEETING or CALL activities with outcome MEETING_HELD within 30 days after the event’s end',
    eventKinds: [],
    archivedAt: null,
  });
  for (const body of [signedWithin, callsLogged, meetingRate, costPerCall, webinarOnly]) expect((await define(body)).status).toBe(201);

  const list = await t.request.get('/api/v1/event-measures').set(as(manager));
  expect(list.status).toBe(200);
  expect(list.body.items.map((measure: { key: string; explanation: string }) => [measure.key, measure.explanation])).toEqual([
    ['meetings-30-days', 'Accounts of attendees with MEETING or CALL activities with outcome MEETING_HELD within 30 days after the event’s end'],
    ['signed-90-days', 'Accounts of registrants that reached CONTRACT_SIGNED or CLIENT within 90 days after their registration'],
    ['calls-after-start', 'CALL activities logged on the accounts of registrants within 7 days after the event’s start'],
    ['meeting-rate', '“Meetings within 30 days” ÷ attended, as a percentage'],
    ['cost-per-call', 'actual cost ÷ “Calls after the start”'],
    ['webinar-follow-ups', 'Accounts of registrants with activities within 10 days after their registration'],
  ]);
  expect(list.body.items.at(-1).eventKinds).toEqual(['webinar']);

  const renamed = await change(created.body.id, { name: 'Meetings held within 30 days', description: null });
  expect(renamed.status).toBe(200);
  expect(renamed.body).toMatchObject({ name: 'Meetings held within 30 days', description: null });
  const one = await t.request.get(`/api/v1/event-measures/${created.body.id}`).set(as(manager));
  expect(one.body.name).toBe('Meetings held within 30 days');
  expect((await t.request.get('/api/v1/event-measures').set(as(manager))).body.items[3].explanation).toBe('“Meetings held within 30 days” ÷ attended, as a percentage');

  const audit = await t.database.db.auditEntry.findMany({ where: { entityType: 'event-measure', entityId: created.body.id }, orderBy: { at: 'asc' } });
  expect(audit.map((entry) => [entry.action, entry.actorId])).toEqual([['event-measure.create', marketer.id], ['event-measure.update', marketer.id]]);
  expect(audit[1]).toMatchObject({ before: { name: 'Meetings within 30 days' }, after: { name: 'Meetings held within 30 days', description: null } });
});

test('when a measure is defined wrongly then a 400 or 409 names each field, and nothing is written', async () => {
  const before = await t.database.db.eventMeasure.count();
  const auditBefore = await t.database.db.auditEntry.count();
  const cases: [object, number, { path: string; message: string }[]][] = [
    [{ ...signedWithin, key: 'Signed 90', name: 'Other' }, 400, [{ path: 'body.key', message: 'lower-case letters, digits and hyphens, 2 to 64 characters, starting with a letter' }]],
    [{ ...signedWithin, key: 'attended', name: 'Other' }, 400, [{ path: 'body.key', message: 'names a report figure already' }]],
    [{ ...signedWithin, name: 'Other' }, 409, [{ path: 'body.key', message: 'already used by another measure' }]],
    [{ ...signedWithin, key: 'other', name: 'SIGNED WITHIN 90 DAYS OF REGISTERING' }, 409, [{ path: 'body.name', message: 'already used by another measure' }]],
    [{ key: 'bad-window', name: 'Bad window', definition: { ...signedWithin.definition, window: { from: 'yesterday', days: 0 } } }, 400, [
      { path: 'body.definition.window.from', message: 'Invalid option: expected one of "registration"|"eventStart"|"eventEnd"' },
      { path: 'body.definition.window.days', message: 'Too small: expected number to be >=1' },
    ]],
    [{ key: 'twice', name: 'Twice', definition: { ...signedWithin.definition, statuses: ['CLIENT', 'CLIENT'] } }, 400, [{ path: 'body.definition.statuses', message: 'each status once' }]],
    [{ key: 'ratio-wrong', name: 'Wrong ratio', definition: { kind: 'ratio', numerator: 'no-such-measure', denominator: 'meeting-rate' } }, 400, [
      { path: 'body.definition.numerator', message: '"no-such-measure" is neither a report figure (invited, registered, waiting, cancelled, attended, noShows, newAccounts, contracts, revenue, plannedCost, actualCost) nor a measure\'s key' },
      { path: 'body.definition.denominator', message: 'the measure "meeting-rate" is a ratio; a ratio divides counts and report figures' },
    ]],
    [{ key: 'self', name: 'Self', definition: { kind: 'ratio', numerator: 'self', denominator: 'attended' } }, 400, [{ path: 'body.definition.numerator', message: 'a ratio cannot divide itself' }]],
    [{ key: 'prototype', name: 'Prototype', definition: { kind: 'ratio', numerator: 'constructor', denominator: 'attended' } }, 400, [
      { path: 'body.definition.numerator', message: '"constructor" is neither a report figure (invited, registered, waiting, cancelled, attended, noShows, newAccounts, contracts, revenue, plannedCost, actualCost) nor a measure\'s key' },
    ]],
  ];
  for (const [body, status, details] of cases) {
    const response = await define(body);
    expect([response.status, response.body.error.details]).toEqual([status, details]);
  }
  const forbidden = await t.request.post('/api/v1/event-measures').set(as(manager)).send({ ...signedWithin, key: 'by-manager', name: 'By a manager' });
  expect(forbidden.status).toBe(403);
  expect(await t.database.db.eventMeasure.count()).toBe(before);
  expect(await t.database.db.auditEntry.count()).toBe(auditBefore);
});

test('when a ratio divides a measure then that measure cannot be archived or become a ratio until the ratio is archived, and the ratio cannot return without it', async () => {
  const measures = (await t.request.get('/api/v1/event-measures').set(as(manager))).body.items as { id: string; key: string }[];
  const id = (key: string) => measures.find((measure) => measure.key === key)!.id;

  const refused = await change(id('meetings-30-days'), { archived: true });
  expect(refused.status).toBe(409);
  expect(refused.body.error.message).toBe('Cannot archive "Meetings held within 30 days": the ratio "Meeting rate" divides it');
  const toRatio = await change(id('calls-after-start'), { definition: { kind: 'ratio', numerator: 'attended', denominator: 'registered' } });
  expect(toRatio.status).toBe(409);
  expect(toRatio.body.error.details).toEqual([{ path: 'body.definition', message: 'used by "Cost per call"' }]);

  expect((await change(id('meeting-rate'), { archived: true })).status).toBe(200);
  const archived = await change(id('meetings-30-days'), { archived: true });
  expect(archived.status).toBe(200);
  expect(archived.body.archivedAt).toEqual(expect.any(String));
  const restoreRatio = await change(id('meeting-rate'), { archived: false });
  expect(restoreRatio.status).toBe(400);
  expect(restoreRatio.body.error.details).toEqual([{ path: 'body.definition.numerator', message: 'the measure "meetings-30-days" is archived' }]);

  const shown = (await t.request.get('/api/v1/event-measures').set(as(manager))).body.items.map((measure: { key: string }) => measure.key);
  expect(shown).not.toContain('meetings-30-days');
  const all = (await t.request.get('/api/v1/event-measures?includeArchived=true').set(as(manager))).body.items.map((measure: { key: string }) => measure.key);
  expect(all).toContain('meetings-30-days');

  expect((await change(id('meetings-30-days'), { archived: false })).status).toBe(200);
  expect((await change(id('meeting-rate'), { archived: false })).status).toBe(200);
  expect((await change('00000000-0000-4000-8000-000000000000', { archived: true })).status).toBe(404);
  const empty = await change(id('meeting-rate'), {});
  expect(empty.status).toBe(400);
  expect(empty.body.error.details[0].message).toBe('nothing to change: give name, description, definition, eventKinds or archived');
});

test('when an event has ended then its report computes each measure for its kind over the cohort and window, in JSON and CSV', async () => {
  const event = await t.database.db.event.create({
    data: {
      name: 'Spring fair', kind: 'Trade fair', ownerId: manager.id, status: 'COMPLETED', currency: 'EUR',
      startsAt: at('2026-05-10T08:00:00Z'), endsAt: at('2026-05-10T16:00:00Z'), noShows: 1, noShowsCountedAt: at('2026-05-10T16:00:01Z'),
      costs: { create: [{ label: 'Booth', planned: '900.00', actual: '1000.00' }] },
    },
  });
  const [came, cameToo, absent, quit] = await Promise.all([account('Came'), account('Came too'), account('Absent'), account('Quit')]);
  // Came's registration was logged as an activity of the event: the event itself, never its effect.
  const own = await activity(came.id, 'MEETING', 'MEETING_HELD', '2026-05-10T08:05:00Z');
  const registrations: Registration[] = [
    { contactId: came.contact.id, accountId: came.id, status: 'REGISTERED', registeredAt: at('2026-04-01T10:00:00Z'), checkedInAt: at('2026-05-10T08:05:00Z'), activityId: own.id },
    { contactId: cameToo.contact.id, accountId: cameToo.id, status: 'REGISTERED', registeredAt: at('2026-04-20T10:00:00Z'), checkedInAt: at('2026-05-10T09:00:00Z') },
    { contactId: absent.contact.id, accountId: absent.id, status: 'REGISTERED', registeredAt: at('2026-04-02T10:00:00Z'), noShow: true },
    { contactId: quit.contact.id, accountId: quit.id, status: 'CANCELLED', registeredAt: at('2026-04-03T10:00:00Z'), cancelledAt: at('2026-04-04T10:00:00Z') },
  ];
  await t.database.db.eventRegistration.createMany({ data: registrations.map((row) => ({ eventId: event.id, channel: 'API', ...row })) });
  await Promise.all([
    // Meetings within 30 days of the end: Came (twice: one account), not Came too (at the very close of its window), not Absent (not an attendee).
    activity(came.id, 'MEETING', 'MEETING_HELD', '2026-05-12T10:00:00Z'),
    activity(came.id, 'CALL', 'MEETING_HELD', '2026-05-20T10:00:00Z'),
    activity(cameToo.id, 'MEETING', 'MEETING_HELD', '2026-06-09T16:00:00Z'),
    activity(cameToo.id, 'MEETING', 'CONTACT_MADE', '2026-05-11T10:00:00Z'),
    activity(absent.id, 'MEETING', 'MEETING_HELD', '2026-05-11T10:00:00Z'),
    // Calls within 7 days of the start, counted one by one: 2 of Came too's and Absent's; a pending one, a cancelled registrant's and a late one do not count.
    activity(cameToo.id, 'CALL', 'CONTACT_MADE', '2026-05-10T12:00:00Z'),
    activity(absent.id, 'CALL', 'CONTACT_MADE', '2026-05-16T12:00:00Z'),
    activity(absent.id, 'CALL', 'CONTACT_MADE', '2026-05-13T12:00:00Z', 'PENDING'),
    activity(quit.id, 'CALL', 'CONTACT_MADE', '2026-05-11T12:00:00Z'),
    activity(cameToo.id, 'CALL', 'CONTACT_MADE', '2026-05-17T08:00:00Z'),
  ]);
  await t.database.db.statusChange.createMany({
    data: ([
      // Within 90 days of each registration: Came and Came too; Absent signed before registering; Quit cancelled.
      { accountId: came.id, toStatus: 'CONTRACT_SIGNED', changedAt: at('2026-06-29T10:00:00Z') },
      { accountId: cameToo.id, toStatus: 'CLIENT', changedAt: at('2026-07-18T10:00:00Z') },
      { accountId: absent.id, toStatus: 'CONTRACT_SIGNED', changedAt: at('2026-03-30T10:00:00Z') },
      { accountId: quit.id, toStatus: 'CONTRACT_SIGNED', changedAt: at('2026-04-10T10:00:00Z') },
    ] as const).map((row) => ({ ...row, changedById: manager.id, reason: 'test' })),
  });

  const response = await report(event.id);
  expect(response.status).toBe(200);
  expect(response.body.measures).toEqual([
    {
      key: 'meetings-30-days', name: 'Meetings held within 30 days', unit: 'accounts', value: 1, windowClosesAt: '2026-06-09T16:00:00.000Z',
      explanation: 'Accounts of attendees with MEETING or CALL activities with outcome MEETING_HELD within 30 days after the event’s end',
    },
    {
      key: 'signed-90-days', name: 'Signed within 90 days of registering', unit: 'accounts', value: 2, windowClosesAt: '2026-07-19T10:00:00.000Z',
      explanation: 'Accounts of registrants that reached CONTRACT_SIGNED or CLIENT within 90 days after their registration',
    },
    {
      key: 'calls-after-start', name: 'Calls after the start', unit: 'activities', value: 2, windowClosesAt: '2026-05-17T08:00:00.000Z',
      explanation: 'CALL activities logged on the accounts of registrants within 7 days after the event’s start',
    },
    { key: 'meeting-rate', name: 'Meeting rate', unit: 'percent', value: 50, windowClosesAt: null, explanation: '“Meetings held within 30 days” ÷ attended, as a percentage' },
    { key: 'cost-per-call', name: 'Cost per call', unit: 'ratio', value: 500, windowClosesAt: null, explanation: 'actual cost ÷ “Calls after the start”' },
  ]);

  const csv = await report(event.id, '?format=csv');
  const lines = csv.text.trimEnd().split('\r\n');
  expect(lines).toContain(`measure,${event.id},Spring fair,,,,,,,,,,,,,,,,,,,,meetings-30-days,Meetings held within 30 days,accounts,1`);
  expect(lines).toContain(`measure,${event.id},Spring fair,,,,,,,,,,,,,,,,,,,,meeting-rate,Meeting rate,percent,50`);
});

test('when an event has no dates yet or another kind then measures from its dates have no value and measures for other kinds are not shown', async () => {
  const webinar = await t.database.db.event.create({ data: { name: 'Draft webinar', kind: 'WEBINAR', ownerId: manager.id } });
  const lead = await account('Lead');
  await t.database.db.eventRegistration.create({
    data: { eventId: webinar.id, channel: 'API', contactId: lead.contact.id, accountId: lead.id, status: 'REGISTERED', registeredAt: at('2026-11-01T10:00:00Z') },
  });
  await activity(lead.id, 'EMAIL', 'CONTACT_MADE', '2026-11-05T10:00:00Z');

  const measures = (await report(webinar.id)).body.measures as { key: string; value: number | null; windowClosesAt: string | null }[];
  expect(measures.map(({ key, value, windowClosesAt }) => [key, value, windowClosesAt])).toEqual([
    ['meetings-30-days', null, null],
    ['signed-90-days', 0, '2027-01-30T10:00:00.000Z'],
    ['calls-after-start', null, null],
    ['meeting-rate', null, null],
    ['cost-per-call', null, null],
    ['webinar-follow-ups', 1, '2026-11-11T10:00:00.000Z'],
  ]);
});
