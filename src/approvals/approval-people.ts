import type { DbClient } from '../db/prisma';

/** The ids among `ids` of users who exist and are not deactivated, in the order given, once each. */
export async function activeAmong(db: DbClient, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const active = new Set((await db.user.findMany({ where: { id: { in: unique }, deactivatedAt: null }, select: { id: true } })).map((user) => user.id));
  return unique.filter((id) => active.has(id));
}

/** The active admins, oldest account first: the last fallback of approval routing. */
export async function activeAdminIds(db: DbClient): Promise<string[]> {
  const admins = await db.user.findMany({ where: { role: 'admin', deactivatedAt: null }, select: { id: true }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return admins.map((admin) => admin.id);
}

/** The user's name, for history lines; the id when the user is unknown. */
export async function nameOf(db: DbClient, userId: string): Promise<string> {
  return (await db.user.findUnique({ where: { id: userId }, select: { name: true } }))?.name ?? userId;
}
