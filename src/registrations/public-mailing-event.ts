import type { DbClient } from '../db/prisma';
import { eventLocalTime } from './public-event-time';
import { registrationPageUrl, signInvitationToken } from './registration-token';

/** What a MAILING stage with an `eventId` puts into its messages: read once per batch, never per message. */
export interface MailingEvent {
  id: string;
  name: string;
  /** The start (and end) in the event's own time zone, as people read it. */
  startsAt: string;
  venue: string;
  invitationOnly: boolean;
  /** The event's first sub-source code: the open registration link's ?source=. */
  sourceCode: string | null;
}

export async function loadMailingEvent(db: DbClient, eventId: string): Promise<MailingEvent | null> {
  const event = await db.event.findUnique({
    where: { id: eventId },
    select: { id: true, name: true, venue: true, onlineUrl: true, timeZone: true, startsAt: true, endsAt: true, registrationMode: true, sources: { select: { code: true }, orderBy: [{ createdAt: 'asc' }, { code: 'asc' }], take: 1 } },
  });
  if (!event) return null;
  return {
    id: event.id,
    name: event.name,
    startsAt: eventLocalTime(event) ?? '',
    // An online event's way in goes to registered people only, never into an invitation.
    venue: event.venue ?? (event.onlineUrl ? 'Online' : ''),
    invitationOnly: event.registrationMode === 'INVITATION',
    sourceCode: event.sources[0]?.code ?? null,
  };
}

/**
 * The template's `event.*` variables for one recipient: the registration link is the contact's personal
 * invitation link (signed: it names the event and the contact) for an invitation-only event, and the
 * public page with the event's first sub-source code otherwise.
 */
export function mailingEventVariables(event: MailingEvent, contactId: string, links: { publicUrl: string; secret: Buffer }): Record<string, string> {
  const registrationUrl = event.invitationOnly
    ? registrationPageUrl(links.publicUrl, event.id, { invite: signInvitationToken(links.secret, { eventId: event.id, contactId }) })
    : registrationPageUrl(links.publicUrl, event.id, { source: event.sourceCode });
  return { name: event.name, startsAt: event.startsAt, venue: event.venue, registrationUrl };
}
