import { signalEventChanged } from '../../../src/events/event-workflow-client';
import { resumeUnsentEventMail } from '../../../src/registrations/resume-event-mail';
import { eventMailQueuedSignal } from '../../../workflows/event.messages';
import { eventually } from '../../support/eventually';
import { recordHistory } from '../../support/histories';
import { receivedMail, waitForMail } from '../../support/mailbox';
import { startTestApp, type TestApp } from '../../support/test-app';
import { eventWhen, registration, scheduledEvent, startWorkflow, temporalOf } from './helpers';

let t: TestApp;
let ownerId: string;

beforeAll(async () => {
  t = await startTestApp();
  ownerId = (await t.userWithKey('marketer')).id;
});
afterAll(() => t.close());

test('when the event is cancelled then everyone REGISTERED or WAITING is e-mailed once and the workflow ends', async () => {
  const tag = `cancel${Date.now()}`;
  const event = await scheduledEvent(t, ownerId);
  const seated = await registration(t, event.id, 'REGISTERED', tag);
  const waiting = await registration(t, event.id, 'WAITING', tag);
  await registration(t, event.id, 'CANCELLED', tag);
  const handle = await startWorkflow(t, event);
  await eventWhen(t, event.id, (row) => expect(row.registrationOpenedAt).not.toBeNull());

  // As POST /events/:id/cancel leaves it.
  await t.database.db.event.update({ where: { id: event.id }, data: { status: 'CANCELLED', endedAt: new Date(), endReason: 'The venue burnt down' } });
  await signalEventChanged(temporalOf(t), event.id);

  expect(await handle.result()).toBe('CANCELLED');
  const mails = (await receivedMail()).filter((mail) => mail.subject === `Cancelled: ${event.name}`);
  expect(mails.map((mail) => mail.to[0]).sort()).toEqual([seated.email, waiting.email].sort());
  expect(mails[0].text).toContain('The venue burnt down');
  const outbox = await t.database.db.outboundEmail.findMany({ where: { eventId: event.id }, select: { dedupeKey: true, sentAt: true } });
  expect(outbox.map((row) => row.dedupeKey).sort()).toEqual([`event.cancelled:${seated.id}`, `event.cancelled:${waiting.id}`].sort());
  expect(outbox.every((row) => row.sentAt !== null)).toBe(true);
  expect((await (await handle.describe()).searchAttributes).CrmEventStatus).toEqual(['CANCELLED']);
  await recordHistory(handle, 'event', 'cancelled');
});

test('when many mail signals arrive together then every queued e-mail goes once, in fewer deliveries than signals', async () => {
  const tag = `burst${Date.now()}`;
  const event = await scheduledEvent(t, ownerId);
  const handle = await startWorkflow(t, event);
  await eventWhen(t, event.id, (row) => expect(row.registrationOpenedAt).not.toBeNull());

  // Commit the confirmation, then signal, 30 times at once: each straight to the workflow (the API's client
  // also sends one signal per event at a time, so a rush of 30 would reach it as fewer).
  const people = await Promise.all(Array.from({ length: 30 }, () => registration(t, event.id, 'REGISTERED', tag)));
  await Promise.all(
    people.map(async (person) => {
      await t.database.db.outboundEmail.create({
        data: {
          dedupeKey: `event.confirmation:${person.id}:1`,
          kind: 'EVENT_EMAIL',
          templateKey: 'event.confirmation',
          eventId: event.id,
          eventRegistrationId: person.id,
          accountId: person.accountId,
          why: { eventId: event.id, registrationId: person.id },
        },
      });
      await handle.signal(eventMailQueuedSignal);
    }),
  );

  const mails = await waitForMail((mail) => mail.subject === `You are registered: ${event.name}`, 30);
  expect(mails.map((mail) => mail.to[0]).sort()).toEqual(people.map((person) => person.email).sort());
  await eventually(async () => expect(await t.database.db.outboundEmail.count({ where: { eventId: event.id, sentAt: null } })).toBe(0));
  const history = (await handle.fetchHistory()).events ?? [];
  const signals = history.filter((entry) => entry.workflowExecutionSignaledEventAttributes?.signalName === 'eventMailQueued').length;
  const deliveries = history.filter((entry) => entry.activityTaskScheduledEventAttributes?.activityType?.name === 'deliverEventMail').length;
  expect(signals).toBe(30);
  expect(deliveries).toBeGreaterThan(0);
  expect(deliveries).toBeLessThan(signals);
  expect((await receivedMail()).filter((mail) => mail.subject === `You are registered: ${event.name}`)).toHaveLength(30);
  await recordHistory(handle, 'event', 'mail-signals-coalesced');
});

test('when an API process stopped before its mail signal left then the next start-up tells the workflow, and the e-mail goes', async () => {
  const tag = `resume${Date.now()}`;
  const event = await scheduledEvent(t, ownerId);
  const handle = await startWorkflow(t, event);
  await eventWhen(t, event.id, (row) => expect(row.registrationOpenedAt).not.toBeNull());
  // An event with e-mail waiting and no workflow (its run is gone): nothing to tell, and no failure.
  const orphan = await scheduledEvent(t, ownerId);
  const queueConfirmation = async (eventId: string) => {
    const person = await registration(t, eventId, 'REGISTERED', tag);
    await t.database.db.outboundEmail.create({
      data: { dedupeKey: `event.confirmation:${person.id}:1`, kind: 'EVENT_EMAIL', templateKey: 'event.confirmation', eventId, eventRegistrationId: person.id, accountId: person.accountId, why: { eventId, registrationId: person.id } },
    });
    return person;
  };
  // Committed, as a registration commits it, and never signalled: the process stopped there.
  const person = await queueConfirmation(event.id);
  await queueConfirmation(orphan.id);
  const signalsBefore = ((await handle.fetchHistory()).events ?? []).filter((entry) => entry.workflowExecutionSignaledEventAttributes?.signalName === 'eventMailQueued').length;
  expect(signalsBefore).toBe(0);

  const told = await resumeUnsentEventMail({ db: t.database.db, temporal: temporalOf(t) }, new Date(Date.now() + 1_000));
  expect(told).toBeGreaterThanOrEqual(1);
  const [mail] = await waitForMail((each) => each.to.includes(person.email) && each.subject === `You are registered: ${event.name}`);
  expect(mail).toBeDefined();
  await eventually(async () => expect(await t.database.db.outboundEmail.count({ where: { eventId: event.id, sentAt: null } })).toBe(0));
  // Queued after the start: a request of this process, which signals it itself.
  expect(await resumeUnsentEventMail({ db: t.database.db, temporal: temporalOf(t) }, new Date(0))).toBe(0);
});
