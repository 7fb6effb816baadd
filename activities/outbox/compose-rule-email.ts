import type { DbClient } from '../../src/db/prisma';
import type { OutgoingMail } from '../../src/mail/mailer';
import { renderTemplate } from '../../src/templates/render-template';
import { loadRecipientContext } from '../../src/templates/template-variables';

export type Composed = { mail: OutgoingMail } | { skip: string };

/** Renders a rule's e-mail for its account now, or says why it cannot be sent at all. */
export async function composeRuleEmail(
  db: DbClient,
  email: { id: string; templateKey: string | null; accountId: string | null; recipientKind: string | null },
  mailDomain: string,
): Promise<Composed> {
  const template = email.templateKey ? await db.emailTemplate.findUnique({ where: { key: email.templateKey }, select: { subject: true, text: true, html: true } }) : null;
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
  return { mail: { to, ...renderTemplate(template, context.variables), messageId: `<email-${email.id}@${mailDomain}>` } };
}
