import { recordAudit } from '../audit/record-audit';
import type { Db, DbClient } from '../db/prisma';
import { apiKeyPrefix, generateApiKey, hashApiKey } from './api-keys';

const BOOTSTRAP_ADMIN_EMAIL = 'admin@localhost';
/** The names the bootstrap keys carry in key lists. */
export const CONFIGURED_KEY_NAME = 'ADMIN_API_KEY';
export const FIRST_START_KEY_NAME = 'first start';

/**
 * Makes sure an admin can sign in. With ADMIN_API_KEY, that key works (added once, idempotent).
 * Without it, the first start creates an admin with a new key and answers it, to be printed once.
 */
export async function ensureAdmin(db: Db, configuredKey: string | undefined): Promise<{ createdKey?: string }> {
  return db.$transaction(async (tx) => {
    // Serializes concurrent start-ups (API replicas) so only one creates the admin.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(4242001)`;
    if (configuredKey) {
      const keyHash = hashApiKey(configuredKey);
      if (await tx.apiKey.findUnique({ where: { keyHash }, select: { id: true } })) return {};
      const admin =
        (await tx.user.findFirst({ where: { role: 'admin', deactivatedAt: null }, orderBy: { createdAt: 'asc' }, select: { id: true } })) ?? (await createBootstrapAdmin(tx));
      const key = await tx.apiKey.create({ data: { userId: admin.id, keyHash, prefix: apiKeyPrefix(configuredKey), name: CONFIGURED_KEY_NAME }, select: { id: true } });
      await recordAudit(tx, { actorId: null, action: 'key.create', entityType: 'apiKey', entityId: key.id, after: { userId: admin.id, name: CONFIGURED_KEY_NAME } });
      return {};
    }
    if (await tx.user.findFirst({ where: { role: 'admin' }, select: { id: true } })) return {};
    const admin = await createBootstrapAdmin(tx);
    const key = generateApiKey();
    const row = await tx.apiKey.create({ data: { userId: admin.id, keyHash: hashApiKey(key), prefix: apiKeyPrefix(key), name: FIRST_START_KEY_NAME }, select: { id: true } });
    await recordAudit(tx, { actorId: null, action: 'key.create', entityType: 'apiKey', entityId: row.id, after: { userId: admin.id, name: FIRST_START_KEY_NAME } });
    return { createdKey: key };
  });
}

async function createBootstrapAdmin(tx: DbClient): Promise<{ id: string }> {
  const admin = await tx.user.create({ data: { email: BOOTSTRAP_ADMIN_EMAIL, name: 'Administrator', role: 'admin' }, select: { id: true } });
  await recordAudit(tx, { actorId: null, action: 'user.create', entityType: 'user', entityId: admin.id, after: { email: BOOTSTRAP_ADMIN_EMAIL, name: 'Administrator', role: 'admin' } });
  return admin;
}
