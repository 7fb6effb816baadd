import { recordAudit } from '../audit/record-audit';
import type { Db } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { readEventForRegistration } from './event-for-registration';
import type { MarkPaymentRequest, PaymentState } from './registrations.schemas';
import { loadRegistrationView } from './registration-view';
import type { RegistrationView } from './registrations.schemas';
import { PATIENT_TRANSACTION } from '../db/patient-transaction';

/**
 * Records a registration's payment (no gateway: a staff action): the state, the amount (for PAID, the
 * event's price unless given), who marked it and when, with an audit entry in the same transaction.
 * A free event's registrations carry no payment: 409.
 */
export async function markPayment(db: Db, eventId: string, registrationId: string, request: MarkPaymentRequest, by: { userId: string }): Promise<RegistrationView> {
  await db.$transaction(async (tx) => {
    const event = await readEventForRegistration(tx, eventId, { forUpdate: false });
    const [registration] = await tx.$queryRaw<{ payment: PaymentState | null; amountPaid: string | null }[]>`
      SELECT payment::text AS payment, amount_paid::text AS "amountPaid" FROM event_registrations
      WHERE id = CAST(${registrationId} AS uuid) AND event_id = CAST(${eventId} AS uuid) FOR UPDATE`;
    if (!registration) throw new AppError('NOT_FOUND', `Event ${eventId} has no registration ${registrationId}`);
    if (event.price === null) throw new AppError('CONFLICT', `Event "${event.name}" is free: its registrations carry no payment`);
    const amount = request.amount !== undefined ? request.amount.toFixed(2) : request.state === 'PAID' ? event.price : null;
    const now = new Date();
    await tx.$executeRaw`
      UPDATE event_registrations SET payment = CAST(${request.state} AS "PaymentState"), amount_paid = CAST(${amount} AS decimal),
        payment_marked_by_id = CAST(${by.userId} AS uuid), payment_marked_at = ${now}, updated_at = ${now}
      WHERE id = CAST(${registrationId} AS uuid)`;
    await recordAudit(tx, {
      actorId: by.userId,
      action: 'registration.payment',
      entityType: 'EventRegistration',
      entityId: registrationId,
      before: { payment: registration.payment, amountPaid: registration.amountPaid },
      after: { payment: request.state, amountPaid: amount, currency: event.currency },
    });
  }, PATIENT_TRANSACTION);
  return loadRegistrationView(db, eventId, registrationId);
}
