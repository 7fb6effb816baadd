import type { Db, DbClient } from '../db/prisma';
import { createSession, type NewSession } from '../sessions/create-session';
import type { SessionSettings } from '../sessions/session-settings';
import { hashToken, TOKEN_PATTERN } from '../sessions/session-token';

export type LinkRefusal = 'unknown' | 'expired' | 'used' | 'deactivated';

export interface SignInRequestMeta {
  userAgent?: string;
  ipAddress?: string;
  /** The SHA-256 of a session cookie the browser already holds: that session ends when the new one starts. */
  replacedSessionHash?: string;
}

/** Whether a link's token can still sign in, without using it (the GET of the link: mail scanners follow links). */
export async function checkEmailLink(db: Db, token: string): Promise<LinkRefusal | 'valid'> {
  if (!TOKEN_PATTERN.test(token)) return 'unknown';
  const link = await db.signInLink.findUnique({ where: { tokenHash: hashToken(token) }, select: { usedAt: true, expiresAt: true, user: { select: { deactivatedAt: true } } } });
  if (!link) return 'unknown';
  if (link.usedAt) return 'used';
  if (link.expiresAt.getTime() <= Date.now()) return 'expired';
  return link.user.deactivatedAt ? 'deactivated' : 'valid';
}

/**
 * Uses the link's token once and starts a session for its user. The UPDATE is the claim: of two
 * concurrent uses, exactly one finds `used_at` still empty; a refused one changes nothing.
 */
export async function signInWithEmailLink(
  db: Db,
  settings: SessionSettings,
  token: string,
  meta: SignInRequestMeta,
): Promise<{ session: NewSession } | { refused: LinkRefusal }> {
  if (!TOKEN_PATTERN.test(token)) return { refused: 'unknown' };
  const tokenHash = hashToken(token);
  return db.$transaction(async (tx) => {
    const [claimed] = await tx.$queryRaw<{ user_id: string }[]>`
      UPDATE sign_in_links SET used_at = now()
      WHERE token_hash = ${tokenHash} AND used_at IS NULL AND expires_at > now()
      RETURNING user_id::text`;
    if (!claimed) {
      const link = await tx.signInLink.findUnique({ where: { tokenHash }, select: { usedAt: true } });
      return { refused: !link ? 'unknown' : link.usedAt ? 'used' : 'expired' };
    }
    const user = await tx.user.findUnique({ where: { id: claimed.user_id }, select: { deactivatedAt: true } });
    // The link is spent all the same: a deactivated user's link must not work after a reactivation.
    if (!user || user.deactivatedAt) return { refused: 'deactivated' };
    await endReplacedSession(tx, meta.replacedSessionHash);
    return { session: await createSession(tx, settings, { userId: claimed.user_id, method: 'EMAIL_LINK', userAgent: meta.userAgent, ipAddress: meta.ipAddress }) };
  });
}

/** A browser that signs in again leaves no live session behind it. */
export async function endReplacedSession(db: DbClient, tokenHash: string | undefined): Promise<void> {
  if (tokenHash) await db.session.updateMany({ where: { tokenHash, revokedAt: null }, data: { revokedAt: new Date() } });
}
