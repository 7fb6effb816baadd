import { randomUUID } from 'node:crypto';
import { signalEventMailQueued } from '../events/event-workflow-client';
import { recordAudit } from '../audit/record-audit';
import type { DbClient } from '../db/prisma';
import { Prisma } from '../generated/prisma/client';
import { AppError } from '../errors/app-error';
import { IMPORT_LOCK } from '../imports/import-accounts';
import { fillContact, matchOrCreate, type Target } from '../responses/record-response';
import { applyEventResponse, type RegistrationDeps } from './apply-event-response';
import { checkPublicRegistrationAllowed, checkStaffRegistrationAllowed, readEventForRegistration, sourceOf, type EventForRegistration } from './event-for-registration';
import { recordEventResponse, type EventResponseWritten, type LockedAccount } from './record-event-response';
import type { PaymentState, RegistrationChannel, RegistrationContact, RegistrationStatus, RegistrationView } from './registrations.schemas';
import { loadRegistrationView } from './registration-view';
import { REGISTRATION_TRANSACTION } from './transaction-options';

export interface RegisterInput {
  contactId?: string;
  contact?: RegistrationContact;
  sourceCode?: string;
  payment?: { state: PaymentState; amount?: string | number };
  channel: RegistrationChannel;
  /** The contact a verified invitation token names (public page of an INVITATION event). */
  invitedContactId?: string;
  /** The staff member registering; null on the public page (the event's owner then logs the activity). */
  createdById: string | null;
}

/** What one registration transaction did, for its after-commit steps. */
export interface RegistrationWritten {
  registrationId: string;
  existing: boolean;
  status: RegistrationStatus;
  event: EventForRegistration;
  response: EventResponseWritten | null;
}

/**
 * Registers a person for an event, from any channel: one registration per (event, contact), a seat while
 * fewer than `capacity` are REGISTERED, else the waiting list. The person is matched or created as a
 * campaign response's contact is (a NEW account in the pool when nobody matches), and the registration
 * is logged as an INTERESTED activity and, for a campaign's event, a REGISTRATION response, with its
 * confirmation (or waiting-list) e-mail in the outbox: all in one transaction, under the accounts lock
 * (see lockPerson) and, for the seat alone, the event's row lock, taken last. After commit the event's
 * workflow is told to send the mail, and the activity of an account in work goes through its workflow
 * (a failure there does not fail the registration).
 */
export async function registerForEvent(deps: RegistrationDeps, eventId: string, input: RegisterInput): Promise<{ registration: RegistrationView; existing: boolean }> {
  const written = await deps.db.$transaction((tx) => registerInTransaction(tx, eventId, input), REGISTRATION_TRANSACTION);
  if (!written.existing) await afterRegistration(deps, written, { signalMail: true });
  return { registration: await loadRegistrationView(deps.db, eventId, written.registrationId), existing: written.existing };
}

/** The after-commit steps of one registration; an import signals the mail once for all its rows. */
export async function afterRegistration(deps: RegistrationDeps, written: RegistrationWritten, { signalMail }: { signalMail: boolean }): Promise<void> {
  if (signalMail) await signalEventMailQueued(deps.temporal, written.event.id, deps.logger);
  if (written.response) await applyEventResponse(deps, written.response, written.event.campaignId);
}

interface PersonState {
  account: LockedAccount;
  existing: { id: string; status: RegistrationStatus } | null;
  invited: boolean;
}

export async function registerInTransaction(tx: DbClient, eventId: string, input: RegisterInput): Promise<RegistrationWritten> {
  // Read without the event's lock: the capacity decision takes it last, for as short a time as can be.
  const event = await readEventForRegistration(tx, eventId, { forUpdate: false });
  const now = new Date();
  if (input.channel === 'PUBLIC') checkPublicRegistrationAllowed(event, input.invitedContactId !== undefined);
  else checkStaffRegistrationAllowed(event, now);
  const source = sourceOf(event, input.sourceCode);
  const payment = paymentOf(event, input.payment);
  const loggedById = input.createdById ?? event.ownerId;

  await lockPerson(tx, event, input);
  const target = await findPerson(tx, input, loggedById);
  const person = await personState(tx, event.id, target);
  if (person.existing && person.existing.status !== 'CANCELLED') return { registrationId: person.existing.id, existing: true, status: person.existing.status, event, response: null };

  const response = await recordEventResponse(tx, {
    event,
    source,
    account: person.account,
    contactId: target.contactId!,
    createdAccount: target.createdAccount,
    type: 'REGISTRATION',
    loggedById,
    occurredAt: now,
  });
  const invited = input.invitedContactId !== undefined || person.invited;
  const marked = input.payment !== undefined;
  const registrationId = person.existing?.id ?? randomUUID();
  // The seat is decided by event_registration_seat (the events migration): it takes the event's row lock and
  // counts after it is granted, so concurrent registrations never exceed the capacity, and the lock is held
  // from this statement to the commit only. The time is read once the seat is decided: first come, first served.
  const decided = Prisma.sql`decided AS (
    SELECT seat.status, clock_timestamp() AS at FROM (SELECT event_registration_seat(CAST(${event.id} AS uuid)) AS status OFFSET 0) seat)`;
  const [row] = person.existing
    ? // Registering again after a cancellation: a new place in the list, a payment already made kept.
      await tx.$queryRaw<DecidedRow[]>`
      WITH ${decided}, registration AS (UPDATE event_registrations r SET status = d.status, channel = ${input.channel}, source_code = ${source?.code ?? null},
        invited = invited OR ${invited}, registered_at = d.at, confirmed_at = CASE WHEN d.status = 'REGISTERED' THEN d.at END, cancelled_at = NULL, no_show = FALSE,
        payment = COALESCE(CAST(${marked ? payment.state : null} AS "PaymentState"), payment, CAST(${payment.state} AS "PaymentState")),
        amount_paid = CASE WHEN ${marked} THEN CAST(${payment.amount} AS decimal) ELSE amount_paid END,
        payment_marked_by_id = CASE WHEN ${marked} THEN CAST(${input.createdById} AS uuid) ELSE payment_marked_by_id END,
        payment_marked_at = CASE WHEN ${marked} THEN d.at ELSE payment_marked_at END,
        activity_id = CAST(${response.activityId} AS uuid), response_id = CAST(${response.responseId} AS uuid), updated_at = d.at
      FROM decided d WHERE r.id = CAST(${registrationId} AS uuid) AND r.status = 'CANCELLED' RETURNING r.id, r.account_id, r.status, r.registered_at)
      ${queueEmail(event.id)}`
    : await tx.$queryRaw<DecidedRow[]>`
      WITH ${decided}, registration AS (INSERT INTO event_registrations (id, event_id, contact_id, account_id, status, channel, source_code, invited, created_account,
        payment, amount_paid, payment_marked_by_id, payment_marked_at, registered_at, confirmed_at, activity_id, response_id, created_by_id, updated_at)
      SELECT CAST(${registrationId} AS uuid), CAST(${event.id} AS uuid), CAST(${target.contactId} AS uuid), CAST(${target.accountId} AS uuid),
        d.status, ${input.channel}, ${source?.code ?? null}, ${invited}, ${target.createdAccount},
        CAST(${payment.state} AS "PaymentState"), CAST(${payment.amount} AS decimal), CAST(${marked ? input.createdById : null} AS uuid), CASE WHEN ${marked} THEN d.at END,
        d.at, CASE WHEN d.status = 'REGISTERED' THEN d.at END, CAST(${response.activityId} AS uuid), CAST(${response.responseId} AS uuid), CAST(${input.createdById} AS uuid), d.at
      FROM decided d
      ON CONFLICT (event_id, contact_id) DO NOTHING RETURNING id, account_id, status, registered_at)
      ${queueEmail(event.id)}`;
  // Another request registered the same person between our reads and this write (their keys differ: an e-mail and a contact id).
  if (!row) throw new AppError('CONFLICT', 'This person was registered by another request at the same moment: send the registration again to see it');
  if (marked) {
    await recordAudit(tx, {
      actorId: input.createdById,
      action: 'registration.payment',
      entityType: 'EventRegistration',
      entityId: registrationId,
      after: { payment: payment.state, amountPaid: payment.amount },
      reason: 'payment given with the registration',
    });
  }
  return { registrationId, existing: false, status: row.status, event, response };
}

interface DecidedRow {
  status: RegistrationStatus;
}

/** The confirmation or waiting-list e-mail of the registration the statement wrote, keyed by its time (a registration made again is confirmed again). */
function queueEmail(eventId: string): Prisma.Sql {
  return Prisma.sql`, queued AS (
      INSERT INTO outbound_emails (id, dedupe_key, kind, template_key, event_id, event_registration_id, account_id, why)
      SELECT gen_random_uuid(), t.key || ':' || r.id::text || ':' || floor(extract(epoch FROM r.registered_at) * 1000)::bigint::text, 'EVENT_EMAIL', t.key,
        CAST(${eventId} AS uuid), r.id, r.account_id, jsonb_build_object('eventId', ${eventId}::text, 'registrationId', r.id::text)
      FROM registration r CROSS JOIN LATERAL (SELECT CASE WHEN r.status = 'REGISTERED' THEN 'event.confirmation' ELSE 'event.waiting' END AS key) t
      ON CONFLICT (dedupe_key) DO NOTHING)
    SELECT status::text AS status FROM registration`;
}

/**
 * The accounts lock. Imports and campaign responses hold IMPORT_LOCK alone, exclusively. A registration
 * holds it shared, with keys of its own person (e-mail, company, contact), so registrations of different
 * people run side by side while two of the same person (or company) never create them twice. Exclusive,
 * as a response, when the event's campaign has a stage waiting for N responses: one response, and only
 * one, meets each count.
 */
async function lockPerson(tx: DbClient, event: EventForRegistration, input: RegisterInput): Promise<void> {
  if (event.countsResponses) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${IMPORT_LOCK}))`;
    return;
  }
  const keys = personKeys(input);
  await tx.$executeRaw`
    SELECT pg_advisory_xact_lock_shared(hashtext(${IMPORT_LOCK})), (SELECT count(*) FROM (
      SELECT pg_advisory_xact_lock(hashtext(key)) FROM (SELECT key FROM unnest(CAST(${keys} AS text[])) key ORDER BY key) sorted) taken)`;
}

const normalized = (text: string) => text.trim().toLowerCase();

function personKeys(input: RegisterInput): string[] {
  const contactId = input.invitedContactId ?? input.contactId;
  if (contactId !== undefined) return [`person:contact:${contactId}`];
  const contact = input.contact!;
  return [...(contact.email ? [`person:email:${normalized(contact.email)}`] : []), `person:account:${normalized(contact.accountName ?? contact.name)}`];
}


/** A paid event's registration is UNPAID unless told otherwise; a free event's carries no payment. */
function paymentOf(event: EventForRegistration, given: RegisterInput['payment']): { state: PaymentState | null; amount: string | null } {
  if (event.price === null) {
    if (given) throw new AppError('VALIDATION_FAILED', `Event "${event.name}" is free: its registrations carry no payment`, [{ path: 'body.payment', message: 'the event is free (it has no price)' }]);
    return { state: null, amount: null };
  }
  if (!given) return { state: 'UNPAID', amount: null };
  const amount = given.amount !== undefined ? Number(given.amount).toFixed(2) : given.state === 'PAID' ? event.price : null;
  return { state: given.state, amount };
}

/** The contact registering: the invited one, the one named by id, or one matched or created from the form. */
async function findPerson(tx: DbClient, input: RegisterInput, loggedById: string): Promise<Target> {
  const contactId = input.invitedContactId ?? input.contactId;
  if (contactId === undefined) {
    if (!input.contact) throw new AppError('VALIDATION_FAILED', 'Give contactId or contact', [{ path: 'body.contactId', message: 'give contactId (an existing contact) or contact (who registers)' }]);
    return matchOrCreate(tx, { id: loggedById }, input.contact);
  }
  const [found] = await tx.$queryRaw<{ accountId: string }[]>`SELECT account_id::text AS "accountId" FROM contacts WHERE id = CAST(${contactId} AS uuid)`;
  if (!found) {
    const message = `No contact ${contactId}`;
    throw new AppError('VALIDATION_FAILED', message, [{ path: input.invitedContactId ? 'invite' : 'body.contactId', message }]);
  }
  // An invited person's form fills what their contact lacks (never overwrites).
  if (input.invitedContactId && input.contact) await fillContact(tx, contactId, input.contact);
  return { accountId: found.accountId, contactId, createdAccount: false };
}

/** The account (locked, as a response locks it), the person's registration if any, the seats taken and whether they were invited. */
async function personState(tx: DbClient, eventId: string, target: Target): Promise<PersonState> {
  const [row] = await tx.$queryRaw<(LockedAccount & { existing: PersonState['existing']; invited: boolean })[]>`
    SELECT a.id::text AS id, a.status::text AS status, a.lead_source AS "leadSource", a.archived_at AS "archivedAt",
      (SELECT json_build_object('id', r.id, 'status', r.status) FROM event_registrations r
        WHERE r.event_id = CAST(${eventId} AS uuid) AND r.contact_id = CAST(${target.contactId} AS uuid)) AS existing,
      EXISTS (SELECT 1 FROM event_invitations i WHERE i.event_id = CAST(${eventId} AS uuid) AND i.contact_id = CAST(${target.contactId} AS uuid)) AS invited
    FROM accounts a WHERE a.id = CAST(${target.accountId} AS uuid) FOR UPDATE OF a`;
  if (!row) throw new AppError('NOT_FOUND', `No account ${target.accountId}`);
  if (row.archivedAt) throw new AppError('CONFLICT', `The account of this contact (${row.id}) is archived: restore it before registering its contact`);
  const { existing, invited, ...account } = row;
  return { account, existing, invited };
}
