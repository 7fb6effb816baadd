import { randomUUID } from 'node:crypto';
import { noChange } from '../../workflows/account.messages';
import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { Prisma, type AccountStatus } from '../generated/prisma/client';
import { metResponseCondition } from '../responses/response-conditions';
import { eventLeadSource, type EventForRegistration, type RegistrationSource } from './event-for-registration';

export interface EventResponseWritten {
  activityId: string;
  responseId: string | null;
  /** A NEW account: the activity was applied at once (no workflow, no rules in the pool). */
  inPool: boolean;
  leadSourceSet: boolean;
  leadSource: string;
  accountId: string;
  status: AccountStatus;
  /** The response met a waiting campaign stage's `responses` condition: signal the campaign after commit. */
  metCondition: boolean;
}

/** What a registration or an attendance writes on the account, decided before the statement that writes it. */
export interface EventResponsePlan {
  activityId: string;
  responseId: string | null;
  accountId: string;
  contactId: string;
  createdAccount: boolean;
  campaignId: string | null;
  campaignSourceId: string | null;
  sourceCode: string | null;
  type: 'REGISTRATION' | 'ATTENDANCE';
  activityType: 'EMAIL' | 'MEETING';
  notes: string;
  leadSource: string;
  loggedById: string;
  occurredAt: Date;
}

export function planEventResponse(input: {
  event: EventForRegistration;
  source: RegistrationSource | null;
  accountId: string;
  contactId: string;
  createdAccount: boolean;
  type: 'REGISTRATION' | 'ATTENDANCE';
  loggedById: string;
  occurredAt: Date;
}): EventResponsePlan {
  const { event, source, type } = input;
  const what = type === 'REGISTRATION' ? 'Registered for' : 'Attended';
  return {
    activityId: randomUUID(),
    responseId: event.campaignId && source?.campaignSourceId ? randomUUID() : null,
    accountId: input.accountId,
    contactId: input.contactId,
    createdAccount: input.createdAccount,
    campaignId: event.campaignId,
    campaignSourceId: source?.campaignSourceId ?? null,
    sourceCode: source?.code ?? null,
    type,
    // A registration is the client writing in, an attendance meeting them: both contacts that bring a
    // refused or lost client back (the default rule contact-established reacts to e-mails and meetings).
    activityType: type === 'REGISTRATION' ? 'EMAIL' : 'MEETING',
    notes: `${what} event "${event.name}"${source ? ` through ${source.code} (${source.name})` : ''}`,
    leadSource: eventLeadSource(event, source),
    loggedById: input.loggedById,
    occurredAt: input.occurredAt,
  };
}

/** The account a response is written on, locked as a response locks it: absent when it is archived. */
export function lockedAccountCte(accountId: string): Prisma.Sql {
  return Prisma.sql`account AS (
    SELECT id, status, lead_source FROM accounts WHERE id = CAST(${accountId} AS uuid) AND archived_at IS NULL FOR UPDATE)`;
}

/**
 * The CTEs that record a registration or an attendance as a campaign response does
 * (src/responses/record-response.ts), once for each row of `when`, over the CTE `account` of
 * lockedAccountCte: an INTERESTED activity (applied at once for a NEW account in the pool, which has no
 * workflow, timers or owner; else PENDING for the account's workflow after commit), the lead source when
 * the account has none, and for a campaign's event a Response through the mirrored sub-source.
 */
export function eventResponseWrites(plan: EventResponsePlan, when: Prisma.Sql): Prisma.Sql {
  const applied = JSON.stringify(noChange('NEW'));
  return Prisma.sql`activity AS (
      INSERT INTO activities (id, account_id, contact_id, type, outcome, occurred_at, notes, logged_by_id, state, result)
      SELECT CAST(${plan.activityId} AS uuid), a.id, CAST(${plan.contactId} AS uuid), CAST(${plan.activityType} AS "ActivityType"), 'INTERESTED', ${plan.occurredAt},
        ${plan.notes}, CAST(${plan.loggedById} AS uuid), CASE WHEN a.status = 'NEW' THEN 'APPLIED' ELSE 'PENDING' END::"ActivityState",
        CASE WHEN a.status = 'NEW' THEN CAST(${applied} AS jsonb) END
      FROM account a CROSS JOIN (SELECT 1 FROM ${when} LIMIT 1) happened
      RETURNING id, account_id
    ), response AS (
      INSERT INTO responses (id, campaign_id, source_id, account_id, contact_id, type, activity_id, created_account, occurred_at, created_by_id)
      SELECT CAST(${plan.responseId} AS uuid), CAST(${plan.campaignId} AS uuid), CAST(${plan.campaignSourceId} AS uuid), activity.account_id,
        CAST(${plan.contactId} AS uuid), CAST(${plan.type} AS "ResponseType"), activity.id, ${plan.createdAccount}, ${plan.occurredAt}, CAST(${plan.loggedById} AS uuid)
      FROM activity WHERE ${plan.responseId !== null}
    ), lead AS (
      UPDATE accounts u SET
        lead_source = COALESCE(u.lead_source, ${plan.leadSource}),
        last_contacted_at = CASE WHEN u.status = 'NEW' THEN ${plan.occurredAt} ELSE u.last_contacted_at END
      FROM activity WHERE u.id = activity.account_id AND (u.lead_source IS NULL OR u.status = 'NEW'))`;
}

/** Of the `account` CTE, what eventResponseWritten needs. Named by the CTE itself: select it unaliased. */
export const accountColumns = Prisma.sql`account.status::text AS "accountStatus", account.lead_source IS NULL AS "leadSourceWasEmpty"`;

export interface AccountColumns {
  accountStatus: AccountStatus;
  leadSourceWasEmpty: boolean;
}

export function eventResponseWritten(plan: EventResponsePlan, account: AccountColumns, metCondition = false): EventResponseWritten {
  return {
    activityId: plan.activityId,
    responseId: plan.responseId,
    inPool: account.accountStatus === 'NEW',
    leadSourceSet: account.leadSourceWasEmpty,
    leadSource: plan.leadSource,
    accountId: plan.accountId,
    status: account.accountStatus,
    metCondition,
  };
}

/**
 * Whether this response met a waiting campaign stage's `responses` condition. The caller's transaction
 * holds IMPORT_LOCK exclusively, which serializes responses: one response, and only one, meets each count.
 */
export async function metConditionOf(tx: DbClient, plan: EventResponsePlan): Promise<boolean> {
  return plan.responseId !== null && plan.campaignId !== null && plan.sourceCode !== null ? metResponseCondition(tx, plan.campaignId, plan.sourceCode) : false;
}

/**
 * Records an attendance (or any response written on its own) in the caller's transaction, which holds
 * IMPORT_LOCK: one statement locks the account and writes the activity, the response and the lead source.
 */
export async function recordEventResponse(tx: DbClient, plan: EventResponsePlan): Promise<EventResponseWritten> {
  const [row] = await tx.$queryRaw<AccountColumns[]>`
    WITH ${lockedAccountCte(plan.accountId)}, ${eventResponseWrites(plan, Prisma.sql`account`)}
    SELECT ${accountColumns} FROM account`;
  if (!row) throw new AppError('CONFLICT', `Account ${plan.accountId} is archived and can no longer change: restore or re-create it first`);
  return eventResponseWritten(plan, row, await metConditionOf(tx, plan));
}
