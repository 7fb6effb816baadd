import { randomUUID } from 'node:crypto';
import { noChange } from '../../workflows/account.messages';
import { IMPORT_LOCK } from '../imports/import-accounts';
import { loadAccountForCaller } from '../accounts/account-access';
import type { Caller } from '../auth/caller';
import type { RequestContext } from '../auth/request-context';
import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import type { Prisma } from '../generated/prisma/client';
import { applyActivity, effectViews } from '../lifecycle/apply-activity';
import type { Logger } from '../logger';
import { metResponseCondition, signalConditionsChanged } from './response-conditions';
import type { RecordResponseRequest, RecordResponseResult, ResponseContact, ResponseType } from './responses.schemas';
import { toResponseView } from './response-view';
import { PATIENT_TRANSACTION } from '../db/patient-transaction';

/** How each kind of response is logged on the account: a call is a call, a reply an e-mail, the rest notes. */
export const activityTypeOf: Record<ResponseType, 'CALL' | 'EMAIL' | 'NOTE'> = { CALL: 'CALL', REPLY: 'EMAIL', REGISTRATION: 'NOTE', WEB_FORM: 'NOTE', ATTENDANCE: 'NOTE' };

/** The lead source a response gives an account that has none: "<campaign name>/<source code>". */
export const leadSourceOf = (campaignName: string, sourceCode: string) => `${campaignName}/${sourceCode}`;

export interface Target {
  accountId: string;
  contactId: string | null;
  createdAccount: boolean;
  /** The account matched is archived: nothing of it was changed (the caller refuses). */
  archived?: boolean;
}

/**
 * Records an inbound response against a campaign's sub-source, for a given account or for contact fields
 * matched (by e-mail, else by account name + contact name) or created as a NEW account in the pool. The
 * response is logged on the account as an INTERESTED activity applied through the account's workflow, so
 * the rules run as for any contact from the client (a pending re-contact timer is cancelled). A NEW account
 * has no workflow yet (nor timers): its activity is applied at once, in the same transaction.
 *
 * Everything in PostgreSQL is written in one transaction; if the workflow then refuses or fails, the
 * PENDING activity, the response and the lead source it set are removed (applyActivity), as for a
 * logged activity.
 *
 * A response that makes a waiting stage's `responses` condition hold (the count reached exactly)
 * signals the campaign's workflow once it stands; any other response signals nothing.
 */
export async function recordResponse(context: RequestContext, request: RecordResponseRequest, options: { logger?: Logger } = {}): Promise<RecordResponseResult> {
  const { db, caller } = context;
  const source = await findSource(db, request.campaignId, request.sourceCode);
  if (request.accountId) await checkAccountVisible(db, caller, request.accountId);
  const occurredAt = request.occurredAt ? new Date(request.occurredAt) : new Date();
  const leadSource = leadSourceOf(source.campaignName, source.code);

  const written = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${IMPORT_LOCK}))`;
    const target = request.accountId ? { accountId: request.accountId, contactId: null, createdAccount: false } : await matchOrCreate(tx, caller, request.contact!);
    await tx.$queryRaw`SELECT 1 FROM accounts WHERE id = CAST(${target.accountId} AS uuid) FOR UPDATE`;
    const account = await tx.account.findUniqueOrThrow({ where: { id: target.accountId } });
    if (account.archivedAt) throw new AppError('CONFLICT', `Account ${account.id} is archived and can no longer change: restore or re-create it before recording its response`);
    const leadSourceSet = account.leadSource === null;
    if (leadSourceSet) await tx.account.update({ where: { id: account.id }, data: { leadSource } });

    const inPool = account.status === 'NEW';
    const activity = await tx.activity.create({
      data: {
        id: randomUUID(),
        accountId: account.id,
        contactId: target.contactId,
        type: activityTypeOf[request.type],
        outcome: 'INTERESTED',
        occurredAt,
        notes: `Inbound ${request.type} response to campaign "${source.campaignName}" through ${source.code} (${source.name})`,
        loggedById: caller.id,
        // A NEW account has no workflow, no timers and no owner to give tasks to: applied as it is.
        ...(inPool ? { state: 'APPLIED' as const, result: noChange(account.status) as unknown as Prisma.InputJsonValue } : {}),
      },
    });
    if (inPool) await tx.account.update({ where: { id: account.id }, data: { lastContactedAt: occurredAt } });
    const response = await tx.response.create({
      data: {
        campaignId: source.campaignId,
        sourceId: source.id,
        accountId: account.id,
        contactId: target.contactId,
        type: request.type,
        activityId: activity.id,
        createdAccount: target.createdAccount,
        occurredAt,
        createdById: caller.id,
      },
    });
    // Responses are serialized by the lock above, so one response, and only one, meets each count.
    const metCondition = await metResponseCondition(tx, source.campaignId, source.code);
    return { target, response, activityId: activity.id, inPool, leadSourceSet, status: account.status, metCondition };
  }, PATIENT_TRANSACTION);

  const { accountId, createdAccount } = written.target;
  // A lead source this response set goes with it when the workflow refuses the activity.
  const undo = async (tx: Prisma.TransactionClient) => {
    if (written.leadSourceSet) await tx.account.updateMany({ where: { id: accountId, leadSource }, data: { leadSource: null } });
  };
  const effects = written.inPool ? noChange(written.status) : await applyActivity(context, { accountId, activityId: written.activityId }, { discardOnAnyFailure: true, undo });
  const { tasksCreated, timersCancelled, rulesMatched } = await effectViews(db, effects, written.activityId);
  if (written.metCondition) await signalConditionsChanged(context.temporal, source.campaignId, options.logger);
  return {
    response: toResponseView(written.response, source.code),
    accountId,
    createdAccount,
    leadSourceSet: written.leadSourceSet,
    previousStatus: effects.previousStatus,
    status: effects.status,
    timersCancelled,
    tasksCreated,
    rulesMatched,
  };
}

/** The campaign's sub-source with that code; an unknown campaign or code is a 400 naming its field. */
async function findSource(db: DbClient, campaignId: string, code: string) {
  const campaign = await db.campaign.findUnique({ where: { id: campaignId }, select: { id: true, name: true, sources: { select: { id: true, code: true, name: true } } } });
  if (!campaign) throw new AppError('VALIDATION_FAILED', `No campaign ${campaignId}`, [{ path: 'body.campaignId', message: `No campaign ${campaignId}` }]);
  // Codes are unique in a campaign whatever their case (campaigns.schemas), so the quoted case does not matter.
  const source = campaign.sources.find((candidate) => candidate.code === code) ?? campaign.sources.find((candidate) => candidate.code.toLowerCase() === code.toLowerCase());
  if (!source) {
    const known = campaign.sources.map((candidate) => candidate.code);
    const message = `Campaign "${campaign.name}" has no sub-source "${code}"${known.length ? ` (its codes: ${known.join(', ')})` : ' (it has no sub-sources)'}`;
    throw new AppError('VALIDATION_FAILED', message, [{ path: 'body.sourceCode', message }]);
  }
  return { ...source, campaignId: campaign.id, campaignName: campaign.name };
}

/** An account the caller may see (a manager: their own and the pool); any other id is a 400 naming body.accountId. */
async function checkAccountVisible(db: DbClient, caller: Caller, accountId: string): Promise<void> {
  try {
    await loadAccountForCaller(db, caller, accountId, { forWrite: false });
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'NOT_FOUND') throw error;
    const message = `No account ${accountId}${caller.role === 'manager' ? ' among the accounts you may see' : ''}`;
    throw new AppError('VALIDATION_FAILED', message, [{ path: 'body.accountId', message }]);
  }
}

const key = (text: string) => text.trim().toLowerCase();

/**
 * The contact who responded, found without duplicating anyone: by normalized e-mail (on an active account
 * first), else by account name + contact name (an existing account of that name gets the contact if it
 * lacks it), else a NEW account in the pool with the contact. Runs under the accounts lock.
 */
export async function matchOrCreate(tx: DbClient, caller: Pick<Caller, 'id'>, contact: ResponseContact): Promise<Target> {
  const email = contact.email ? key(contact.email) : null;
  if (email) {
    const [byEmail] = await tx.$queryRaw<{ id: string; account_id: string; archived: boolean }[]>`
      SELECT c.id::text, c.account_id::text, a.archived_at IS NOT NULL AS archived FROM contacts c JOIN accounts a ON a.id = c.account_id
      WHERE c.email_normalized = ${email}
      ORDER BY a.archived_at NULLS FIRST, c.created_at, c.id LIMIT 1`;
    if (byEmail) {
      if (byEmail.archived) return { accountId: byEmail.account_id, contactId: byEmail.id, createdAccount: false, archived: true };
      await fillContact(tx, byEmail.id, contact);
      return { accountId: byEmail.account_id, contactId: byEmail.id, createdAccount: false };
    }
  }
  const accountName = contact.accountName ?? contact.name;
  const [account] = await tx.$queryRaw<{ id: string; contactId: string | null; archived: boolean }[]>`
    SELECT a.id::text AS id, a.archived_at IS NOT NULL AS archived, (
      SELECT c.id::text FROM contacts c WHERE c.account_id = a.id AND lower(btrim(c.name)) = ${key(contact.name)} ORDER BY c.created_at, c.id LIMIT 1
    ) AS "contactId"
    FROM accounts a WHERE lower(btrim(a.name)) = ${key(accountName)}
    ORDER BY a.archived_at NULLS FIRST, a.created_at, a.id LIMIT 1`;
  if (!account) return createAccountWithContact(tx, caller, accountName, contact, email);
  if (account.archived) return { accountId: account.id, contactId: account.contactId, createdAccount: false, archived: true };
  if (account.contactId) {
    await fillContact(tx, account.contactId, contact);
    return { accountId: account.id, contactId: account.contactId, createdAccount: false };
  }
  const contactId = randomUUID();
  await tx.$executeRaw`
    INSERT INTO contacts (id, account_id, name, email, email_normalized, phone, time_zone)
    VALUES (CAST(${contactId} AS uuid), CAST(${account.id} AS uuid), ${contact.name}, ${contact.email ?? null}, ${email}, ${contact.phone ?? null}, ${contact.timeZone ?? null})`;
  return { accountId: account.id, contactId, createdAccount: false };
}

/** A NEW account in the pool, its first status and its primary contact, in one statement. */
async function createAccountWithContact(tx: DbClient, caller: Pick<Caller, 'id'>, accountName: string, contact: ResponseContact, email: string | null): Promise<Target> {
  const accountId = randomUUID();
  const contactId = randomUUID();
  await tx.$executeRaw`
    WITH account AS (
      INSERT INTO accounts (id, name, segment, time_zone, status, updated_at)
      VALUES (CAST(${accountId} AS uuid), ${accountName}, ${contact.segment ?? null}, ${contact.timeZone ?? 'UTC'}, 'NEW', now())
      RETURNING id, created_at
    ), first_status AS (
      INSERT INTO status_changes (id, account_id, from_status, to_status, changed_by_id, reason, changed_at)
      SELECT gen_random_uuid(), id, NULL, 'NEW', CAST(${caller.id} AS uuid), 'created by a campaign response', created_at FROM account
    )
    INSERT INTO contacts (id, account_id, name, email, email_normalized, phone, time_zone, is_primary)
    SELECT CAST(${contactId} AS uuid), id, ${contact.name}, ${contact.email ?? null}, ${email}, ${contact.phone ?? null}, ${contact.timeZone ?? null}, TRUE FROM account`;
  return { accountId, contactId, createdAccount: true };
}

/** Fills what a matched contact lacks (never overwrites): as imports do. */
export async function fillContact(tx: DbClient, contactId: string, contact: ResponseContact): Promise<void> {
  const email = contact.email ?? null;
  await tx.$executeRaw`
    UPDATE contacts SET
      email = COALESCE(email, ${email}), email_normalized = COALESCE(email_normalized, ${email ? key(email) : null}),
      phone = COALESCE(phone, ${contact.phone ?? null}), time_zone = COALESCE(time_zone, ${contact.timeZone ?? null})
    WHERE id = CAST(${contactId} AS uuid)`;
}
