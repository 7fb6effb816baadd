import type { Db } from '../../src/db/prisma';
import type { Mailer } from '../../src/mail/mailer';
import { renderTemplate } from '../../src/templates/render-template';
import { loadRecipientContext } from '../../src/templates/template-variables';

type Outcome = { send: { to: string; subject: string; text: string; html?: string } } | { skip: string };

/** Renders a rule's e-mail for its account now, or says why it cannot be sent at all. */
async function prepare(db: Db, email: { templateKey: string; accountId: string | null; recipientKind: string }): Promise<Outcome> {
  const template = await db.emailTemplate.findUnique({ where: { key: email.templateKey }, select: { subject: true, text: true, html: true } });
  if (!template) return { skip: `no template ${email.templateKey}` };
  const context = email.accountId ? await loadRecipientContext(db, email.accountId) : undefined;
  if (!context) return { skip: 'the account no longer exists' };
  let to: string | null | undefined;
  if (email.recipientKind === 'owner') {
    if (!context.owner) return { skip: 'the account has no owner' };
    to = context.owner.email;
  } else {
    if (!context.contact) return { skip: 'the account has no contact' };
    to = context.contact.email;
    if (!to) return { skip: `the primary contact ${context.contact.id} has no e-mail address` };
  }
  // Rule e-mails belong to no campaign and carry no unsubscribe link: those render empty.
  return { send: { to, ...renderTemplate(template, context.variables) } };
}

// A 5xx reply is final (a bad address): retrying would fail the same way, forever.
const isPermanentSmtpFailure = (error: unknown) => {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
};

/**
 * Sends rule e-mails after their transaction committed, each marked once sent (or skipped).
 * A crash between the send and the mark resends it with the same Message-ID, which receivers
 * drop. What can never be sent (no template, no address) is marked skipped with the reason
 * instead of failing, so the activity does not retry it forever.
 */
export async function deliverEmails(db: Db, mailer: Mailer, publicUrl: string, emailIds: readonly string[]): Promise<void> {
  if (!emailIds.length) return;
  const pending = await db.outboundEmail.findMany({
    where: { id: { in: [...emailIds] }, sentAt: null, skippedReason: null },
    select: { id: true, templateKey: true, accountId: true, recipientKind: true },
    orderBy: { dedupeKey: 'asc' },
  });
  const domain = new URL(publicUrl).hostname;
  for (const email of pending) {
    const outcome = await prepare(db, email);
    if ('skip' in outcome) {
      await db.outboundEmail.update({ where: { id: email.id }, data: { skippedReason: outcome.skip } });
      continue;
    }
    try {
      await mailer.send({ ...outcome.send, messageId: `<email-${email.id}@${domain}>` });
    } catch (error) {
      if (!isPermanentSmtpFailure(error)) throw error;
      const reason = `the SMTP server refused it: ${(error as Error).message}`.slice(0, 1000);
      await db.outboundEmail.update({ where: { id: email.id }, data: { recipientEmail: outcome.send.to, skippedReason: reason } });
      continue;
    }
    await db.outboundEmail.update({ where: { id: email.id }, data: { recipientEmail: outcome.send.to, sentAt: new Date() } });
  }
}
