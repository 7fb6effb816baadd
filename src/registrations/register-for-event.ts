import { randomUUID } from 'node:crypto';
import { signalEventMailQueued } from '../events/event-workflow-client';
import { recordAudit } from '../audit/record-audit';
import type { Db, DbClient } from '../db/prisma';
import { Prisma } from '../generated/prisma/client';
import { AppError } from '../errors/app-error';
import { IMPORT_LOCK } from '../imports/import-accounts';
import { fillContact, matchOrCreate, type Target } from '../responses/record-response';
import { applyEventResponse, type RegistrationDeps } from './apply-event-response';
import { checkPublicRegistrationAllowed, checkStaffRegistrationAllowed, readEventForRegistration, sourceOf, type EventForRegistration, type RegistrationSource } from './event-for-registration';
import {
  accountColumns,
  eventResponseWrites,
  eventResponseWritten,
  lockedAccountCte,
  metConditionOf,
  planEventResponse,
  type AccountColumns,
  type EventResponsePlan,
  type EventResponseWritten,
} from './record-event-response';
import type { PaymentState, RegistrationChannel, RegistrationContact, RegistrationStatus, RegistrationView } from './registrations.schemas';
import { loadRegistrationView, registrationBaseColumns, toRegistrationView, type RegistrationRow } from './registration-view';
import { PATIENT_TRANSACTION } from '../db/patient-transaction';

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

/** What one registration did, for its after-commit steps. */
export interface RegistrationWritten {
  registrationId: string;
  existing: boolean;
  status: RegistrationStatus;
  event: EventForRegistration;
  response: EventResponseWritten | null;
  /** As the API shows it, when the statement that wrote it could read it. */
  registration?: RegistrationView;
}

/**
 * Registers a person for an event, from any channel: one registration per (event, contact), a seat while
 * fewer than `capacity` are REGISTERED, else the waiting list. The person is matched or created as a
 * campaign response's contact is (a NEW account in the pool when nobody matches), and the registration
 * is logged as an INTERESTED activity and, for a campaign's event, a REGISTRATION response, with its
 * confirmation (or waiting-list) e-mail in the outbox. After commit the event's workflow is told to send
 * the mail, and the activity of an account in work goes through its workflow (a failure there does not
 * fail the registration).
 */
export async function registerForEvent(deps: RegistrationDeps, eventId: string, input: RegisterInput): Promise<{ registration: RegistrationView; existing: boolean }> {
  const written = await writeRegistration(deps.db, eventId, input);
  if (!written.existing) await afterRegistration(deps, written, { signalMail: true });
  return { registration: written.registration ?? (await loadRegistrationView(deps.db, eventId, written.registrationId)), existing: written.existing };
}

/** The after-commit steps of one registration; an import signals the mail once for all its rows. */
export async function afterRegistration(deps: RegistrationDeps, written: RegistrationWritten, { signalMail }: { signalMail: boolean }): Promise<void> {
  if (signalMail) void signalEventMailQueued(deps.temporal, written.event.id, deps.logger);
  if (written.response) await applyEventResponse(deps, written.response, written.event.campaignId);
}

/** A registration request checked against its event: what every step of it needs. */
interface Registering {
  event: EventForRegistration;
  input: RegisterInput;
  source: RegistrationSource | null;
  payment: { state: PaymentState | null; amount: string | null };
  loggedById: string;
  now: Date;
}

interface Person {
  accountId: string;
  contactId: string;
  createdAccount: boolean;
}

/**
 * Writes a registration in two steps. The first, a transaction under the accounts lock (lockPerson),
 * finds or creates the person. The second is one statement on its own (autocommit): it locks the
 * account, decides the seat under the event's row lock, and writes the registration, its activity and
 * response and its e-mail. The event's lock, which every registration of the event queues on, is so held
 * for that one statement only, never while this process's event loop is busy with other requests.
 * A payment (audited with it) or a campaign stage waiting for N responses (counted one at a time, under
 * IMPORT_LOCK held exclusively) puts both steps in one transaction instead.
 */
export async function writeRegistration(db: Db, eventId: string, input: RegisterInput): Promise<RegistrationWritten> {
  const event = await readEventForRegistration(db, eventId, { forUpdate: false });
  const registering = registeringOf(event, input);
  if (event.countsResponses || input.payment !== undefined) {
    return db.$transaction(async (tx) => {
      const { written, plan } = await writeSeat(tx, registering, await preparePerson(tx, registering));
      if (!written.response) return written;
      if (input.payment !== undefined) await auditPayment(tx, registering, written.registrationId);
      return { ...written, response: { ...written.response, metCondition: await metConditionOf(tx, plan) } };
    }, PATIENT_TRANSACTION);
  }
  const person = await db.$transaction((tx) => preparePerson(tx, registering, { durable: false }), PATIENT_TRANSACTION);
  return (await writeSeat(db, registering, person)).written;
}

function registeringOf(event: EventForRegistration, input: RegisterInput): Registering {
  const now = new Date();
  if (input.channel === 'PUBLIC') checkPublicRegistrationAllowed(event, input.invitedContactId !== undefined);
  else checkStaffRegistrationAllowed(event, now);
  return { event, input, source: sourceOf(event, input.sourceCode), payment: paymentOf(event, input.payment), loggedById: input.createdById ?? event.ownerId, now };
}

/**
 * The person, matched or created under the accounts lock. `durable: false` commits without waiting for
 * the flush to disk: the registration's own statement follows, and its commit, which does wait, flushes
 * this one too (the log is written in order); a crash before it loses only a person nobody was told of.
 */
async function preparePerson(tx: DbClient, registering: Registering, { durable = true }: { durable?: boolean } = {}): Promise<Person> {
  const { event, input } = registering;
  await lockPerson(tx, event, input, durable);
  const target = await findPerson(tx, input, registering.loggedById);
  if (target.archived) throw archivedAccount(target.accountId);
  // Matching and creating always name a contact: only a response may have none.
  return { accountId: target.accountId, contactId: target.contactId!, createdAccount: target.createdAccount };
}

const archivedAccount = (accountId: string) => new AppError('CONFLICT', `The account of this contact (${accountId}) is archived: restore it before registering its contact`);

/**
 * The statement that decides the seat and writes the registration with everything that goes with it,
 * and answers it as the API shows it. event_registration_seat (the events migration) takes the event's
 * row lock and counts after it is granted, so concurrent registrations never exceed the capacity; the
 * time is read once the seat is decided: first come, first served. The account is locked first, as
 * every response locks it. A person registered already is left as they are (no row: see
 * registeredMeanwhile); one who cancelled registers anew at the back, a payment already made kept.
 */
async function writeSeat(db: DbClient, registering: Registering, person: Person): Promise<{ written: RegistrationWritten; plan: EventResponsePlan }> {
  const { event, input, source, payment, now } = registering;
  const plan = planEventResponse({ event, source, ...person, type: 'REGISTRATION', loggedById: registering.loggedById, occurredAt: now });
  const marked = input.payment !== undefined;
  const invited = Prisma.sql`${input.invitedContactId !== undefined} OR EXISTS (
    SELECT 1 FROM event_invitations i WHERE i.event_id = CAST(${event.id} AS uuid) AND i.contact_id = CAST(${person.contactId} AS uuid))`;
  const kept = (column: string) => Prisma.raw(`CASE WHEN ${marked} THEN EXCLUDED.${column} ELSE r.${column} END`);
  // The registration's columns are all null when the person was registered already.
  const [row] = await db.$queryRaw<(AccountColumns & (RegistrationRow | { [column in keyof RegistrationRow]: null }))[]>`
    WITH ${lockedAccountCte(person.accountId)}, decided AS (
      SELECT seat.status, clock_timestamp() AS at FROM (SELECT event_registration_seat(CAST(${event.id} AS uuid)) AS status FROM account OFFSET 0) seat
    ), registration AS (
      INSERT INTO event_registrations AS r (id, event_id, contact_id, account_id, status, channel, source_code, invited, created_account,
        payment, amount_paid, payment_marked_by_id, payment_marked_at, registered_at, confirmed_at, activity_id, response_id, created_by_id, updated_at)
      SELECT CAST(${randomUUID()} AS uuid), CAST(${event.id} AS uuid), CAST(${person.contactId} AS uuid), CAST(${person.accountId} AS uuid),
        d.status, ${input.channel}, ${source?.code ?? null}, ${invited}, ${person.createdAccount},
        CAST(${payment.state} AS "PaymentState"), CAST(${payment.amount} AS decimal), CAST(${marked ? input.createdById : null} AS uuid), CASE WHEN ${marked} THEN d.at END,
        d.at, CASE WHEN d.status = 'REGISTERED' THEN d.at END, CAST(${plan.activityId} AS uuid), CAST(${plan.responseId} AS uuid), CAST(${input.createdById} AS uuid), d.at
      FROM decided d
      ON CONFLICT (event_id, contact_id) DO UPDATE SET status = EXCLUDED.status, channel = EXCLUDED.channel, source_code = EXCLUDED.source_code,
        invited = r.invited OR EXCLUDED.invited, registered_at = EXCLUDED.registered_at, confirmed_at = EXCLUDED.confirmed_at, cancelled_at = NULL, no_show = FALSE,
        payment = CASE WHEN ${marked} THEN EXCLUDED.payment ELSE COALESCE(r.payment, EXCLUDED.payment) END,
        amount_paid = ${kept('amount_paid')}, payment_marked_by_id = ${kept('payment_marked_by_id')}, payment_marked_at = ${kept('payment_marked_at')},
        activity_id = EXCLUDED.activity_id, response_id = EXCLUDED.response_id, updated_at = EXCLUDED.updated_at
      WHERE r.status = 'CANCELLED'
      RETURNING r.*
    ), ${eventResponseWrites(plan, Prisma.sql`registration`)}, ${queueEmail(event.id)}
    SELECT ${accountColumns}, v.* FROM account LEFT JOIN (
      SELECT CASE WHEN r.status = 'WAITING' THEN event_waiting_ahead(r.event_id, r.id, r.registered_at) + 1 END AS "waitingPosition", ${registrationBaseColumns}
      FROM registration r JOIN contacts c ON c.id = r.contact_id JOIN accounts a ON a.id = r.account_id) v ON TRUE`;
  if (!row) throw archivedAccount(person.accountId);
  if (row.id === null) return { written: await registeredMeanwhile(db, event, person), plan };
  const registration = toRegistrationView(row);
  return { written: { registrationId: registration.id, existing: false, status: registration.status, event, response: eventResponseWritten(plan, row), registration }, plan };
}

/** The person's registration when the statement wrote none: they hold one already (or another request of theirs wrote it a moment before). */
async function registeredMeanwhile(db: DbClient, event: EventForRegistration, target: Person): Promise<RegistrationWritten> {
  const [other] = await db.$queryRaw<{ id: string; status: RegistrationStatus }[]>`
    SELECT id::text AS id, status::text AS status FROM event_registrations WHERE event_id = CAST(${event.id} AS uuid) AND contact_id = CAST(${target.contactId} AS uuid)`;
  if (!other || other.status === 'CANCELLED') throw new AppError('CONFLICT', 'This person was registered or cancelled by another request at the same moment: send the registration again to see it');
  return { registrationId: other.id, existing: true, status: other.status, event, response: null };
}

function auditPayment(tx: DbClient, { input, payment }: Registering, registrationId: string): Promise<void> {
  return recordAudit(tx, {
    actorId: input.createdById,
    action: 'registration.payment',
    entityType: 'EventRegistration',
    entityId: registrationId,
    after: { payment: payment.state, amountPaid: payment.amount },
    reason: 'payment given with the registration',
  });
}

/** The confirmation or waiting-list e-mail of the registration the statement wrote, keyed by its time (a registration made again is confirmed again). */
function queueEmail(eventId: string): Prisma.Sql {
  return Prisma.sql`queued AS (
      INSERT INTO outbound_emails (id, dedupe_key, kind, template_key, event_id, event_registration_id, account_id, why)
      SELECT gen_random_uuid(), t.key || ':' || r.id::text || ':' || floor(extract(epoch FROM r.registered_at) * 1000)::bigint::text, 'EVENT_EMAIL', t.key,
        CAST(${eventId} AS uuid), r.id, r.account_id, jsonb_build_object('eventId', ${eventId}::text, 'registrationId', r.id::text)
      FROM registration r CROSS JOIN LATERAL (SELECT CASE WHEN r.status = 'REGISTERED' THEN 'event.confirmation' ELSE 'event.waiting' END AS key) t
      ON CONFLICT (dedupe_key) DO NOTHING)`;
}

/**
 * The accounts lock. Imports and campaign responses hold IMPORT_LOCK alone, exclusively. A registration
 * holds it shared, with keys of its own person (e-mail, company, contact), so registrations of different
 * people run side by side while two of the same person (or company) never create them twice. Exclusive,
 * as a response, when the event's campaign has a stage waiting for N responses: one response, and only
 * one, meets each count.
 */
async function lockPerson(tx: DbClient, event: EventForRegistration, input: RegisterInput, durable: boolean): Promise<void> {
  if (event.countsResponses) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${IMPORT_LOCK}))`;
    return;
  }
  const keys = personKeys(input);
  // set_config(..., true) is SET LOCAL: for this transaction only.
  const commit = durable ? Prisma.empty : Prisma.sql`set_config('synchronous_commit', 'off', true), `;
  await tx.$executeRaw`
    SELECT ${commit}pg_advisory_xact_lock_shared(hashtext(${IMPORT_LOCK})), (SELECT count(*) FROM (
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
  const [found] = await tx.$queryRaw<{ accountId: string; archived: boolean }[]>`
    SELECT c.account_id::text AS "accountId", a.archived_at IS NOT NULL AS archived FROM contacts c JOIN accounts a ON a.id = c.account_id WHERE c.id = CAST(${contactId} AS uuid)`;
  if (!found) {
    const message = `No contact ${contactId}`;
    throw new AppError('VALIDATION_FAILED', message, [{ path: input.invitedContactId ? 'invite' : 'body.contactId', message }]);
  }
  if (found.archived) throw archivedAccount(found.accountId);
  // An invited person's form fills what their contact lacks (never overwrites).
  if (input.invitedContactId && input.contact) await fillContact(tx, contactId, input.contact);
  return { accountId: found.accountId, contactId, createdAccount: false };
}
