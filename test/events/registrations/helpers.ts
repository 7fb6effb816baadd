import { Prisma } from '../../../src/generated/prisma/client';
import { startTestApp, type TestApp } from '../../support/test-app';

export const as = (user: { key: string }) => ({ Authorization: `Bearer ${user.key}` });

export interface Staff {
  id: string;
  key: string;
}

/** What the registration suites start from: the test app, with a manager and a marketer who have API keys. */
export async function startAppWithStaff(): Promise<{ t: TestApp; manager: Staff; marketer: Staff }> {
  const t = await startTestApp();
  const [manager, marketer] = await Promise.all([t.userWithKey('manager'), t.userWithKey('marketer')]);
  return { t, manager, marketer };
}

/** POST /events/:id/registrations as `user`. */
export const registerAs = (t: TestApp, user: Staff, eventId: string, body: object) => t.request.post(`/api/v1/events/${eventId}/registrations`).set(as(user)).send(body);

let events = 0;

/**
 * A scheduled event with registration open, straight in the database (these tests do not depend on
 * planning), optionally in a campaign whose sub-sources mirror the event's.
 */
export async function openEvent(
  t: TestApp,
  ownerId: string,
  options: {
    capacity?: number | null;
    price?: number;
    /** A new campaign by name, or one that exists (its sub-sources of the same codes are the mirrored ones). */
    campaign?: { name: string } | { id: string };
    sources?: string[];
    endsAt?: Date;
    mode?: 'OPEN' | 'INVITATION' | 'CLOSED';
    opened?: boolean;
  } = {},
) {
  const { db } = t.database;
  events++;
  const given = options.campaign;
  const campaign = !given ? null : 'id' in given ? await db.campaign.findUniqueOrThrow({ where: { id: given.id } }) : await db.campaign.create({ data: { name: given.name, currency: 'EUR' } });
  const codes = options.sources ?? [];
  const event = await db.event.create({
    data: {
      name: `Event ${events} ${Date.now()}`,
      kind: 'seminar',
      startsAt: new Date(Date.now() + 7 * 86_400_000),
      endsAt: options.endsAt ?? new Date(Date.now() + 7 * 86_400_000 + 3_600_000),
      capacity: options.capacity === undefined ? null : options.capacity,
      ownerId,
      campaignId: campaign?.id ?? null,
      currency: options.price === undefined ? null : 'EUR',
      price: options.price === undefined ? null : new Prisma.Decimal(options.price),
      status: 'SCHEDULED',
      scheduledAt: new Date(),
      registrationMode: options.mode ?? 'OPEN',
      registrationOpenedAt: options.opened === false ? null : new Date(),
    },
  });
  for (const [index, code] of codes.entries()) {
    const existing = campaign ? await db.campaignSource.findFirst({ where: { campaignId: campaign.id, code } }) : null;
    const mirrored = existing ?? (campaign ? await db.campaignSource.create({ data: { campaignId: campaign.id, code, name: `${code} source` } }) : null);
    // Created one after the other, so "the first source" is the first code given.
    await db.eventSource.create({ data: { eventId: event.id, code, name: `${code} source`, campaignSourceId: mirrored?.id ?? null, createdAt: new Date(Date.now() + index) } });
  }
  return { event, campaign };
}
