import { accountWorkflowId, pendingTimersQuery } from '../../../workflows/account.messages';
import type { TestApp } from '../../support/test-app';
import { as, openEvent, registerAs, startAppWithStaff, type Staff } from './helpers';

let t: TestApp;
let manager: Staff;
let marketer: Staff;

beforeAll(async () => ({ t, manager, marketer } = await startAppWithStaff()));
afterAll(() => t.close());

const register = (eventId: string, body: object, user = manager) => registerAs(t, user, eventId, body);
const checkIn = (eventId: string, registrationId: string) => t.request.post(`/api/v1/events/${eventId}/registrations/${registrationId}/check-in`).set(as(manager));

async function accountInWork(name: string, email: string): Promise<string> {
  const created = await t.request.post('/api/v1/accounts').set(as(manager)).send({ name, contacts: [{ name: `${name} Buyer`, email }] });
  expect(created.status).toBe(201);
  const id: string = created.body.account.id;
  expect((await t.request.post(`/api/v1/accounts/${id}/take`).set(as(manager))).status).toBe(200);
  return id;
}

test("a campaign's event: every registration is a response through the mirrored sub-source, a new person a NEW account with the lead source", async () => {
  const { event, campaign } = await openEvent(t, marketer.id, { capacity: 1, campaign: { name: 'Autumn fair' }, sources: ['WEB', 'PRESS'] });
  const first = await register(event.id, { contact: { name: 'Ann Lee', email: 'ann@lee.example', accountName: 'Lee & Co' }, sourceCode: 'press' });
  expect(first.status).toBe(201);
  expect(first.body.registration).toMatchObject({ status: 'REGISTERED', sourceCode: 'PRESS', createdAccount: true, accountName: 'Lee & Co' });
  // Without a code, the event's first source; a WAITING registration is a response too.
  const second = await register(event.id, { contact: { name: 'Bob Ray', email: 'bob@ray.example' } });
  expect(second.body.registration).toMatchObject({ status: 'WAITING', sourceCode: 'WEB', createdAccount: true, accountName: 'Bob Ray' });

  const responses = await t.database.db.response.findMany({ where: { campaignId: campaign!.id }, orderBy: { createdAt: 'asc' } });
  const sources = await t.database.db.campaignSource.findMany({ where: { campaignId: campaign!.id } });
  const codeOf = (sourceId: string) => sources.find((source) => source.id === sourceId)?.code;
  expect(responses.map((response) => [response.type, codeOf(response.sourceId), response.accountId, response.createdAccount, response.createdById])).toEqual([
    ['REGISTRATION', 'PRESS', first.body.registration.accountId, true, manager.id],
    ['REGISTRATION', 'WEB', second.body.registration.accountId, true, manager.id],
  ]);
  const ann = await t.database.db.account.findUniqueOrThrow({ where: { id: first.body.registration.accountId } });
  expect(ann).toMatchObject({ status: 'NEW', ownerId: null, leadSource: 'Autumn fair/PRESS' });
  expect(ann.lastContactedAt).not.toBeNull();
  const activity = await t.database.db.activity.findUniqueOrThrow({ where: { id: responses[0].activityId! } });
  expect(activity).toMatchObject({ type: 'EMAIL', outcome: 'INTERESTED', state: 'APPLIED', loggedById: manager.id, contactId: first.body.registration.contactId });
  expect(activity.notes).toContain(event.name);

  // Check-in: an ATTENDANCE response through the registration's source, and an activity; idempotent.
  const arrived = await checkIn(event.id, first.body.registration.id);
  expect(arrived.status).toBe(200);
  expect(arrived.body.checkedInAt).not.toBeNull();
  const again = await checkIn(event.id, first.body.registration.id);
  expect(again.body).toEqual(arrived.body);
  const attendance = await t.database.db.response.findMany({ where: { campaignId: campaign!.id, type: 'ATTENDANCE' } });
  expect(attendance.map((response) => [codeOf(response.sourceId), response.accountId])).toEqual([['PRESS', first.body.registration.accountId]]);
  expect(await t.database.db.activity.count({ where: { accountId: first.body.registration.accountId } })).toBe(2);
  const row = await t.database.db.eventRegistration.findUniqueOrThrow({ where: { id: first.body.registration.id } });
  expect(row).toMatchObject({ checkedInById: manager.id, attendanceResponseId: attendance[0].id, attendanceActivityId: attendance[0].activityId });

  // A waiting or cancelled person does not check in.
  const waiting = await checkIn(event.id, second.body.registration.id);
  expect([waiting.status, waiting.body.error.message]).toEqual([409, expect.stringContaining('WAITING')]);
});

test('an event without a campaign records the activity and lead source only', async () => {
  const { event } = await openEvent(t, marketer.id, {});
  const answer = await register(event.id, { contact: { name: 'Solo Person', email: 'solo@person.example' } });
  expect(answer.status).toBe(201);
  const account = await t.database.db.account.findUniqueOrThrow({ where: { id: answer.body.registration.accountId } });
  expect(account.leadSource).toBe(`${event.name}/event`);
  expect(await t.database.db.response.count({ where: { accountId: account.id } })).toBe(0);
  expect(await t.database.db.activity.count({ where: { accountId: account.id, type: 'EMAIL', outcome: 'INTERESTED' } })).toBe(1);

  // The check-in's activity is kept on the registration (no response to find it by), so event measures
  // count what came after the event, never the event's own registration and attendance.
  expect((await t.request.post(`/api/v1/events/${event.id}/registrations/${answer.body.registration.id}/check-in`).set(as(manager))).status).toBe(200);
  const row = await t.database.db.eventRegistration.findUniqueOrThrow({ where: { id: answer.body.registration.id } });
  const [registration, attendance] = await t.database.db.activity.findMany({ where: { accountId: account.id }, orderBy: { occurredAt: 'asc' } });
  expect([row.activityId, row.attendanceActivityId]).toEqual([registration!.id, attendance!.id]);
  const measure = await t.request.post('/api/v1/event-measures').set(as(marketer)).send({
    key: 'attendee-activities', name: 'Attendee activities', definition: { kind: 'activities', cohort: 'attendees', window: { from: 'registration', days: 30 }, count: 'activities' },
  });
  expect(measure.status).toBe(201);
  const measured = async () => (await t.request.get(`/api/v1/events/${event.id}/report`).set(as(manager))).body.measures[0].value;
  expect(await measured()).toBe(0);
  expect((await t.request.post(`/api/v1/accounts/${account.id}/take`).set(as(manager))).status).toBe(200);
  expect((await t.request.post(`/api/v1/accounts/${account.id}/activities`).set(as(manager)).send({ type: 'CALL', outcome: 'CONTACT_MADE' })).status).toBe(201);
  expect(await measured()).toBe(1);
});

// Under the default rules the registration (an INTERESTED e-mail) cancels the re-contact timer
// (cancel-recontact-on-contact) and brings the account back to CONTACT_ESTABLISHED (contact-established).
test('a refused client who registers is back in contact: the pending re-contact timer is cancelled and the status is CONTACT_ESTABLISHED, through the account workflow', async () => {
  const { event, campaign } = await openEvent(t, marketer.id, { campaign: { name: 'Customer day' }, sources: ['MAIL'] });
  const id = await accountInWork('Refusing Ltd', 'no@refusing-ltd.example');
  const refusal = await t.request.post(`/api/v1/accounts/${id}/activities`).set(as(manager)).send({ type: 'CALL', outcome: 'REFUSED' });
  expect(refusal.body.status).toBe('REFUSED');
  const [timer] = refusal.body.timersStarted;
  expect(timer).toMatchObject({ kind: 'recontact', state: 'PENDING' });

  const answer = await register(event.id, { contact: { name: 'Someone', email: 'NO@refusing-ltd.example' } });
  expect(answer.status).toBe(201);
  expect(answer.body.registration).toMatchObject({ accountId: id, createdAccount: false, status: 'REGISTERED' });
  expect((await t.database.db.account.findUniqueOrThrow({ where: { id } })).status).toBe('CONTACT_ESTABLISHED');
  expect((await t.database.db.timer.findUniqueOrThrow({ where: { id: timer.id } })).state).toBe('CANCELLED');
  const handle = t.temporal.client.workflow.getHandle(accountWorkflowId(id));
  expect((await handle.query(pendingTimersQuery)).filter((pending) => pending.kind === 'recontact')).toEqual([]);
  const [response] = await t.database.db.response.findMany({ where: { campaignId: campaign!.id, accountId: id } });
  expect(response).toMatchObject({ type: 'REGISTRATION', createdAccount: false });
  expect((await t.database.db.activity.findUniqueOrThrow({ where: { id: response.activityId! } })).state).toBe('APPLIED');
});
