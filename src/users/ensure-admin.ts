import type { Db } from '../db/prisma';
import { apiKeyPrefix, generateApiKey, hashApiKey } from './api-keys';

const BOOTSTRAP_ADMIN_EMAIL = 'admin@localhost';

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
        (await tx.user.findFirst({ where: { role: 'admin' }, orderBy: { createdAt: 'asc' }, select: { id: true } })) ??
        (await tx.user.create({ data: { email: BOOTSTRAP_ADMIN_EMAIL, name: 'Administrator', role: 'admin' }, select: { id: true } }));
      await tx.apiKey.create({ data: { userId: admin.id, keyHash, prefix: apiKeyPrefix(configuredKey) } });
      return {};
    }
    if (await tx.user.findFirst({ where: { role: 'admin' }, select: { id: true } })) return {};
    const key = generateApiKey();
    await tx.user.create({
      data: { email: BOOTSTRAP_ADMIN_EMAIL, name: 'Administrator', role: 'admin', apiKeys: { create: { keyHash: hashApiKey(key), prefix: apiKeyPrefix(key) } } },
    });
    return { createdKey: key };
  });
}
