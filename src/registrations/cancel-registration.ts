import { signalEventMailQueued } from '../events/event-workflow-client';
import { AppError } from '../errors/app-error';
import type { RegistrationDeps } from './apply-event-response';
import { readEventForRegistration } from './event-for-registration';
import { promoteWaitingRegistrations } from './promote-waiting';
import type { RegistrationStatus, RegistrationView } from './registrations.schemas';
import { loadRegistrationView } from './registration-view';
import { PATIENT_TRANSACTION } from '../db/patient-transaction';

/**
 * Cancels a registration (from the API or the public cancellation link). A freed seat goes to the first
 * waiting person in the same transaction, under the event's row lock, with their `event.promoted` e-mail
 * queued for the event's workflow. Cancelling a cancelled registration answers it as it is. A checked-in
 * person attended: that is no longer cancelled (409), nor is anything of an event that is over.
 */
export async function cancelRegistration(
  deps: RegistrationDeps,
  eventId: string,
  registrationId: string,
  by: { userId: string | null },
): Promise<{ registration: RegistrationView; promoted: RegistrationView | null }> {
  const promotedIds = await deps.db.$transaction(async (tx) => {
    const event = await readEventForRegistration(tx, eventId, { forUpdate: true });
    const [registration] = await tx.$queryRaw<{ status: RegistrationStatus; checkedInAt: Date | null }[]>`
      SELECT status::text AS status, checked_in_at AS "checkedInAt" FROM event_registrations
      WHERE id = CAST(${registrationId} AS uuid) AND event_id = CAST(${eventId} AS uuid) FOR UPDATE`;
    if (!registration) throw new AppError('NOT_FOUND', `Event ${eventId} has no registration ${registrationId}`);
    if (registration.status === 'CANCELLED') return [];
    if (event.status === 'COMPLETED') throw new AppError('CONFLICT', `Event "${event.name}" is over: its registrations stay as they were`);
    if (registration.checkedInAt) throw new AppError('CONFLICT', `Registration ${registrationId} was checked in at ${registration.checkedInAt.toISOString()}: the person attended`);
    const now = new Date();
    await tx.$executeRaw`
      UPDATE event_registrations SET status = 'CANCELLED', cancelled_at = ${now}, updated_at = ${now}
      WHERE id = CAST(${registrationId} AS uuid)`;
    // Only a seat freed in a live event moves the list: a cancelled event keeps nobody.
    if (registration.status !== 'REGISTERED' || event.status !== 'SCHEDULED') return [];
    return promoteWaitingRegistrations(tx, eventId, now);
  }, PATIENT_TRANSACTION);
  if (promotedIds.length > 0) void signalEventMailQueued(deps.temporal, eventId, deps.logger);
  deps.logger?.debug({ eventId, registrationId, byUserId: by.userId }, 'registration cancelled');
  const [registration, promoted] = await Promise.all([
    loadRegistrationView(deps.db, eventId, registrationId),
    promotedIds[0] ? loadRegistrationView(deps.db, eventId, promotedIds[0]) : Promise.resolve(null),
  ]);
  return { registration, promoted };
}
