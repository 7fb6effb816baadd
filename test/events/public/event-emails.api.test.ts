import { deliverOutbox } from '../../../activities/outbox/deliver-outbox';
import { waitForMail } from '../../support/mailbox';
import { startTestApp, TEST_PUBLIC_URL, type TestApp } from '../../support/test-app';
import { cancelLinkPattern, linkIn, seedContact, seedEvent, uniqueTag } from './public-fixtures';

// The event's workflow is not started here: the test delivers the event's outbox rows itself, as its
// deliverEventMail activity does, to see each message's wording and skip reasons in isolation.

let t: TestApp;
let owner: { id: string };

beforeAll(async () => {
  t = await startTestApp();
  owner = await t.userWithKey('marketer');
});
afterAll(() => t.close());

const db = () => t.database.db;
const register = (eventId: string, fields: Record<string, string>) => t.request.post(`/events/${eventId}/register`).type('form').send(fields);

/** Sends every unsent EVENT_EMAIL row of the event, as the event workflow's deliverEventMail does. */
async function deliverEventRows(eventId: string) {
  const rows = await db().outboundEmail.findMany({ where: { eventId, kind: 'EVENT_EMAIL', sentAt: null, skippedReason: null }, select: { id: true } });
  return deliverOutbox({ db: db(), mailer: t.mailer, publicUrl: TEST_PUBLIC_URL }, rows.map((row) => row.id));
}

async function queue(eventId: string, registrationId: string, accountId: string, templateKey: string) {
  return db().outboundEmail.create({
    data: { kind: 'EVENT_EMAIL', templateKey, eventId, eventRegistrationId: registrationId, accountId, dedupeKey: `${templateKey}:${registrationId}:test`, why: { eventId, registrationId } },
    select: { id: true },
  });
}

test('waiting, promoted, reminder and cancelled e-mails say what happened, carry the cancellation link (not the cancelled one), and the online link only to people with a seat', async () => {
  const event = await seedEvent(db(), owner.id, { capacity: 1, venue: null, onlineUrl: 'https://meet.example.com/webinar' });
  const tag = uniqueTag();
  const [fay, sam] = [`fay.${tag}@example.com`, `sam.${tag}@example.com`];
  const seated = await register(event.id, { name: 'Fay', email: fay });
  expect((await register(event.id, { name: 'Sam', email: sam })).text).toContain('position 1');
  expect(await deliverEventRows(event.id)).toEqual({ sent: 2, skipped: 0 });

  const [waiting] = await waitForMail((mail) => mail.to.includes(sam));
  expect(waiting.subject).toBe(`Waiting list: ${event.name}`);
  expect(waiting.text).toContain('position 1');
  expect(waiting.text).toContain('Online: the link comes once you have a seat');
  expect(waiting.text).not.toContain('meet.example.com');
  const samCancel = linkIn(waiting.text ?? '', cancelLinkPattern);

  // Fay cancels with her link: Sam gets the seat, and an e-mail saying so with the way in.
  await t.request.post(new URL(linkIn(seated.text, cancelLinkPattern)).pathname).type('form').send('').expect(200);
  expect(await deliverEventRows(event.id)).toEqual({ sent: 1, skipped: 0 });
  const [promoted] = await waitForMail((mail) => mail.to.includes(sam) && (mail.subject ?? '').startsWith('A seat is free'));
  expect(promoted.text).toContain('Online: https://meet.example.com/webinar');
  expect(linkIn(promoted.text ?? '', cancelLinkPattern)).toBe(samCancel);

  const samRegistration = await db().eventRegistration.findFirstOrThrow({ where: { eventId: event.id, status: 'REGISTERED' } });
  await queue(event.id, samRegistration.id, samRegistration.accountId, 'event.reminder');
  await queue(event.id, samRegistration.id, samRegistration.accountId, 'event.cancelled');
  await db().event.update({ where: { id: event.id }, data: { endReason: 'the speaker is ill' } });
  expect(await deliverEventRows(event.id)).toEqual({ sent: 2, skipped: 0 });
  const [reminder] = await waitForMail((mail) => mail.to.includes(sam) && mail.subject === `Reminder: ${event.name}`);
  expect(reminder.text).toMatch(/When: \w+day, .*14:00–17:30 \(Europe\/Berlin\)/);
  expect(linkIn(reminder.text ?? '', cancelLinkPattern)).toBe(samCancel);
  const [cancelled] = await waitForMail((mail) => mail.to.includes(sam) && mail.subject === `Cancelled: ${event.name}`);
  expect(cancelled.text).toContain('the event has been cancelled (the speaker is ill)');
  expect(cancelled.text).not.toMatch(cancelLinkPattern);
});

test('an e-mail that cannot or need no longer go is skipped with the reason: no address, a cancelled registration, the event cancelled', async () => {
  const event = await seedEvent(db(), owner.id);
  const withoutAddress = await seedContact(db(), 'Nora No-Address');
  await db().contact.update({ where: { id: withoutAddress.id }, data: { email: null, emailNormalized: null } });
  const quiet = await db().eventRegistration.create({ data: { eventId: event.id, contactId: withoutAddress.id, accountId: withoutAddress.accountId, status: 'REGISTERED', channel: 'API', confirmedAt: new Date() } });
  const gone = await seedContact(db(), 'Carl Cancelled');
  const cancelled = await db().eventRegistration.create({ data: { eventId: event.id, contactId: gone.id, accountId: gone.accountId, status: 'CANCELLED', channel: 'API', cancelledAt: new Date() } });
  const rows = [
    await queue(event.id, quiet.id, quiet.accountId, 'event.confirmation'),
    await queue(event.id, cancelled.id, cancelled.accountId, 'event.reminder'),
    await queue(event.id, cancelled.id, cancelled.accountId, 'event.unknown'),
  ];
  expect(await deliverEventRows(event.id)).toEqual({ sent: 0, skipped: 3 });
  const reasons = await db().outboundEmail.findMany({ where: { id: { in: rows.map((row) => row.id) } }, select: { templateKey: true, skippedReason: true } });
  expect(Object.fromEntries(reasons.map((row) => [row.templateKey, row.skippedReason]))).toEqual({
    'event.confirmation': 'the contact has no e-mail address',
    'event.reminder': 'the registration is CANCELLED now, no longer REGISTERED',
    'event.unknown': 'no event e-mail event.unknown',
  });

  const seated = await seedContact(db(), 'Sid Seated');
  const registration = await db().eventRegistration.create({ data: { eventId: event.id, contactId: seated.id, accountId: seated.accountId, status: 'REGISTERED', channel: 'API', confirmedAt: new Date() } });
  await db().event.update({ where: { id: event.id }, data: { status: 'CANCELLED', endedAt: new Date() } });
  const late = await queue(event.id, registration.id, registration.accountId, 'event.reminder');
  expect(await deliverEventRows(event.id)).toEqual({ sent: 0, skipped: 1 });
  expect((await db().outboundEmail.findUniqueOrThrow({ where: { id: late.id } })).skippedReason).toBe('the event was cancelled');
});
