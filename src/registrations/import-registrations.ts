import { signalEventMailQueued } from '../events/event-workflow-client';
import { AppError } from '../errors/app-error';
import type { RegistrationDeps } from './apply-event-response';
import { checkStaffRegistrationAllowed, readEventForRegistration } from './event-for-registration';
import { afterRegistration, writeRegistration, type RegistrationWritten } from './register-for-event';
import { RegistrationImportRow, type RegistrationImportResult } from './registrations.schemas';

type RowResult = RegistrationImportResult['rows'][number];

/**
 * Registers the rows of an import one by one, each on its own, as the API registers one
 * person: a bad or refused row is reported with its reason (naming its field) and the others go on.
 * The event's workflow is told once, at the end, that e-mails are queued.
 * `firstRow` is the number of the first row as the caller sees it (2 in a CSV file below its header).
 */
export async function importRegistrations(deps: RegistrationDeps, eventId: string, rows: unknown[], options: { createdById: string; firstRow: number }): Promise<RegistrationImportResult> {
  // The event itself (unknown, not scheduled, over) refuses every row: the whole import says so.
  checkStaffRegistrationAllowed(await readEventForRegistration(deps.db, eventId, { forUpdate: false }), new Date());
  const results: RowResult[] = [];
  const counts = { created: 0, waiting: 0, existing: 0, failed: 0 };
  let queued = false;
  for (const [index, value] of rows.entries()) {
    const row = options.firstRow + index;
    const parsed = RegistrationImportRow.safeParse(value);
    if (!parsed.success) {
      counts.failed++;
      results.push({ row, error: parsed.error.issues.map((issue) => `${issue.path.map(String).join('.') || 'row'}: ${issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.join(', ')}` : issue.message}`).join('; ') });
      continue;
    }
    const { sourceCode, ...contact } = parsed.data;
    let written: RegistrationWritten;
    try {
      written = await writeRegistration(deps.db, eventId, { contact, sourceCode, channel: 'IMPORT', createdById: options.createdById });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      counts.failed++;
      results.push({ row, error: error.details[0] ? `${error.details[0].path?.replace(/^body\./, '') ?? 'row'}: ${error.details[0].message}` : error.message });
      continue;
    }
    if (written.existing) counts.existing++;
    else if (written.status === 'WAITING') counts.waiting++;
    else counts.created++;
    if (!written.existing) {
      queued = true;
      await afterRegistration(deps, written, { signalMail: false });
    }
    results.push({ row, registrationId: written.registrationId, status: written.status, existing: written.existing });
  }
  if (queued) void signalEventMailQueued(deps.temporal, eventId, deps.logger);
  return { ...counts, rows: results };
}
