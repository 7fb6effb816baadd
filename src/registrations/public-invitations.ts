import { z } from 'zod';
import type { Db } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { unsubscribeSecret } from '../unsubscribe/unsubscribe-token';
import { registrationPageUrl, signInvitationToken } from './registration-token';

export const MAX_INVITATIONS_PER_REQUEST = 1_000;

export const InvitationsParams = z.strictObject({ id: z.uuid() });

export const InvitationsRequest = z
  .strictObject({
    contactIds: z
      .array(z.uuid())
      .min(1)
      .max(MAX_INVITATIONS_PER_REQUEST)
      .meta({ description: 'The contacts to invite (1 to 1,000); each gets a personal registration link' }),
  })
  .meta({ id: 'EventInvitationsRequest' });
export type InvitationsRequest = z.output<typeof InvitationsRequest>;

export const InvitationLink = z
  .strictObject({
    contactId: z.uuid(),
    url: z.string().meta({ description: "The contact's personal link to the event's public registration page (?invite=<signed token>)" }),
  })
  .meta({ id: 'EventInvitationLink' });

export const InvitationsView = z
  .strictObject({
    invited: z.number().int().meta({ description: 'Invitations recorded by this request (contacts invited before are not counted again)' }),
    links: z.array(InvitationLink).meta({ description: 'One personal link per contact of the request, in its order' }),
  })
  .meta({ id: 'EventInvitations' });
export type InvitationsView = z.output<typeof InvitationsView>;

/**
 * Invites contacts to an event: one EventInvitation row each (inviting again changes nothing), and a
 * personal link that lets that contact register even when the event is invitation-only. Unknown
 * contacts are a 400 naming each; an event that has ended or was cancelled takes no invitations (409).
 */
export async function inviteContacts(deps: { db: Db; publicUrl: string }, eventId: string, request: InvitationsRequest, invitedById: string): Promise<InvitationsView> {
  const { db } = deps;
  const contactIds = [...new Set(request.contactIds.map((id) => id.toLowerCase()))];
  const event = await db.event.findUnique({ where: { id: eventId }, select: { status: true } });
  if (!event) throw new AppError('NOT_FOUND', `No event ${eventId}`, [{ path: 'path.id', message: 'no such event' }]);
  if (event.status === 'CANCELLED' || event.status === 'COMPLETED') throw new AppError('CONFLICT', `Event ${eventId} is ${event.status}: it takes no invitations`);
  const found = new Set((await db.contact.findMany({ where: { id: { in: contactIds } }, select: { id: true } })).map((contact) => contact.id));
  const problems = request.contactIds.flatMap((id, index) => (found.has(id.toLowerCase()) ? [] : [{ path: `body.contactIds.${index}`, message: `no contact ${id}` }]));
  if (problems.length) throw new AppError('VALIDATION_FAILED', `${problems.length} of the contacts do not exist`, problems);
  const invited = await db.$executeRaw`
    INSERT INTO event_invitations (event_id, contact_id, account_id, invited_by_id)
    SELECT ${eventId}::uuid, c.id, c.account_id, ${invitedById}::uuid FROM contacts c WHERE c.id = ANY(${contactIds}::uuid[])
    ON CONFLICT (event_id, contact_id) DO NOTHING`;
  const secret = await unsubscribeSecret(db);
  return {
    invited,
    links: contactIds.map((contactId) => ({ contactId, url: registrationPageUrl(deps.publicUrl, eventId, { invite: signInvitationToken(secret, { eventId, contactId }) }) })),
  };
}
