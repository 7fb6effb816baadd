import { startTestApp, type TestApp } from '../../support/test-app';
import { auth, createCampaignRow, createEvent, type EventBody, inDays, insertRegistration, paths, planningRowCounts, unique } from './helpers';

let t: TestApp;
let marketer: { id: string; key: string };

beforeAll(async () => {
  t = await startTestApp();
  marketer = await t.userWithKey('marketer');
});
afterAll(() => t.close());

const patch = (id: string, body: Record<string, unknown>) => t.request.patch(`/api/v1/events/${id}`).set(auth(marketer)).send(body);
const campaignSources = (campaignId: string) =>
  t.database.db.campaignSource.findMany({ where: { campaignId }, select: { id: true, code: true, name: true, channel: true }, orderBy: { code: 'asc' } });
const links = (eventId: string) => t.database.db.eventSource.findMany({ where: { eventId }, select: { code: true, campaignSourceId: true }, orderBy: { code: 'asc' } });

describe('sub-sources of a campaign’s event', () => {
  test('when an event of a campaign has sources then each is mirrored as a campaign source with the same code', async () => {
    const campaign = await createCampaignRow(t);
    const event = await createEvent(t, marketer, { campaignId: campaign.id, sources: [{ code: 'MAIL', name: 'Invitation mail', channel: 'email' }, { code: 'WEB', name: 'Web site' }] });
    expect(event).toMatchObject({ campaignId: campaign.id, campaignName: campaign.name });
    const mirrored = await campaignSources(campaign.id);
    expect(mirrored.map(({ code, name, channel }) => ({ code, name, channel }))).toEqual([
      { code: 'MAIL', name: 'Invitation mail', channel: 'email' },
      { code: 'WEB', name: 'Web site', channel: null },
    ]);
    expect((await links(event.id)).map((link) => link.campaignSourceId)).toEqual(mirrored.map((source) => source.id));
  });

  test('when an event of a campaign has no sources then it gets one from its name, suffixed on a clash', async () => {
    const campaign = await createCampaignRow(t);
    await t.database.db.campaignSource.create({ data: { campaignId: campaign.id, code: 'customer-day-2027', name: 'Taken by hand' } });
    const event = await createEvent(t, marketer, { name: 'Customer day 2027!', campaignId: campaign.id });
    expect(event.sources).toEqual([{ code: 'CUSTOMER-DAY-2027-2', name: 'Customer day 2027!', channel: null }]);
    expect((await campaignSources(campaign.id)).map((source) => source.code)).toEqual(['CUSTOMER-DAY-2027-2', 'customer-day-2027']);
    const long = await createEvent(t, marketer, { name: 'A very long name for an event that goes on and on', campaignId: campaign.id });
    expect(long.sources[0].code).toBe('A-VERY-LONG-NAME-FOR-AN-EVENT');
  });

  test('when a source code is already the campaign’s then 409 names the item and nothing is written', async () => {
    const campaign = await createCampaignRow(t);
    await t.database.db.campaignSource.create({ data: { campaignId: campaign.id, code: 'PRESS', name: 'Press' } });
    const before = await planningRowCounts(t);
    const response = await t.request.post('/api/v1/events').set(auth(marketer)).send({ name: unique('Fair'), kind: 'trade fair', campaignId: campaign.id, sources: [{ code: 'WEB', name: 'Web' }, { code: 'press', name: 'Press again' }] });
    expect(response.status).toBe(409);
    expect(paths(response.body)).toEqual(['body.sources.1.code']);
    expect(await planningRowCounts(t)).toEqual(before);
  });

  test('when sources are patched then the campaign follows: renamed, added, and removed unless responses quote it (then only unlinked)', async () => {
    const campaign = await createCampaignRow(t);
    const event = await createEvent(t, marketer, { campaignId: campaign.id, sources: [{ code: 'A', name: 'A' }, { code: 'B', name: 'B' }, { code: 'C', name: 'C' }] });
    const db = t.database.db;
    const quoted = (await campaignSources(campaign.id)).find((source) => source.code === 'B')!;
    const account = await db.account.create({ data: { name: unique('Account') } });
    await db.response.create({ data: { campaignId: campaign.id, sourceId: quoted.id, accountId: account.id, type: 'REGISTRATION', occurredAt: new Date(), createdById: marketer.id } });

    const response = await patch(event.id, { sources: [{ code: 'a', name: 'A renamed', channel: 'press' }, { code: 'D', name: 'D' }] });
    expect(response.status).toBe(200);
    expect(response.body.sources).toEqual([
      { code: 'a', name: 'A renamed', channel: 'press' },
      { code: 'D', name: 'D', channel: null },
    ]);
    expect((await campaignSources(campaign.id)).map(({ code, name, channel }) => ({ code, name, channel }))).toEqual([
      { code: 'B', name: 'B', channel: null },
      { code: 'D', name: 'D', channel: null },
      { code: 'a', name: 'A renamed', channel: 'press' },
    ]);
    expect((await links(event.id)).every((link) => link.campaignSourceId !== null)).toBe(true);
  });

  test('when the event leaves its campaign for another then its sources move there', async () => {
    const [first, second] = [await createCampaignRow(t), await createCampaignRow(t)];
    const event = await createEvent(t, marketer, { campaignId: first.id, sources: [{ code: 'MAIL', name: 'Mail' }] });
    const response = await patch(event.id, { campaignId: second.id });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ campaignId: second.id, campaignName: second.name, sources: [{ code: 'MAIL', name: 'Mail', channel: null }] });
    expect(await campaignSources(first.id)).toEqual([]);
    const [moved] = await campaignSources(second.id);
    expect(await links(event.id)).toEqual([{ code: 'MAIL', campaignSourceId: moved.id }]);
  });
});

describe('POST /api/v1/events/:id/copy', () => {
  test('when an event is copied then the DRAFT has everything but dates, registrations and actual costs, and its bookings once it has dates', async () => {
    const template = await createEvent(t, marketer, {
      venue: 'Lyon', capacity: 30, currency: 'EUR', price: 15, reminderBefore: 'P2D', registrationMode: 'INVITATION',
      offers: [{ name: 'Free coffee' }], sources: [{ code: 'MAIL', name: 'Mail' }],
      costs: [{ label: 'Room', category: 'venue', planned: 500, actual: 480 }],
      tasks: [{ title: 'Book the room', assigneeId: marketer.id, due: { days: 10, unit: 'businessDays', relativeTo: 'start', direction: 'before' } }],
      registrationClosesAt: inDays(9).toISOString(),
    });
    await t.database.db.eventTask.updateMany({ where: { eventId: template.id }, data: { state: 'DONE', completedAt: new Date() } });
    await insertRegistration(t, template.id, 'REGISTERED', new Date());
    const room = await t.database.db.resource.create({ data: { name: unique('Room'), kind: 'FIXED' } });
    const workbooks = await t.database.db.resource.create({ data: { name: unique('Workbooks'), kind: 'CONSUMABLE', quantity: 100 } });
    const projector = await t.database.db.resource.create({ data: { name: unique('Projector'), kind: 'FIXED', archivedAt: new Date() } });
    const span = { eventId: template.id, startsAt: new Date(template.startsAt!), endsAt: new Date(template.endsAt!) };
    await t.database.db.resourceBooking.createMany({
      data: [{ resourceId: room.id, ...span }, { resourceId: workbooks.id, quantity: 30, note: 'Ship to Lyon', ...span }, { resourceId: projector.id, ...span }],
    });

    const response = await t.request.post(`/api/v1/events/${template.id}/copy`).set(auth(marketer)).send({});
    expect(response.status).toBe(201);
    const copy = response.body as EventBody;
    expect(copy).toMatchObject({
      name: `${template.name} (copy)`, kind: 'seminar', venue: 'Lyon', capacity: 30, currency: 'EUR', price: '15.00', reminderBefore: 'P2D', registrationMode: 'INVITATION',
      offers: [{ name: 'Free coffee' }], sources: [{ code: 'MAIL', name: 'Mail', channel: null }], status: 'DRAFT', copiedFromId: template.id,
      startsAt: null, endsAt: null, registrationClosesAt: null, counts: { registered: 0, waiting: 0, cancelled: 0, attended: 0, noShows: null },
    });
    expect(copy.costs).toEqual([{ id: expect.any(String), label: 'Room', category: 'venue', planned: '500.00', actual: null }]);
    expect(copy.tasks).toMatchObject([{ title: 'Book the room', assigneeId: marketer.id, state: 'PLANNED', dueAt: null, completedAt: null }]);
    expect(copy.tasks[0].id).not.toBe(template.tasks[0].id);
    expect(await t.database.db.resourceBooking.count({ where: { eventId: copy.id } })).toBe(0);

    const [startsAt, endsAt] = [inDays(375).toISOString(), inDays(375, 2).toISOString()];
    const dated = await t.request.post(`/api/v1/events/${template.id}/copy`).set(auth(marketer)).send({ name: 'Next year', startsAt, endsAt });
    expect(dated.status).toBe(201);
    expect(dated.body).toMatchObject({ name: 'Next year', startsAt, endsAt, copiedFromId: template.id });
    // With both dates the template's resources are booked again for the copy's span; the archived projector can no longer be.
    const copiedBookings = await t.database.db.resourceBooking.findMany({ where: { eventId: dated.body.id }, select: { resourceId: true, quantity: true, note: true, startsAt: true, endsAt: true }, orderBy: { quantity: 'asc' } });
    expect(copiedBookings).toEqual([
      { resourceId: room.id, quantity: 1, note: null, startsAt: new Date(startsAt), endsAt: new Date(endsAt) },
      { resourceId: workbooks.id, quantity: 30, note: 'Ship to Lyon', startsAt: new Date(startsAt), endsAt: new Date(endsAt) },
    ]);
    const stock = async () => (await t.database.db.resource.findUniqueOrThrow({ where: { id: workbooks.id } })).quantity;
    expect(await stock()).toBe(70);
    // The room is taken then by the first copy: a second copy at those dates is refused, and nothing of it is written.
    const clashName = unique('Clash');
    const clash = await t.request.post(`/api/v1/events/${template.id}/copy`).set(auth(marketer)).send({ name: clashName, startsAt, endsAt });
    expect(clash.status).toBe(409);
    expect(clash.body.error.message).toBe(`Copying the bookings of "${template.name}": "${room.name}" is booked for "Next year" (${dated.body.id}) from ${startsAt} to ${endsAt}. Copy it without dates, or at other dates, and book again`);
    expect(await t.database.db.event.count({ where: { name: clashName } })).toBe(0);
    expect(await stock()).toBe(70);
    const backwards = await t.request.post(`/api/v1/events/${template.id}/copy`).set(auth(marketer)).send({ startsAt: inDays(5).toISOString(), endsAt: inDays(4).toISOString() });
    expect(paths(backwards.body)).toEqual(['body.endsAt']);
  });

  test('when a campaign’s event is copied then the copy gets a code of its own in the campaign', async () => {
    const campaign = await createCampaignRow(t);
    const template = await createEvent(t, marketer, { name: 'Spring seminar', campaignId: campaign.id, sources: [{ code: 'MAIL', name: 'Mail' }] });
    const copy = (await t.request.post(`/api/v1/events/${template.id}/copy`).set(auth(marketer)).send({ name: 'Autumn seminar' })).body as EventBody;
    expect(copy).toMatchObject({ campaignId: campaign.id, sources: [{ code: 'AUTUMN-SEMINAR', name: 'Autumn seminar', channel: null }] });
    expect((await campaignSources(campaign.id)).map((source) => source.code)).toEqual(['AUTUMN-SEMINAR', 'MAIL']);
  });
});

describe('capacity', () => {
  test('when the capacity is raised then the first waiting people get the seats, each with an event.promoted e-mail queued', async () => {
    const event = await createEvent(t, marketer, { capacity: 2 });
    const start = Date.now() - 60_000;
    for (const offset of [0, 1]) await insertRegistration(t, event.id, 'REGISTERED', new Date(start + offset * 1000));
    const waiting = [];
    for (const offset of [2, 3, 4]) waiting.push(await insertRegistration(t, event.id, 'WAITING', new Date(start + offset * 1000)));

    const response = await patch(event.id, { capacity: 4 });
    expect(response.status).toBe(200);
    expect(response.body.counts).toMatchObject({ registered: 4, waiting: 1 });
    const db = t.database.db;
    const rows = await db.eventRegistration.findMany({ where: { id: { in: waiting.map((row) => row.id) } }, select: { id: true, status: true, confirmedAt: true } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(waiting.map((row) => byId.get(row.id)!.status)).toEqual(['REGISTERED', 'REGISTERED', 'WAITING']);
    const emails = await db.outboundEmail.findMany({ where: { eventId: event.id }, orderBy: { dedupeKey: 'asc' } });
    const expected = waiting.slice(0, 2).map((row) => ({
      kind: 'EVENT_EMAIL', templateKey: 'event.promoted', eventRegistrationId: row.id, accountId: row.accountId,
      dedupeKey: `event.promoted:${row.id}:${byId.get(row.id)!.confirmedAt!.getTime()}`, why: { eventId: event.id, registrationId: row.id },
    }));
    expect(emails).toHaveLength(2);
    expect(emails).toEqual(expect.arrayContaining(expected.map((email) => expect.objectContaining(email))));

    const lowered = await patch(event.id, { capacity: 3 });
    expect(lowered.status).toBe(409);
    expect(lowered.body.error.message).toContain('4 people are registered');
    expect(paths(lowered.body)).toEqual(['body.capacity']);

    const unlimited = await patch(event.id, { capacity: null });
    expect(unlimited.body).toMatchObject({ capacity: null, counts: { registered: 5, waiting: 0 } });
  });
});
