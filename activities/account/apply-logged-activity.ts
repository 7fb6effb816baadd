import type { Db } from '../../src/db/prisma';
import { AppError } from '../../src/errors/app-error';
import type { Prisma } from '../../src/generated/prisma/client';
import { evaluateRules } from '../../src/rules/evaluate';
import { loadRulesAndCalendar } from '../../src/rule-store/rule-store';
import { storedEffects, toStoredResult } from '../../src/lifecycle/activity-result';
import { unsentEmailsOf } from '../outbox/unsent-emails';
import { lockAccount } from './account-row';
import type { AccountEffects } from '../../workflows/account.messages';
import { writeDecision } from './write-decision';

// Outcomes that mean we reached the client: they move "last contacted".
const contactOutcomes = new Set(['CONTACT_MADE', 'INTERESTED', 'MEETING_HELD', 'CONTRACT_SIGNED', 'PAYMENT_CONFIRMED', 'REFUSED']);

/**
 * Applies a logged activity once: evaluates the current rules and writes their decision with
 * the activity, in one transaction, keeping on the activity the verdict of every rule whose trigger
 * matched (what it did, or the condition that failed). A retry answers the stored effects.
 */
export async function applyLoggedActivity(db: Db, { accountId, activityId }: { accountId: string; activityId: string }): Promise<AccountEffects> {
  return db.$transaction(async (tx) => {
    const account = await lockAccount(tx, accountId);
    const activity = await tx.activity.findUnique({ where: { id: activityId } });
    if (!activity || activity.accountId !== accountId) throw new AppError('NOT_FOUND', `activity ${activityId} not found`);
    // A retry answers the stored result, with what of its mail is still to send.
    if (activity.state === 'APPLIED') return withUnsentEmails(tx, storedEffects(activity.result));

    const now = new Date();
    const { rules, calendar } = await loadRulesAndCalendar(tx);
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
    // The verdicts go on the row only: the workflow's history keeps ids (see StoredActivityResult).
    await tx.activity.update({ where: { id: activityId }, data: { state: 'APPLIED', result: toStoredResult(effects, decision.verdicts) } });
    if (contactOutcomes.has(activity.outcome)) await tx.account.update({ where: { id: accountId }, data: { lastContactedAt: activity.occurredAt } });
    return effects;
  });
}

/** Effects stored before the mail outbox held notification e-mails name only the notifications: their e-mails are added. */
async function withUnsentEmails(tx: Prisma.TransactionClient, stored: AccountEffects): Promise<AccountEffects> {
  return { ...stored, emailIds: await unsentEmailsOf(tx, { emailIds: stored.emailIds ?? [], notificationIds: stored.notificationIds ?? [] }) };
}
