import type { DbClient } from '../../src/db/prisma';
import type { Composed } from './compose-rule-email';

/**
 * A sign-in link's e-mail, with the token the outbox row keeps until it is sent; or why it can no
 * longer go: a link that has expired, was used, or whose user was deactivated is not worth sending.
 */
export async function composeSignInLinkEmail(
  db: DbClient,
  row: { id: string; signInLinkId: string | null; secret: string | null },
  publicUrl: string,
  mailDomain: string,
): Promise<Composed> {
  if (!row.signInLinkId || !row.secret) return { skip: 'the link has no token any more' };
  const link = await db.signInLink.findUnique({
    where: { id: row.signInLinkId },
    select: { expiresAt: true, usedAt: true, user: { select: { email: true, name: true, deactivatedAt: true } } },
  });
  if (!link) return { skip: 'the link no longer exists' };
  if (link.usedAt) return { skip: 'the link was already used' };
  const msLeft = link.expiresAt.getTime() - Date.now();
  if (msLeft <= 0) return { skip: 'the link expired before it could be sent' };
  if (link.user.deactivatedAt) return { skip: 'the user is deactivated' };
  return {
    mail: {
      to: link.user.email,
      subject: 'Your CRM sign-in link',
      messageId: `<sign-in-link-${row.id}@${mailDomain}>`,
      headers: { 'Auto-Submitted': 'auto-generated' },
      text: [
        `Hello ${link.user.name},`,
        '',
        'Open this link to sign in to the CRM console. It works once, and expires',
        `at ${link.expiresAt.toISOString().slice(11, 16)} UTC (in ${Math.ceil(msLeft / 60_000)} min):`,
        '',
        `${publicUrl}/auth/email-link/${row.secret}`,
        '',
        'If you did not ask for it, ignore this e-mail: nobody can sign in without the link.',
      ].join('\n'),
    },
  };
}
