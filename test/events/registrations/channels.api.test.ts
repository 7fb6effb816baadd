import { AppError } from '../../../src/errors/app-error';
import { registerForEvent, type RegisterInput } from '../../../src/registrations/register-for-event';
import { startTestApp, type TestApp } from '../../support/test-app';
import { openEvent } from './helpers';

let t: TestApp;
let marketer: { id: string; key: string };

beforeAll(async () => {
  t = await startTestApp();
  marketer = await t.userWithKey('marketer');
});
afterAll(() => t.close());

const deps = () => ({ db: t.database.db, temporal: { client: t.temporal.client, taskQueue: t.temporal.taskQueue } });
const publicly = (eventId: string, input: Partial<RegisterInput> = {}) =>
  registerForEvent(deps(), eventId, { contact: { name: 'Pat Public', email: 'pat@public.example' }, channel: 'PUBLIC', createdById: null, ...input });
const refusal = (promise: Promise<unknown>) => promise.then(() => 'registered', (error: AppError) => `${error.code}: ${error.message}`);

test('the public page needs registration opened and not closed; the event owner logs the activity', async () => {
  const { event } = await openEvent(t, marketer.id, { opened: false });
  expect(await refusal(publicly(event.id))).toMatch(/^CONFLICT: .*not yet open/);
  // Staff may register before the public opening.
  await t.database.db.event.update({ where: { id: event.id }, data: { registrationOpenedAt: new Date(), registrationClosedAt: new Date() } });
  expect(await refusal(publicly(event.id))).toMatch(/^CONFLICT: .*closed/);
  await t.database.db.event.update({ where: { id: event.id }, data: { registrationClosedAt: null, registrationMode: 'CLOSED' } });
  expect(await refusal(publicly(event.id))).toMatch(/^CONFLICT: .*no public registrations/);
  expect(await t.database.db.eventRegistration.count({ where: { eventId: event.id } })).toBe(0);

  await t.database.db.event.update({ where: { id: event.id }, data: { registrationMode: 'OPEN' } });
  const { registration, existing } = await publicly(event.id);
  expect([existing, registration.channel, registration.status, registration.createdAccount]).toEqual([false, 'PUBLIC', 'REGISTERED', true]);
  const row = await t.database.db.eventRegistration.findUniqueOrThrow({ where: { id: registration.id } });
  expect(row.createdById).toBeNull();
  expect((await t.database.db.activity.findUniqueOrThrow({ where: { id: row.activityId! } })).loggedById).toBe(marketer.id);
});

test('an invitation-only event registers the invited contact, the form filling what the contact lacks', async () => {
  const { event } = await openEvent(t, marketer.id, { mode: 'INVITATION' });
  expect(await refusal(publicly(event.id))).toMatch(/^FORBIDDEN: .*invitation/);
  const account = await t.database.db.account.create({ data: { name: 'Invited Corp', timeZone: 'UTC', status: 'NEW' } });
  const contact = await t.database.db.contact.create({ data: { accountId: account.id, name: 'Ivy Invited' } });
  const { registration } = await publicly(event.id, { invitedContactId: contact.id, contact: { name: 'Someone Else', email: 'ivy@invited.example', phone: '+1 555' } });
  expect(registration).toMatchObject({ contactId: contact.id, accountId: account.id, name: 'Ivy Invited', email: 'ivy@invited.example', invited: true, channel: 'PUBLIC' });
  expect(await t.database.db.contact.findUniqueOrThrow({ where: { id: contact.id } })).toMatchObject({ phone: '+1 555', emailNormalized: 'ivy@invited.example' });
  // The same invitation again: the one registration.
  expect((await publicly(event.id, { invitedContactId: contact.id })).existing).toBe(true);
});
