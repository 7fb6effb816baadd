import { signalEventChanged } from '../../../src/events/event-workflow-client';
import { recordHistory } from '../../support/histories';
import { receivedMail, waitForMail } from '../../support/mailbox';
import { startTestApp, type TestApp } from '../../support/test-app';
import { eventWhen, registration, scheduledEvent, secondsFromNow, startWorkflow, temporalOf } from './helpers';

let t: TestApp;
let ownerId: string;

beforeAll(async () => {
  t = await startTestApp();
  ownerId = (await t.userWithKey('marketer')).id;
});
afterAll(() => t.close());

test('when the reminder time comes then each REGISTERED person is e-mailed once, and after the end no-shows are counted and the event is COMPLETED', async () => {
  const tag = `remind${Date.now()}`;
  const startsAt = secondsFromNow(6);
  const event = await scheduledEvent(t, ownerId, { startsAt, endsAt: secondsFromNow(9), reminderBefore: 'PT3S' });
  const attended = await registration(t, event.id, 'REGISTERED', tag);
  const absent = await registration(t, event.id, 'REGISTERED', tag);
  const waiting = await registration(t, event.id, 'WAITING', tag);
  const cancelled = await registration(t, event.id, 'CANCELLED', tag);
  const handle = await startWorkflow(t, event);

  const reminders = await waitForMail((mail) => mail.subject === `Reminder: ${event.name}`, 2);
  expect(reminders.map((mail) => mail.to[0]).sort()).toEqual([attended.email, absent.email].sort());
  expect(reminders[0].text).toMatch(/http:\/\/crm\.test\/event-registrations\/[A-Za-z0-9_-]+\/cancel/);
  const remindedAt = (await t.database.db.event.findUniqueOrThrow({ where: { id: event.id } })).remindersSentAt!;
  expect(remindedAt.getTime()).toBeGreaterThanOrEqual(startsAt.getTime() - 3000);
  await t.database.db.eventRegistration.update({ where: { id: attended.id }, data: { checkedInAt: new Date() } });

  expect(await handle.result()).toBe('COMPLETED');
  const ended = await t.database.db.event.findUniqueOrThrow({ where: { id: event.id } });
  expect(ended).toMatchObject({ status: 'COMPLETED', noShows: 1 });
  expect(ended.endedAt!.getTime()).toBeGreaterThanOrEqual(ended.endsAt!.getTime());
  expect(ended.noShowsCountedAt).toEqual(ended.endedAt);
  const rows = await t.database.db.eventRegistration.findMany({ where: { eventId: event.id }, select: { id: true, noShow: true } });
  expect(Object.fromEntries(rows.map((row) => [row.id, row.noShow]))).toEqual({ [attended.id]: false, [absent.id]: true, [waiting.id]: false, [cancelled.id]: false });
  // Once each: the steps after the reminder (the end) queued no second one.
  const sent = (await receivedMail()).filter((mail) => mail.subject === `Reminder: ${event.name}`);
  expect(sent).toHaveLength(2);
  const outbox = await t.database.db.outboundEmail.findMany({ where: { eventId: event.id }, select: { templateKey: true, sentAt: true, dedupeKey: true } });
  expect(outbox.map((row) => row.templateKey)).toEqual(['event.reminder', 'event.reminder']);
  expect(outbox.every((row) => row.sentAt !== null && row.dedupeKey.endsWith(`:${startsAt.toISOString()}`))).toBe(true);
  expect((await (await handle.describe()).searchAttributes).CrmEventStatus).toEqual(['COMPLETED']);
  await recordHistory(handle, 'event', 'reminded-no-shows-completed');
});

test('when the event moves later before its reminder then the reminder goes at the new time, for the new date', async () => {
  const tag = `moved${Date.now()}`;
  const event = await scheduledEvent(t, ownerId, { startsAt: secondsFromNow(5), endsAt: secondsFromNow(3600), reminderBefore: 'PT3S' });
  const guest = await registration(t, event.id, 'REGISTERED', tag);
  await startWorkflow(t, event);
  await eventWhen(t, event.id, (row) => expect(row.registrationOpenedAt).not.toBeNull());

  const movedStart = secondsFromNow(9);
  await t.database.db.event.update({ where: { id: event.id }, data: { startsAt: movedStart } });
  await signalEventChanged(temporalOf(t), event.id);

  const [reminder] = await waitForMail((mail) => mail.subject === `Reminder: ${event.name}` && mail.to[0] === guest.email);
  const row = await t.database.db.event.findUniqueOrThrow({ where: { id: event.id } });
  expect(row.remindersSentAt!.getTime()).toBeGreaterThanOrEqual(movedStart.getTime() - 3000);
  const outbox = await t.database.db.outboundEmail.findMany({ where: { eventId: event.id }, select: { dedupeKey: true } });
  expect(outbox).toEqual([{ dedupeKey: `event.reminder:${guest.id}:${movedStart.toISOString()}` }]);
  expect(reminder.to).toEqual([guest.email]);
});
