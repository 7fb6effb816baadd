import type { Db } from '../../src/db/prisma';
import { eventLocalTime } from '../../src/registrations/public-event-time';
import { cancellationUrl, signCancellationToken } from '../../src/registrations/registration-token';
import { unsubscribeSecret } from '../../src/unsubscribe/unsubscribe-token';
import type { Composed } from './compose-rule-email';

export const EVENT_EMAIL_TEMPLATES = ['event.confirmation', 'event.waiting', 'event.promoted', 'event.reminder', 'event.cancelled'] as const;
export type EventEmailTemplate = (typeof EVENT_EMAIL_TEMPLATES)[number];

interface RegistrationRow {
  status: string;
  contact_name: string | null;
  email: string | null;
  event_name: string;
  event_status: string;
  venue: string | null;
  online_url: string | null;
  time_zone: string;
  starts_at: Date | null;
  ends_at: Date | null;
  end_reason: string | null;
  waiting_position: number | null;
}

/** The registration, its contact's address and its event, with the waiting position, in one query. */
async function loadRegistration(db: Db, registrationId: string): Promise<RegistrationRow | undefined> {
  const rows = await db.$queryRaw<RegistrationRow[]>`
    SELECT r.status::text AS status, c.name AS contact_name, NULLIF(btrim(c.email), '') AS email,
           e.name AS event_name, e.status::text AS event_status, e.venue, e.online_url, e.time_zone, e.starts_at, e.ends_at, e.end_reason,
           CASE WHEN r.status = 'WAITING' THEN (
             SELECT count(*)::int + 1 FROM event_registrations w
             WHERE w.event_id = r.event_id AND w.status = 'WAITING' AND (w.registered_at, w.id) < (r.registered_at, r.id)
           ) END AS waiting_position
    FROM event_registrations r
    JOIN events e ON e.id = r.event_id
    LEFT JOIN contacts c ON c.id = r.contact_id
    WHERE r.id = ${registrationId}::uuid`;
  return rows[0];
}

/** Which registration state each message is about: one sent late (the person cancelled, was promoted meanwhile) is skipped. */
const neededStatus: Record<EventEmailTemplate, string | null> = {
  'event.confirmation': 'REGISTERED',
  'event.waiting': 'WAITING',
  'event.promoted': 'REGISTERED',
  'event.reminder': 'REGISTERED',
  'event.cancelled': null,
};

const isTemplate = (key: string | null): key is EventEmailTemplate => EVENT_EMAIL_TEMPLATES.includes(key as EventEmailTemplate);

/**
 * An event e-mail (outbox kind EVENT_EMAIL) to the registration's contact, composed at delivery from
 * what is true then: the event's name, local date and time, venue or online link, the waiting position,
 * and the cancellation link (all but event.cancelled). Or why it cannot or need not go any more.
 */
export async function composeEventEmail(
  db: Db,
  row: { id: string; templateKey: string | null; eventRegistrationId: string | null },
  publicUrl: string,
  mailDomain: string,
): Promise<Composed> {
  if (!isTemplate(row.templateKey)) return { skip: `no event e-mail ${row.templateKey}` };
  if (!row.eventRegistrationId) return { skip: 'the e-mail names no registration' };
  const registration = await loadRegistration(db, row.eventRegistrationId);
  if (!registration) return { skip: 'the registration no longer exists' };
  if (!registration.email) return { skip: 'the contact has no e-mail address' };
  const template = row.templateKey;
  const needed = neededStatus[template];
  if (needed && registration.status !== needed) return { skip: `the registration is ${registration.status} now, no longer ${needed}` };
  if (template !== 'event.cancelled' && registration.event_status === 'CANCELLED') return { skip: 'the event was cancelled' };

  const event = registration.event_name;
  const when = eventLocalTime({ startsAt: registration.starts_at, endsAt: registration.ends_at, timeZone: registration.time_zone });
  const seated = registration.status === 'REGISTERED';
  const facts = [
    when ? `When: ${when}` : '',
    registration.venue ? `Where: ${registration.venue}` : '',
    // The online link is the way in: only for people with a seat.
    registration.online_url ? (seated ? `Online: ${registration.online_url}` : 'Online: the link comes once you have a seat') : '',
  ].filter(Boolean);
  const cancelLink = template === 'event.cancelled' ? null : cancellationUrl(publicUrl, signCancellationToken(await unsubscribeSecret(db), row.eventRegistrationId));
  const { subject, lead } = wording(template, event, registration);
  return {
    mail: {
      to: registration.email,
      // One line: a line break in a header would start another header.
      subject: subject.replace(/[\r\n\u2028\u2029]+/g, ' '),
      messageId: `<event-email-${row.id}@${mailDomain}>`,
      headers: { 'Auto-Submitted': 'auto-generated' },
      text: [
        `Hello ${registration.contact_name ?? ''},`.replace(' ,', ','),
        '',
        lead,
        '',
        event,
        ...facts,
        ...(cancelLink ? ['', 'If you cannot come, please cancel here, so that someone else can have your seat:', cancelLink] : []),
      ].join('\n'),
    },
  };
}

/** Subject line and first paragraph of each message. */
function wording(template: EventEmailTemplate, event: string, registration: RegistrationRow): { subject: string; lead: string } {
  switch (template) {
    case 'event.confirmation':
      return { subject: `You are registered: ${event}`, lead: 'Thank you for registering. Your seat is confirmed.' };
    case 'event.waiting':
      return {
        subject: `Waiting list: ${event}`,
        lead: `The event is fully booked: you are on the waiting list, position ${registration.waiting_position ?? '?'}. We will e-mail you as soon as a seat is free for you.`,
      };
    case 'event.promoted':
      return { subject: `A seat is free for you: ${event}`, lead: 'Good news: a seat became free, and it is yours. Your registration is confirmed.' };
    case 'event.reminder':
      return { subject: `Reminder: ${event}`, lead: 'This is a reminder of the event you registered for.' };
    case 'event.cancelled':
      return {
        subject: `Cancelled: ${event}`,
        lead: `We are sorry: the event has been cancelled${registration.end_reason ? ` (${registration.end_reason})` : ''}. Your registration is void; you need do nothing.`,
      };
  }
}
