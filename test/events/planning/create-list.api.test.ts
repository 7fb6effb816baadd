import { startTestApp, TEST_PUBLIC_URL, type TestApp } from '../../support/test-app';
import { auth, createCampaignRow, createEvent, eventBody, type EventBody, inDays, insertRegistration, paths, planningRowCounts, unique } from './helpers';

let t: TestApp;
let marketer: { id: string; key: string };
let manager: { id: string; key: string };

beforeAll(async () => {
  t = await startTestApp();
  [marketer, manager] = await Promise.all([t.userWithKey('marketer'), t.userWithKey('manager')]);
});
afterAll(() => t.close());

const post = (body: Record<string, unknown>, user = marketer) => t.request.post('/api/v1/events').set(auth(user)).send(body);

/** Posts a bad body: answers the error's paths and proves nothing was written. */
async function refusedPaths(body: Record<string, unknown>, status = 400) {
  const before = await planningRowCounts(t);
  const response = await post(body);
  expect(response.status).toBe(status);
  expect(await planningRowCounts(t)).toEqual(before);
  return paths(response.body);
}

describe('POST /api/v1/events', () => {
  test('when a marketer plans an event with every field then it is a DRAFT holding all of them', async () => {
    const [colleague, assignee] = await Promise.all([t.userWithKey('manager'), t.userWithKey('marketer')]);
    const body = eventBody({
      description: 'Spring novelties',
      venue: 'Hotel Lutetia, Paris',
      onlineUrl: 'https://meet.example.com/spring',
      capacity: 40,
      teamIds: [colleague.id],
      currency: 'EUR',
      price: 25,
      offers: [{ code: 'EARLY', name: 'Early bird' }],
      sources: [{ code: 'NEWSLETTER', name: 'Our newsletter', channel: 'email' }],
      costs: [{ label: 'Room', category: 'venue', planned: 1200.5 }, { label: 'Coffee', planned: 300, actual: 280 }],
      tasks: [{ title: 'Print badges', assigneeId: assignee.id, due: { days: 5, unit: 'businessDays', relativeTo: 'start', direction: 'before' } }],
      registrationMode: 'INVITATION',
      registrationClosesAt: inDays(9).toISOString(),
      reminderBefore: 'P1D',
    });
    const response = await post(body);
    expect(response.status).toBe(201);
    const event = response.body as EventBody;
    expect(event).toMatchObject({
      name: body.name,
      kind: 'seminar',
      description: 'Spring novelties',
      venue: 'Hotel Lutetia, Paris',
      onlineUrl: 'https://meet.example.com/spring',
      timeZone: 'Europe/Paris',
      startsAt: body.startsAt,
      endsAt: body.endsAt,
      capacity: 40,
      ownerId: marketer.id,
      teamIds: [colleague.id],
      campaignId: null,
      campaignName: null,
      currency: 'EUR',
      price: '25.00',
      offers: [{ code: 'EARLY', name: 'Early bird' }],
      status: 'DRAFT',
      registrationMode: 'INVITATION',
      registrationOpensAt: null,
      registrationClosesAt: (body as Record<string, unknown>).registrationClosesAt,
      registrationOpen: false,
      reminderBefore: 'P1D',
      sources: [{ code: 'NEWSLETTER', name: 'Our newsletter', channel: 'email' }],
      counts: { registered: 0, waiting: 0, cancelled: 0, attended: 0, noShows: null },
      registrationUrl: `${TEST_PUBLIC_URL}/events/${event.id}/register`,
      copiedFromId: null,
      workflowId: null,
      scheduledAt: null,
      endedAt: null,
      endReason: null,
    });
    expect(event.costs).toEqual([
      { id: expect.any(String), label: 'Room', category: 'venue', planned: '1200.50', actual: null },
      { id: expect.any(String), label: 'Coffee', category: null, planned: '300.00', actual: '280.00' },
    ]);
    expect(event.tasks).toEqual([
      {
        id: expect.any(String), eventId: event.id, eventName: body.name, title: 'Print badges', assigneeId: assignee.id,
        due: { days: 5, unit: 'businessDays', relativeTo: 'start', direction: 'before' }, dueAt: null, state: 'PLANNED', completedAt: null, escalatedAt: null,
      },
    ]);
    const read = await t.request.get(`/api/v1/events/${event.id}`).set(auth(manager));
    expect(read.status).toBe(200);
    expect(read.body).toEqual(event);
  });

  test('when only a name and a kind are given then the defaults apply', async () => {
    const response = await post({ name: unique('Webinar'), kind: 'webinar' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ timeZone: 'UTC', startsAt: null, endsAt: null, capacity: null, registrationMode: 'OPEN', sources: [], costs: [], tasks: [], teamIds: [], offers: [], price: null, currency: null });
  });

  test('when each field is bad then the 400 names it and nothing is written', async () => {
    expect(await refusedPaths({ kind: 'seminar' })).toEqual(['body.name']);
    expect(await refusedPaths(eventBody({ kind: '' }))).toEqual(['body.kind']);
    expect(await refusedPaths(eventBody({ onlineUrl: 'ftp://example.com/x' }))).toEqual(['body.onlineUrl']);
    expect(await refusedPaths(eventBody({ timeZone: 'Mars/Olympus' }))).toEqual(['body.timeZone']);
    expect(await refusedPaths(eventBody({ startsAt: '2027-01-01T10:00:00' }))).toEqual(['body.startsAt']);
    expect(await refusedPaths(eventBody({ endsAt: inDays(9).toISOString() }))).toEqual(['body.endsAt']);
    expect(await refusedPaths(eventBody({ startsAt: '0000-01-01T00:00:00+01:00' }))).toEqual(['body.startsAt']);
    expect(await refusedPaths(eventBody({ capacity: 0 }))).toEqual(['body.capacity']);
    expect(await refusedPaths(eventBody({ capacity: 1_000_001 }))).toEqual(['body.capacity']);
    expect(await refusedPaths(eventBody({ price: 10 }))).toEqual(['body.currency']);
    expect(await refusedPaths(eventBody({ costs: [{ label: 'Room', planned: 5 }] }))).toEqual(['body.currency']);
    expect(await refusedPaths(eventBody({ currency: 'EUR', price: 0 }))).toEqual(['body.price']);
    expect(await refusedPaths(eventBody({ currency: 'XYZ' }))).toEqual(['body.currency']);
    expect(await refusedPaths(eventBody({ registrationMode: 'SOMETIMES' }))).toEqual(['body.registrationMode']);
    expect(await refusedPaths(eventBody({ registrationClosesAt: inDays(11).toISOString() }))).toEqual(['body.registrationClosesAt']);
    expect(await refusedPaths(eventBody({ registrationOpensAt: inDays(9).toISOString(), registrationClosesAt: inDays(8).toISOString() }))).toEqual(['body.registrationOpensAt']);
    expect(await refusedPaths(eventBody({ reminderBefore: 'tomorrow' }))).toEqual(['body.reminderBefore']);
    expect(await refusedPaths(eventBody({ sources: [{ code: 'A', name: 'a' }, { code: 'a', name: 'b' }] }))).toEqual(['body.sources.1.code']);
    expect(await refusedPaths(eventBody({ sources: [{ code: '-bad', name: 'a' }] }))).toEqual(['body.sources.0.code']);
    expect(await refusedPaths(eventBody({ tasks: [{ title: 'x', due: { days: 366, unit: 'days', relativeTo: 'start', direction: 'before' } }] }))).toEqual(['body.tasks.0.due.days']);
    expect(await refusedPaths(eventBody({ tasks: [{ title: 'x', due: { days: 1, unit: 'weeks', relativeTo: 'start', direction: 'before' } }] }))).toEqual(['body.tasks.0.due.unit']);
    expect(await refusedPaths(eventBody({ unknownField: 1 }))).toEqual(['body.unknownField']);
  });

  test('when a named user or campaign does not exist or a user is deactivated then the 400 names it', async () => {
    const gone = await t.userWithKey('marketer');
    await t.database.db.user.update({ where: { id: gone.id }, data: { deactivatedAt: new Date() } });
    const nobody = '00000000-0000-4000-8000-000000000000';
    expect(await refusedPaths(eventBody({ ownerId: nobody }))).toEqual(['body.ownerId']);
    expect(await refusedPaths(eventBody({ teamIds: [marketer.id, gone.id] }))).toEqual(['body.teamIds.1']);
    expect(await refusedPaths(eventBody({ tasks: [{ title: 'x', assigneeId: nobody, due: { days: 1, unit: 'days', relativeTo: 'end', direction: 'after' } }] }))).toEqual(['body.tasks.0.assigneeId']);
    expect(await refusedPaths(eventBody({ campaignId: nobody }))).toEqual(['body.campaignId']);
  });

  test('when a manager plans an event then it is forbidden', async () => {
    expect((await post(eventBody(), manager)).status).toBe(403);
  });
});

describe('GET /api/v1/events', () => {
  test('when events are listed then they come newest first with their campaign and counts, filtered and paginated', async () => {
    const campaign = await createCampaignRow(t);
    const label = unique('Fair');
    const first = await createEvent(t, marketer, { name: `${label} one`, kind: 'trade fair', campaignId: campaign.id });
    const second = await createEvent(t, marketer, { name: `${label} two`, kind: 'trade fair' });
    await insertRegistration(t, first.id, 'REGISTERED', new Date());
    await insertRegistration(t, first.id, 'WAITING', new Date());
    const attended = await insertRegistration(t, first.id, 'REGISTERED', new Date());
    await t.database.db.eventRegistration.update({ where: { id: attended.id }, data: { checkedInAt: new Date() } });

    const page = await t.request.get('/api/v1/events').query({ q: label.toUpperCase() }).set(auth(manager));
    expect(page.status).toBe(200);
    expect(page.body.items.map((item: { id: string }) => item.id)).toEqual([second.id, first.id]);
    expect(page.body.items[1]).toEqual({
      id: first.id, name: `${label} one`, kind: 'trade fair', status: 'DRAFT', startsAt: first.startsAt, endsAt: first.endsAt, timeZone: 'Europe/Paris',
      venue: null, capacity: null, campaignId: campaign.id, campaignName: campaign.name, counts: { registered: 2, waiting: 1, cancelled: 0, attended: 1 },
    });

    const byCampaign = await t.request.get('/api/v1/events').query({ campaignId: campaign.id }).set(auth(manager));
    expect(byCampaign.body.items.map((item: { id: string }) => item.id)).toEqual([first.id]);

    const one = await t.request.get('/api/v1/events').query({ q: label, limit: 1 }).set(auth(manager));
    expect(one.body.items.map((item: { id: string }) => item.id)).toEqual([second.id]);
    const next = await t.request.get('/api/v1/events').query({ q: label, limit: 1, cursor: one.body.nextCursor }).set(auth(manager));
    expect(next.body).toMatchObject({ items: [{ id: first.id }], nextCursor: null });

    const cancelledOnly = await t.request.get('/api/v1/events').query({ q: label, status: 'CANCELLED' }).set(auth(manager));
    expect(cancelledOnly.body.items).toEqual([]);
  });

  test('when a filter is bad then the 400 names it', async () => {
    const response = await t.request.get('/api/v1/events').query({ status: 'LATE', cursor: 'nope!' }).set(auth(manager));
    expect(response.status).toBe(400);
    expect(paths(response.body)).toEqual(['query.cursor', 'query.status']);
  });

  test('when an event does not exist then GET answers 404', async () => {
    expect((await t.request.get('/api/v1/events/00000000-0000-4000-8000-000000000000').set(auth(manager))).status).toBe(404);
  });
});
