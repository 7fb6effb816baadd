import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { Prisma } from '../generated/prisma/client';
import type { PaymentState, RegistrationChannel, RegistrationStatus, RegistrationView } from './registrations.schemas';

/** A registration as read by registrationSelect: its row, its contact and account names, and its waiting place. */
export interface RegistrationRow {
  id: string;
  eventId: string;
  status: RegistrationStatus;
  waitingPosition: number | bigint | null;
  contactId: string;
  accountId: string;
  name: string;
  email: string | null;
  accountName: string;
  channel: string;
  sourceCode: string | null;
  invited: boolean;
  payment: PaymentState | null;
  amountPaid: Prisma.Decimal | string | null;
  registeredAt: Date;
  confirmedAt: Date | null;
  cancelledAt: Date | null;
  checkedInAt: Date | null;
  noShow: boolean;
  createdAccount: boolean;
}

/** The columns of a RegistrationView but its waiting place, over `event_registrations r JOIN contacts c JOIN accounts a`. */
export const registrationBaseColumns = Prisma.sql`
  r.id::text AS id, r.event_id::text AS "eventId", r.status::text AS status,
  r.contact_id::text AS "contactId", r.account_id::text AS "accountId", c.name AS name, c.email AS email, a.name AS "accountName",
  r.channel, r.source_code AS "sourceCode", r.invited, r.payment::text AS payment, r.amount_paid::text AS "amountPaid",
  r.registered_at AS "registeredAt", r.confirmed_at AS "confirmedAt", r.cancelled_at AS "cancelledAt", r.checked_in_at AS "checkedInAt",
  r.no_show AS "noShow", r.created_account AS "createdAccount"`;

/**
 * All the columns of a RegistrationView, for a few rows. The waiting place is counted, not stored: a
 * cancellation or a promotion moves everyone behind at once. (A list numbers its rows in one pass instead.)
 */
export const registrationColumns = Prisma.sql`
  CASE WHEN r.status = 'WAITING' THEN (
    SELECT count(*) + 1 FROM event_registrations w
    WHERE w.event_id = r.event_id AND w.status = 'WAITING' AND (w.registered_at, w.id) < (r.registered_at, r.id)
  ) END AS "waitingPosition", ${registrationBaseColumns}`;

export const registrationTables = Prisma.sql`event_registrations r JOIN contacts c ON c.id = r.contact_id JOIN accounts a ON a.id = r.account_id`;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toRegistrationView(row: RegistrationRow): RegistrationView {
  return {
    id: row.id,
    eventId: row.eventId,
    status: row.status,
    waitingPosition: row.waitingPosition === null ? null : Number(row.waitingPosition),
    contactId: row.contactId,
    accountId: row.accountId,
    name: row.name,
    email: row.email,
    accountName: row.accountName,
    channel: row.channel as RegistrationChannel,
    sourceCode: row.sourceCode,
    invited: row.invited,
    payment: row.payment,
    amountPaid: row.amountPaid === null ? null : new Prisma.Decimal(row.amountPaid).toFixed(2),
    registeredAt: row.registeredAt.toISOString(),
    confirmedAt: iso(row.confirmedAt),
    cancelledAt: iso(row.cancelledAt),
    checkedInAt: iso(row.checkedInAt),
    noShow: row.noShow,
    createdAccount: row.createdAccount,
  };
}

/** Reads registrations by id, in the order given (missing ones left out). */
export async function loadRegistrationViews(db: DbClient, ids: string[]): Promise<RegistrationView[]> {
  if (ids.length === 0) return [];
  const rows = await db.$queryRaw<RegistrationRow[]>`
    SELECT ${registrationColumns} FROM ${registrationTables} WHERE r.id = ANY(CAST(${ids} AS uuid[]))`;
  const byId = new Map(rows.map((row) => [row.id, toRegistrationView(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** One registration of the event; another event's registration is as unknown as a missing one (404). */
export async function loadRegistrationView(db: DbClient, eventId: string, registrationId: string): Promise<RegistrationView> {
  const [view] = await loadRegistrationViews(db, [registrationId]);
  if (!view || view.eventId !== eventId) throw new AppError('NOT_FOUND', `Event ${eventId} has no registration ${registrationId}`);
  return view;
}
