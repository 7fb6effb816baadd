import type { Prisma } from '../../src/generated/prisma/client';
import type { PlannedEmail } from '../../src/rules/decision';

/** What caused a decision; its id keys every row the decision writes, so a retry writes each once. */
export interface DecisionCause {
  activityId?: string;
  timerId?: string;
}

/**
 * Puts the e-mails the rules planned in the outbox, inside the decision's transaction, so an
 * e-mail exists exactly when its decision does. They are rendered and sent after the commit
 * (deliver-outbox.ts); the unique key makes a retried decision plan each one once.
 */
export async function recordRuleEmails(tx: Prisma.TransactionClient, accountId: string, emails: PlannedEmail[], cause: DecisionCause): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, email] of emails.entries()) {
    const dedupeKey = `${cause.activityId ?? cause.timerId}:${email.why.ruleId}:${index}`;
    const row = await tx.outboundEmail.upsert({
      where: { dedupeKey },
      create: {
        dedupeKey,
        kind: 'RULE_EMAIL',
        templateKey: email.templateKey,
        accountId,
        recipientKind: email.to,
        ruleId: email.why.ruleId,
        ruleKey: email.why.ruleKey,
        ruleVersion: email.why.ruleVersion,
        why: email.why as unknown as Prisma.InputJsonValue,
      },
      update: {},
      select: { id: true },
    });
    ids.push(row.id);
  }
  return ids;
}
