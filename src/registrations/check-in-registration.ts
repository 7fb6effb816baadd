import { AppError } from '../errors/app-error';
import { IMPORT_LOCK } from '../imports/import-accounts';
import { applyEventResponse, type RegistrationDeps } from './apply-event-response';
import { readEventForRegistration, sourceOf } from './event-for-registration';
import { planEventResponse, recordEventResponse, type EventResponseWritten } from './record-event-response';
import type { RegistrationStatus, RegistrationView } from './registrations.schemas';
import { loadRegistrationView } from './registration-view';
import { PATIENT_TRANSACTION } from '../db/patient-transaction';

/**
 * Checks a registered person in: checkedInAt/By, an activity on their account and, for a campaign's
 * event, an ATTENDANCE response through the registration's sub-source. Checking in again answers the
 * registration as it is; a WAITING or CANCELLED one is a 409, as is an event that is not SCHEDULED.
 */
export async function checkInRegistration(deps: RegistrationDeps, eventId: string, registrationId: string, by: { userId: string }): Promise<RegistrationView> {
  const written = await deps.db.$transaction(async (tx): Promise<{ response: EventResponseWritten; campaignId: string | null } | null> => {
    // IMPORT_LOCK first, then the event, as registrations take them: it serializes the responses too.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${IMPORT_LOCK}))`;
    const event = await readEventForRegistration(tx, eventId, { forUpdate: true });
    const [registration] = await tx.$queryRaw<{ status: RegistrationStatus; checkedInAt: Date | null; contactId: string; accountId: string; sourceCode: string | null }[]>`
      SELECT status::text AS status, checked_in_at AS "checkedInAt", contact_id::text AS "contactId", account_id::text AS "accountId", source_code AS "sourceCode"
      FROM event_registrations WHERE id = CAST(${registrationId} AS uuid) AND event_id = CAST(${eventId} AS uuid) FOR UPDATE`;
    if (!registration) throw new AppError('NOT_FOUND', `Event ${eventId} has no registration ${registrationId}`);
    if (registration.checkedInAt) return null;
    if (registration.status !== 'REGISTERED') throw new AppError('CONFLICT', `Registration ${registrationId} is ${registration.status}: only a REGISTERED person checks in`);
    if (event.status !== 'SCHEDULED') throw new AppError('CONFLICT', `Event "${event.name}" is ${event.status}: check-in is open while it is SCHEDULED`);
    const now = new Date();
    // A source renamed or removed since: the attendance counts under the event's first source.
    const source = event.sources.find((candidate) => candidate.code === registration.sourceCode) ?? sourceOf(event, undefined);
    const plan = planEventResponse({ event, source, accountId: registration.accountId, contactId: registration.contactId, createdAccount: false, type: 'ATTENDANCE', loggedById: by.userId, occurredAt: now });
    const response = await recordEventResponse(tx, plan);
    await tx.$executeRaw`
      UPDATE event_registrations SET checked_in_at = ${now}, checked_in_by_id = CAST(${by.userId} AS uuid), no_show = FALSE,
        attendance_response_id = CAST(${response.responseId} AS uuid), attendance_activity_id = CAST(${response.activityId} AS uuid), updated_at = ${now}
      WHERE id = CAST(${registrationId} AS uuid)`;
    return { response, campaignId: event.campaignId };
  }, PATIENT_TRANSACTION);
  if (written) await applyEventResponse(deps, written.response, written.campaignId);
  return loadRegistrationView(deps.db, eventId, registrationId);
}
