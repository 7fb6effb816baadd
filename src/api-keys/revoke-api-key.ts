import { recordAudit } from '../audit/record-audit';
import type { RequestContext } from '../auth/request-context';
import { AppError } from '../errors/app-error';
import type { ApiKeyView } from './api-keys.schemas';
import { apiKeyViewSelect, toApiKeyView } from './api-key-view';

/**
 * Revokes one of `userId`'s keys: it stops working at its next request (authentication reads
 * revokedAt every time). A key of another user answers 404, as an unknown one does.
 */
export async function revokeApiKey({ db, caller }: RequestContext, userId: string, keyId: string): Promise<ApiKeyView> {
  return db.$transaction(async (tx) => {
    const key = await tx.apiKey.findFirst({ where: { id: keyId, userId }, select: { revokedAt: true } });
    if (!key) throw new AppError('NOT_FOUND', `No API key ${keyId} of user ${userId}`);
    const revokedAt = new Date();
    // Conditional, so of two revocations at once one answers 409.
    const { count } = await tx.apiKey.updateMany({ where: { id: keyId, revokedAt: null }, data: { revokedAt, revokedById: caller.id } });
    if (!count) throw new AppError('CONFLICT', `API key ${keyId} is already revoked`);
    await recordAudit(tx, { actorId: caller.id, action: 'key.revoke', entityType: 'apiKey', entityId: keyId, before: { revokedAt: null }, after: { userId, revokedAt: revokedAt.toISOString() } });
    return toApiKeyView(await tx.apiKey.findUniqueOrThrow({ where: { id: keyId }, select: apiKeyViewSelect }));
  });
}
