import type { Db } from '../db/prisma';
import { createSession, type NewSession } from '../sessions/create-session';
import type { SessionSettings } from '../sessions/session-settings';
import type { OidcIdentity } from './oidc-sign-in';
import { endReplacedSession, type SignInRequestMeta } from './sign-in-with-link';

export type OidcRefusal =
  /** No user is linked to this subject, and no active user has its verified e-mail. */
  | 'unknown'
  /** The provider gave no e-mail address it has verified, so nothing can be linked. */
  | 'unverified-email'
  /** The user with that e-mail is already linked to another subject of the provider. */
  | 'linked-elsewhere'
  | 'deactivated';

/**
 * Finds the user the provider's subject is linked to; on someone's first OIDC sign-in, links the
 * active user whose e-mail the provider has verified. Then starts their session.
 */
export async function signInWithOidc(
  db: Db,
  settings: SessionSettings,
  identity: OidcIdentity,
  meta: SignInRequestMeta,
): Promise<{ session: NewSession; linked: boolean } | { refused: OidcRefusal }> {
  return db.$transaction(async (tx) => {
    let user = await tx.user.findUnique({ where: { oidcSubject: identity.subject }, select: { id: true, deactivatedAt: true } });
    let linked = false;
    if (!user) {
      if (!identity.email || !identity.emailVerified) return { refused: 'unverified-email' };
      const byEmail = await tx.user.findUnique({ where: { email: identity.email }, select: { id: true, deactivatedAt: true, oidcSubject: true } });
      if (!byEmail) return { refused: 'unknown' };
      if (byEmail.deactivatedAt) return { refused: 'deactivated' };
      if (byEmail.oidcSubject) return { refused: 'linked-elsewhere' };
      // Conditional: of two first sign-ins racing, one links (and the other finds it linked to the same subject).
      const { count } = await tx.user.updateMany({ where: { id: byEmail.id, oidcSubject: null }, data: { oidcSubject: identity.subject } });
      const linkedNow = count ? identity.subject : (await tx.user.findUnique({ where: { id: byEmail.id }, select: { oidcSubject: true } }))?.oidcSubject;
      if (linkedNow !== identity.subject) return { refused: 'linked-elsewhere' };
      user = byEmail;
      linked = count > 0;
    }
    if (user.deactivatedAt) return { refused: 'deactivated' };
    await endReplacedSession(tx, meta.replacedSessionHash);
    return { session: await createSession(tx, settings, { userId: user.id, method: 'OIDC', userAgent: meta.userAgent, ipAddress: meta.ipAddress }), linked };
  });
}
