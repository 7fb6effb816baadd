import { randomUUID } from 'node:crypto';
import { noChange } from '../../workflows/account.messages';
import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import type { AccountStatus } from '../generated/prisma/client';
import { metResponseCondition } from '../responses/response-conditions';
import { eventLeadSource, type EventForRegistration, type RegistrationSource } from './event-for-registration';

export interface LockedAccount {
  id: string;
  status: AccountStatus;
  leadSource: string | null;
  archivedAt: Date | null;
}

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

/** Locks the account (as a response does) and reads what the response needs; an archived one is a 409. */
export async function lockAccount(tx: DbClient, accountId: string): Promise<LockedAccount> {
  const [account] = await tx.$queryRaw<LockedAccount[]>`
    SELECT id::text AS id, status::text AS status, lead_source AS "leadSource", archived_at AS "archivedAt"
    FROM accounts WHERE id = CAST(${accountId} AS uuid) FOR UPDATE`;
  if (!account) throw new AppError('NOT_FOUND', `No account ${accountId}`);
  if (account.archivedAt) throw new AppError('CONFLICT', `Account ${account.id} is archived and can no longer change: restore or re-create it before registering its contact`);
  return account;
}

/**
 * Records a registration or an attendance as a campaign response does (src/responses/record-response.ts):
 * an INTERESTED activity on the account (applied at once for a NEW account in the pool, else left
 * PENDING for the account's workflow after commit), the lead source when the account has none, and for a
 * campaign's event a Response through the mirrored sub-source. Runs in the caller's transaction, under
 * the IMPORT_LOCK that serializes responses (so metResponseCondition sees each count once) and with the
 * account locked by lockAccount. One statement writes the activity, the response and the account.
 */
export async function recordEventResponse(
  tx: DbClient,
  input: {
    event: EventForRegistration;
    source: RegistrationSource | null;
    account: LockedAccount;
    contactId: string;
    createdAccount: boolean;
    type: 'REGISTRATION' | 'ATTENDANCE';
    loggedById: string;
    occurredAt: Date;
  },
): Promise<EventResponseWritten> {
  const { event, source, account, occurredAt } = input;
  const inPool = account.status === 'NEW';
  const leadSource = eventLeadSource(event, source);
  const leadSourceSet = account.leadSource === null;
  const activityId = randomUUID();
  const responseId = event.campaignId && source?.campaignSourceId ? randomUUID() : null;
  const what = input.type === 'REGISTRATION' ? 'Registered for' : 'Attended';
  // A registration is the client writing in, an attendance meeting them: both contacts that bring a
  // refused or lost client back (the default rule contact-established reacts to e-mails and meetings).
  const activityType = input.type === 'REGISTRATION' ? 'EMAIL' : 'MEETING';
  const notes = `${what} event "${event.name}"${source ? ` through ${source.code} (${source.name})` : ''}`;
  // A NEW account has no workflow, no timers and no owner to give tasks to: applied as it is.
  const state = inPool ? 'APPLIED' : 'PENDING';
  const result = inPool ? JSON.stringify(noChange(account.status)) : null;
  await tx.$executeRaw`
    WITH activity AS (
      INSERT INTO activities (id, account_id, contact_id, type, outcome, occurred_at, notes, logged_by_id, state, result)
      VALUES (CAST(${activityId} AS uuid), CAST(${account.id} AS uuid), CAST(${input.contactId} AS uuid), CAST(${activityType} AS "ActivityType"), 'INTERESTED', ${occurredAt},
        ${notes}, CAST(${input.loggedById} AS uuid), CAST(${state} AS "ActivityState"), CAST(${result} AS jsonb))
      RETURNING id
    ), response AS (
      INSERT INTO responses (id, campaign_id, source_id, account_id, contact_id, type, activity_id, created_account, occurred_at, created_by_id)
      SELECT CAST(${responseId} AS uuid), CAST(${event.campaignId} AS uuid), CAST(${source?.campaignSourceId ?? null} AS uuid), CAST(${account.id} AS uuid),
        CAST(${input.contactId} AS uuid), CAST(${input.type} AS "ResponseType"), activity.id, ${input.createdAccount}, ${occurredAt}, CAST(${input.loggedById} AS uuid)
      FROM activity WHERE ${responseId !== null}
      RETURNING id
    )
    UPDATE accounts SET
      lead_source = COALESCE(lead_source, ${leadSource}),
      last_contacted_at = CASE WHEN ${inPool} THEN ${occurredAt} ELSE last_contacted_at END
    WHERE id = CAST(${account.id} AS uuid) AND (lead_source IS NULL OR ${inPool}) AND EXISTS (SELECT 1 FROM activity)`;
  // Responses are serialized by IMPORT_LOCK, so one response, and only one, meets each count.
  const metCondition = responseId !== null && source ? await metResponseCondition(tx, event.campaignId!, source.code) : false;
  return { activityId, responseId, inPool, leadSourceSet, leadSource, accountId: account.id, status: account.status, metCondition };
}
