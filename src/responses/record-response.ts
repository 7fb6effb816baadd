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


/** How each kind of response is logged on the account: a call is a call, a reply an e-mail, the rest notes. */
export const activityTypeOf: Record<ResponseType, 'CALL' | 'EMAIL' | 'NOTE'> = { CALL: 'CALL', REPLY: 'EMAIL', REGISTRATION: 'NOTE', WEB_FORM: 'NOTE', ATTENDANCE: 'NOTE' };

/** The lead source a response gives an account that has none: "<campaign name>/<source code>". */
export const leadSourceOf = (campaignName: string, sourceCode: string) => `${campaignName}/${sourceCode}`;

export interface Target {
  accountId: string;
  contactId: string | null;
  createdAccount: boolean;
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
  });

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
    const [byEmail] = await tx.$queryRaw<{ id: string; account_id: string }[]>`
      SELECT c.id::text, c.account_id::text FROM contacts c JOIN accounts a ON a.id = c.account_id
      WHERE c.email_normalized = ${email}
      ORDER BY a.archived_at NULLS FIRST, c.created_at, c.id LIMIT 1`;
    if (byEmail) {
      await fillContact(tx, byEmail.id, contact);
      return { accountId: byEmail.account_id, contactId: byEmail.id, createdAccount: false };
    }
  }
  const accountName = contact.accountName ?? contact.name;
  const [account] = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM accounts WHERE lower(btrim(name)) = ${key(accountName)}
    ORDER BY archived_at NULLS FIRST, created_at, id LIMIT 1`;
  if (account) {
    const [byName] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id::text FROM contacts WHERE account_id = CAST(${account.id} AS uuid) AND lower(btrim(name)) = ${key(contact.name)}
      ORDER BY created_at, id LIMIT 1`;
    if (byName) {
      await fillContact(tx, byName.id, contact);
      return { accountId: account.id, contactId: byName.id, createdAccount: false };
    }
    const created = await tx.contact.create({ data: contactRow(account.id, contact, email), select: { id: true } });
    return { accountId: account.id, contactId: created.id, createdAccount: false };
  }
  const created = await tx.account.create({
    data: { name: accountName, segment: contact.segment ?? null, timeZone: contact.timeZone ?? 'UTC', status: 'NEW', ownerId: null },
    select: { id: true, createdAt: true },
  });
  await tx.statusChange.create({ data: { accountId: created.id, fromStatus: null, toStatus: 'NEW', changedById: caller.id, reason: 'created by a campaign response', changedAt: created.createdAt } });
  const createdContact = await tx.contact.create({ data: { ...contactRow(created.id, contact, email), isPrimary: true }, select: { id: true } });
  return { accountId: created.id, contactId: createdContact.id, createdAccount: true };
}

function contactRow(accountId: string, contact: ResponseContact, email: string | null) {
  return { accountId, name: contact.name, email: contact.email ?? null, emailNormalized: email, phone: contact.phone ?? null, timeZone: contact.timeZone ?? null };
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
