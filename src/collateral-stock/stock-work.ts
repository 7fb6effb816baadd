import type { DbClient } from '../db/prisma';
import { invalidField } from '../errors/app-error';

// The campaign or event a reservation is for.

export interface StockWork {
  campaignId: string | null;
  eventId: string | null;
  name: string;
  /** An event's venue: where its copies go unless a shipment says otherwise. */
  venue: string | null;
}

/** The campaign or event a request names; one that does not exist is a 400 at its field. */
export async function workOf(db: DbClient, body: { campaignId?: string; eventId?: string }): Promise<StockWork> {
  if (body.campaignId) {
    const campaign = await db.campaign.findUnique({ where: { id: body.campaignId }, select: { name: true } });
    if (!campaign) throw invalidField('body.campaignId', `no campaign ${body.campaignId}`);
    return { campaignId: body.campaignId, eventId: null, name: campaign.name, venue: null };
  }
  const event = await db.event.findUnique({ where: { id: body.eventId! }, select: { name: true, venue: true } });
  if (!event) throw invalidField('body.eventId', `no event ${body.eventId}`);
  return { campaignId: null, eventId: body.eventId!, name: event.name, venue: event.venue };
}
