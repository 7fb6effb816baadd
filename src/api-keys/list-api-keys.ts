import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import type { ApiKeyView } from './api-keys.schemas';
import { apiKeyViewSelect, toApiKeyView } from './api-key-view';

/** A user's keys, newest first, revoked and expired ones included (a user holds a few dozen at most). */
export async function listApiKeys(db: DbClient, userId: string): Promise<{ items: ApiKeyView[] }> {
  const [user, keys] = await Promise.all([
    db.user.findUnique({ where: { id: userId }, select: { id: true } }),
    db.apiKey.findMany({ where: { userId }, select: apiKeyViewSelect, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
  ]);
  if (!user) throw new AppError('NOT_FOUND', `No user ${userId}`);
  return { items: keys.map(toApiKeyView) };
}
