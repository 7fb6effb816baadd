import type { Db } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { recordAudit } from '../audit/record-audit';
import type { SessionResponse } from './sessions.schemas';
import type { SessionSettings } from './session-settings';
import { sessionViewSelect, toSessionView } from './session-view';

/**
 * Ends one of `userId`'s sessions at once: its next request is refused. 404 when the session is not
 * theirs, 409 when it was already revoked. An admin ending someone else's session is audited.
 */
export async function revokeSession(
  db: Db,
  settings: SessionSettings,
  { userId, sessionId, actorId, currentHash }: { userId: string; sessionId: string; actorId: string; currentHash: string | undefined },
): Promise<SessionResponse> {
  return db.$transaction(async (tx) => {
    const found = await tx.session.findFirst({ where: { id: sessionId, userId }, select: { id: true } });
    if (!found) throw new AppError('NOT_FOUND', `No session ${sessionId} of this user`);
    const updated = await tx.session.updateManyAndReturn({
      where: { id: sessionId, revokedAt: null },
      data: { revokedAt: new Date(), revokedById: actorId },
      select: sessionViewSelect,
    });
    if (!updated.length) throw new AppError('CONFLICT', `The session ${sessionId} is already revoked`);
    const session = updated[0];
    if (actorId !== userId) {
      await recordAudit(tx, {
        actorId,
        action: 'session.revoke',
        entityType: 'session',
        entityId: sessionId,
        before: { userId, revokedAt: null },
        after: { userId, revokedAt: session.revokedAt!.toISOString(), method: session.method },
      });
    }
    return toSessionView(session, settings, currentHash);
  });
}
