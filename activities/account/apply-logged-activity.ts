import type { Db } from '../../src/db/prisma';
import { AppError } from '../../src/errors/app-error';
import type { Activity, Prisma } from '../../src/generated/prisma/client';
import { evaluateRules } from '../../src/rules/evaluate';
import { rulesAndCalendarColumns, rulesAndCalendarOf, type RulesAndCalendar, type RulesAndCalendarRow } from '../../src/rule-store/rule-store';
import { storedEffects, toStoredResult } from '../../src/lifecycle/activity-result';
import { unsentEmailsOf } from '../outbox/unsent-emails';
import { lockAccount } from './account-row';
import type { AccountEffects } from '../../workflows/account.messages';
import { writeDecision } from './write-decision';
import { contactOutcomes } from '../../src/lifecycle/contact-outcomes';

/**
 * Applies a logged activity once: evaluates the current rules and writes their decision with
 * the activity, in one transaction, keeping on the activity the verdict of every rule whose trigger
 * matched (what it did, or the condition that failed). A retry answers the stored effects.
 */
export async function applyLoggedActivity(db: Db, { accountId, activityId }: { accountId: string; activityId: string }): Promise<AccountEffects> {
  return db.$transaction(async (tx) => {
    const account = await lockAccount(tx, accountId);
    // Read once the account is locked, so that a retry still running (its result not yet written) is seen.
    const { activity, rules, calendar } = await loadActivityAndRules(tx, activityId);
    if (!activity || activity.accountId !== accountId) throw new AppError('NOT_FOUND', `activity ${activityId} not found`);
    // A retry answers the stored result, with what of its mail is still to send.
    if (activity.state === 'APPLIED') return withUnsentEmails(tx, storedEffects(activity.result));

    const now = new Date();
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

type ActivityRow = Pick<Activity, 'id' | 'accountId' | 'type' | 'outcome' | 'occurredAt' | 'nextStep' | 'state' | 'result'>;

/** The activity (undefined when there is none) and what evaluating the rules needs, in one round trip. */
async function loadActivityAndRules(tx: Prisma.TransactionClient, activityId: string): Promise<RulesAndCalendar & { activity: ActivityRow | undefined }> {
  const [row] = await tx.$queryRaw<({ [K in keyof ActivityRow]: ActivityRow[K] | null } & RulesAndCalendarRow)[]>`
    SELECT a.id::text AS id, a.account_id::text AS "accountId", a.type::text AS type, a.outcome::text AS outcome, a.occurred_at AS "occurredAt",
           a.next_step AS "nextStep", a.state::text AS state, a.result, ${rulesAndCalendarColumns}
    FROM (SELECT 1) AS one LEFT JOIN activities a ON a.id = ${activityId}::uuid`;
  const { rules, calendar, ...activity } = row!;
  return { ...rulesAndCalendarOf({ rules, calendar }), activity: activity.id === null ? undefined : (activity as ActivityRow) };
}

/** Effects stored before the mail outbox held notification e-mails name only the notifications: their e-mails are added. */
async function withUnsentEmails(tx: Prisma.TransactionClient, stored: AccountEffects): Promise<AccountEffects> {
  return { ...stored, emailIds: await unsentEmailsOf(tx, { emailIds: stored.emailIds ?? [], notificationIds: stored.notificationIds ?? [] }) };
}
