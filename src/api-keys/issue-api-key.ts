import { recordAudit } from '../audit/record-audit';
import type { RequestContext } from '../auth/request-context';
import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { apiKeyPrefix, generateApiKey, hashApiKey } from '../users/api-keys';
import type { ApiKeyView, CreateApiKeyRequest } from './api-keys.schemas';
import { apiKeyViewSelect, toApiKeyView } from './api-key-view';

/** Keys a user may hold at once (neither revoked nor expired): several per integration, not an unbounded pile. */
export const MAX_LIVE_KEYS_PER_USER = 25;

export interface NewApiKey {
  userId: string;
  name: string;
  expiresAt?: Date | null;
  /** Who issues it: the user themselves, an admin, or null for the system (the bootstrap admin's key). */
  createdById: string | null;
}

/**
 * Writes a new key (only its hash) and its audit entry, in the caller's transaction; answers the key
 * itself, which exists nowhere else afterwards.
 */
export async function insertApiKey(tx: DbClient, key: NewApiKey): Promise<{ key: ApiKeyView; apiKey: string }> {
  const apiKey = generateApiKey();
  const row = await tx.apiKey.create({
    data: { userId: key.userId, name: key.name, keyHash: hashApiKey(apiKey), prefix: apiKeyPrefix(apiKey), expiresAt: key.expiresAt ?? null, createdById: key.createdById },
    select: apiKeyViewSelect,
  });
  await recordAudit(tx, {
    actorId: key.createdById,
    action: 'key.create',
    entityType: 'apiKey',
    entityId: row.id,
    after: { userId: key.userId, name: row.name, prefix: row.prefix, expiresAt: row.expiresAt?.toISOString() ?? null },
  });
  return { key: toApiKeyView(row), apiKey };
}

/**
 * Issues a key to `userId` (the caller's own, or any user's by an admin). A deactivated user gets none
 * (it would not work), and nobody holds more than MAX_LIVE_KEYS_PER_USER live keys.
 */
export async function issueApiKey({ db, caller }: RequestContext, userId: string, request: CreateApiKeyRequest) {
  return db.$transaction(async (tx) => {
    // The user's row lock: two requests at once cannot both pass the count below.
    const [user] = await tx.$queryRaw<{ deactivated: boolean }[]>`SELECT deactivated_at IS NOT NULL AS deactivated FROM users WHERE id = CAST(${userId} AS uuid) FOR UPDATE`;
    if (!user) throw new AppError('NOT_FOUND', `No user ${userId}`);
    if (user.deactivated) throw new AppError('CONFLICT', `User ${userId} is deactivated: reactivate them before issuing a key`);
    const live = await tx.apiKey.count({ where: { userId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] } });
    if (live >= MAX_LIVE_KEYS_PER_USER) {
      throw new AppError('CONFLICT', `User ${userId} already holds ${live} live API keys (at most ${MAX_LIVE_KEYS_PER_USER}): revoke one first`);
    }
    const { key, apiKey } = await insertApiKey(tx, { userId, name: request.name, expiresAt: request.expiresAt ? new Date(request.expiresAt) : null, createdById: caller.id });
    return { ...key, apiKey };
  });
}
