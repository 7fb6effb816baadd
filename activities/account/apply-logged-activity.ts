import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../../src/db/prisma';
import type { Prisma } from '../../src/generated/prisma/client';
import { evaluateRules } from '../../src/rules/evaluate';
import { loadBusinessCalendar, loadCurrentRules } from '../../src/rule-store/rule-store';
import { lockAccount } from './account-row';
import type { AccountEffects } from './account-effects';
import { writeDecision } from './write-decision';

// Outcomes that mean we reached the client: they move "last contacted".
const contactOutcomes = new Set(['CONTACT_MADE', 'INTERESTED', 'MEETING_HELD', 'CONTRACT_SIGNED', 'PAYMENT_CONFIRMED', 'REFUSED']);

/**
 * Applies a logged activity once: evaluates the current rules and writes their decision with
 * the activity, in one transaction. A retry answers the stored result.
 */
export async function applyLoggedActivity(db: Db, { accountId, activityId }: { accountId: string; activityId: string }): Promise<AccountEffects> {
  return db.$transaction(async (tx) => {
    const account = await lockAccount(tx, accountId);
    const activity = await tx.activity.findUnique({ where: { id: activityId } });
    if (!activity || activity.accountId !== accountId) throw ApplicationFailure.nonRetryable(`activity ${activityId} not found`, 'NOT_FOUND');
    // A retry answers the stored result; one stored before e-mails existed has no emailIds.
    if (activity.state === 'APPLIED') {
      const stored = activity.result as unknown as AccountEffects;
      return { ...stored, emailIds: stored.emailIds ?? [] };
    }

    const now = new Date();
    const [rules, calendar] = await Promise.all([loadCurrentRules(tx), loadBusinessCalendar(tx)]);
    const nextStep = activity.nextStep as { type: never; dueAt: string; title?: string } | null;
    const decision = evaluateRules(
      rules,
      {
        kind: 'activity_logged',
        activity: {
          id: activity.id,
          type: activity.type,
          outcome: activity.outcome,
          occurredAt: activity.occurredAt,
          ...(nextStep ? { nextStep: { ...nextStep, dueAt: new Date(nextStep.dueAt) } } : {}),
        },
      },
      { account, now, calendar },
    );
    const effects = await writeDecision(tx, account, decision, { activityId }, rules, now);
    await tx.activity.update({ where: { id: activityId }, data: { state: 'APPLIED', result: effects as unknown as Prisma.InputJsonValue } });
    if (contactOutcomes.has(activity.outcome)) await tx.account.update({ where: { id: accountId }, data: { lastContactedAt: activity.occurredAt } });
    return effects;
  });
}
