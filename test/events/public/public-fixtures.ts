import { randomUUID } from 'node:crypto';
import type { Db } from '../../../src/db/prisma';
import type { Prisma } from '../../../src/generated/prisma/client';

/** A tag of its own per test, so that tests sharing the run's SMTP catcher never mix. */
export const uniqueTag = () => randomUUID().slice(0, 8);

const DAY = 86_400_000;

/**
 * An event straight in the database, as the planning API and the workflow would leave it: SCHEDULED,
 * registration opened, a week ahead, 14:00–17:30 in Berlin (winter: UTC+1), one sub-source NEWS.
 */
export async function seedEvent(db: Db, ownerId: string, data: Partial<Prisma.EventUncheckedCreateInput> = {}) {
  const startsAt = new Date(Math.ceil((Date.now() + 7 * DAY) / DAY) * DAY + 13 * 3_600_000);
  return db.event.create({
    data: {
      name: `Customer day ${uniqueTag()}`,
      kind: 'customer day',
      description: 'Talks & coffee',
      venue: 'Hall 3, Berlin',
      timeZone: 'Europe/Berlin',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3.5 * 3_600_000),
      capacity: 10,
      ownerId,
      status: 'SCHEDULED',
      registrationMode: 'OPEN',
      scheduledAt: new Date(),
      registrationOpenedAt: new Date(),
      sources: { create: [{ code: 'NEWS', name: 'Newsletter' }, { code: 'WEB', name: 'Web site' }] },
      ...data,
    },
  });
}

/** A contact of a new account, with an address of its own. */
export async function seedContact(db: Db, name = 'Ida Invitee') {
  const tag = uniqueTag();
  // A NEW account in the pool: its activities apply at once, without its workflow.
  const account = await db.account.create({ data: { name: `Invited ${tag}` }, select: { id: true } });
  const email = `invitee.${tag}@example.com`;
  return db.contact.create({ data: { accountId: account.id, name, email, emailNormalized: email }, select: { id: true, accountId: true, email: true } });
}

/** The link from a page's HTML (hrefs are escaped: &amp; back to &). */
export function linkIn(html: string, pattern: RegExp): string {
  const match = html.match(pattern);
  if (!match) throw new Error(`no link matching ${pattern} in the page`);
  return match[0].replace(/&amp;/g, '&');
}

export const cancelLinkPattern = /http:\/\/crm\.test\/event-registrations\/[A-Za-z0-9_-]{64}\/cancel/;
