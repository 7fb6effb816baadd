import type { Prisma } from '../../src/generated/prisma/client';
import type { PlannedEmail } from '../../src/rules/decision';
import type { DecisionCause } from './write-decision';

/**
 * Records the e-mails the rules planned, inside the decision's transaction, so an e-mail
 * exists exactly when its decision does. They are rendered and sent after the commit
 * (deliver-emails.ts); the unique key makes a retried decision plan each one once.
 */
export async function writePlannedEmails(tx: Prisma.TransactionClient, accountId: string, emails: PlannedEmail[], cause: DecisionCause): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, email] of emails.entries()) {
    const dedupeKey = `${cause.activityId ?? cause.timerId}:${email.why.ruleId}:${index}`;
    const row = await tx.outboundEmail.upsert({
      where: { dedupeKey },
      create: {
        dedupeKey,
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
