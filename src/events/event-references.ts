import type { DbClient } from '../db/prisma';
import { invalidField as invalid } from '../errors/app-error';

/** Each id must be an active user; a missing or deactivated one is a 400 naming its place in the body. */
export async function checkActiveUsers(db: DbClient, ids: readonly { id: string; path: string }[]): Promise<void> {
  if (ids.length === 0) return;
  const users = await db.user.findMany({ where: { id: { in: [...new Set(ids.map(({ id }) => id))] } }, select: { id: true, deactivatedAt: true } });
  const found = new Map(users.map((user) => [user.id, user]));
  for (const { id, path } of ids) {
    const user = found.get(id);
    if (!user) throw invalid(path, `no user ${id}`);
    if (user.deactivatedAt) throw invalid(path, `user ${id} is deactivated`);
  }
}

/** The parent campaign must exist; its name is what views show. */
export async function checkCampaign(db: DbClient, campaignId: string): Promise<{ id: string; name: string }> {
  const campaign = await db.campaign.findUnique({ where: { id: campaignId }, select: { id: true, name: true } });
  if (!campaign) throw invalid('body.campaignId', `no campaign ${campaignId}`);
  return campaign;
}

/** The users an event request names: owner, team and task assignees. */
export function namedUsers(request: { ownerId?: string; teamIds?: readonly string[]; tasks?: readonly { assigneeId?: string }[] }) {
  const ids: { id: string; path: string }[] = [];
  if (request.ownerId) ids.push({ id: request.ownerId, path: 'body.ownerId' });
  request.teamIds?.forEach((id, index) => ids.push({ id, path: `body.teamIds.${index}` }));
  request.tasks?.forEach((task, index) => task.assigneeId && ids.push({ id: task.assigneeId, path: `body.tasks.${index}.assigneeId` }));
  return ids;
}
