import type { Db } from '../../../src/db/prisma';

export const auth = (key: string) => ({ Authorization: `Bearer ${key}` });
export const paths = (body: { error: { details: { path: string }[] } }) => body.error.details.map((detail) => detail.path).sort();

type PlanStatus = 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'REJECTED' | 'EXPIRED';

/** A plan straight in the database (the plans API is someone else's): this year, by `authorId`. */
export async function seedPlan(db: Db, authorId: string, status: PlanStatus = 'APPROVED', name = `Plan ${Math.random().toString(36).slice(2, 8)}`) {
  const year = new Date().getUTCFullYear();
  const plan = await db.plan.create({
    data: { name, periodStart: new Date(Date.UTC(year, 0, 1)), periodEnd: new Date(Date.UTC(year, 11, 31)), authorId, approverIds: [], status },
    select: { id: true },
  });
  return plan.id;
}

/** `count` accounts named `<prefix> n`, with one contact each titled `title`; answers their ids in creation order. */
export async function seedAccounts(db: Db, prefix: string, count: number, options: { title?: string; segment?: string; archived?: boolean } = {}) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const account = await db.account.create({
      data: { name: `${prefix} ${i}`, segment: options.segment ?? null, archivedAt: options.archived ? new Date() : null },
      select: { id: true },
    });
    await db.contact.create({ data: { accountId: account.id, name: `Contact ${prefix} ${i}`, title: options.title ?? null } });
    ids.push(account.id);
  }
  return ids;
}
