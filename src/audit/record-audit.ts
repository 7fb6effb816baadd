import type { Prisma } from '../generated/prisma/client';
import type { DbClient } from '../db/prisma';

/** An admin-level change, as the audit log keeps it. */
export interface AuditChange {
  /** Who made it; null for the system itself (a start-up, a seed). */
  actorId: string | null;
  /** What was done, `<entity>.<verb>`: user.update, key.revoke, rule.update, approval.on-behalf... */
  action: string;
  entityType: string;
  entityId?: string | null;
  /** The changed fields as they were and as they became; never a secret (key hashes, tokens). */
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
  reason?: string | null;
}

/** Writes one audit entry; pass the transaction of the change itself, so both commit or neither does. */
export async function recordAudit(db: DbClient, change: AuditChange): Promise<void> {
  await db.auditEntry.create({
    data: {
      actorId: change.actorId,
      action: change.action,
      entityType: change.entityType,
      entityId: change.entityId ?? null,
      before: change.before ?? undefined,
      after: change.after ?? undefined,
      reason: change.reason ?? null,
    },
  });
}
