import { randomBytes, createHash } from 'node:crypto';
import type { TestApp } from '../support/test-app';

export type Person = { id: string; key: string };

export const as = (user: { key: string }) => ({ Authorization: `Bearer ${user.key}` });

/** The audit entries of one entity, oldest first. */
export const auditOf = (t: TestApp, entityId: string) => t.database.db.auditEntry.findMany({ where: { entityId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });

/** A live console session of `userId`, written as the sign-in would (only its hash is stored). */
export async function openSession(t: TestApp, userId: string) {
  return t.database.db.session.create({
    data: {
      userId,
      tokenHash: createHash('sha256').update(randomBytes(32)).digest('hex'),
      csrfToken: randomBytes(16).toString('hex'),
      method: 'EMAIL_LINK',
      expiresAt: new Date(Date.now() + 3_600_000),
    },
  });
}

/** The path of each detail of a 400, sorted. */
export const detailPaths = (body: { error: { details: { path: string }[] } }) => body.error.details.map((detail) => detail.path).sort();
