import type { Db } from '../db/prisma';
import { hashToken, randomToken } from '../sessions/session-token';
import type { TemporalDeps } from '../temporal/temporal-deps';
import { signInLinkWorkflow, signInLinkWorkflowId } from '../../workflows/sign-in-link.workflow';

// Links asked for one user within one link lifetime: past it, requests are answered the same and send nothing,
// so nobody can fill someone's inbox with sign-in links.
export const MAX_LINKS_PER_USER_AND_TTL = 5;

export type EmailLinkRequestOutcome = 'sent' | 'no-active-user' | 'too-many';

/**
 * For an active user, writes a one-time link (only its token's SHA-256) and its e-mail (the token kept
 * on the outbox row until it is sent) in one transaction, then starts the workflow that delivers it.
 * The route answers before it runs, the same for every outcome, so that the answer tells nobody who has an account.
 */
export async function requestEmailLink(
  { db, temporal }: { db: Db; temporal: TemporalDeps },
  { email, ipAddress, linkTtlMs }: { email: string; ipAddress?: string; linkTtlMs: number },
): Promise<EmailLinkRequestOutcome> {
  const user = await db.user.findUnique({ where: { email }, select: { id: true, deactivatedAt: true } });
  if (!user || user.deactivatedAt) return 'no-active-user';
  const token = randomToken();
  const written = await db.$transaction(async (tx) => {
    // One request of a user at a time, so that concurrent ones cannot all pass the cap.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sign-in-link:${user.id}`}))`;
    const now = Date.now();
    const recent = await tx.signInLink.count({ where: { userId: user.id, createdAt: { gt: new Date(now - linkTtlMs) } } });
    if (recent >= MAX_LINKS_PER_USER_AND_TTL) return undefined;
    const link = await tx.signInLink.create({
      data: { userId: user.id, tokenHash: hashToken(token), createdAt: new Date(now), expiresAt: new Date(now + linkTtlMs), requestedIp: ipAddress || null },
      select: { id: true },
    });
    const row = await tx.outboundEmail.create({
      data: { dedupeKey: `sign-in-link:${link.id}`, kind: 'SIGN_IN_LINK', signInLinkId: link.id, secret: token, why: { trigger: 'sign-in link requested' } },
      select: { id: true },
    });
    return { linkId: link.id, emailId: row.id };
  });
  if (!written) return 'too-many';
  const { linkId, emailId } = written;
  try {
    // After the commit: the workflow's delivery must find the row.
    await temporal.client.workflow.start(signInLinkWorkflow, { workflowId: signInLinkWorkflowId(linkId), taskQueue: temporal.taskQueue, args: [{ emailId }] });
  } catch (error) {
    // Nothing will send it: no unsendable link (nor its token) is left behind.
    // (Should the database fail too, the link simply expires unsent.)
    await db.$transaction([db.outboundEmail.deleteMany({ where: { id: emailId } }), db.signInLink.deleteMany({ where: { id: linkId } })]).catch(() => undefined);
    throw error;
  }
  return 'sent';
}
