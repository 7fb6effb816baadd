import { z } from 'zod';
import { ContactInput, CreateAccountRequest } from '../accounts/accounts.schemas';
import { TimeZone } from '../rules/duration.schemas';

export const MAX_IMPORT_ROWS = 10_000;
export const IMPORT_BODY_LIMIT = '5mb';

const account = CreateAccountRequest.shape;

/** One row of an import, validated on its own so a bad row is reported and the others still land. */
export const ImportRow = z
  .strictObject({
    accountName: account.name,
    segment: account.segment,
    timeZone: TimeZone.optional().meta({ description: 'For a new account; UTC when absent' }),
    leadSource: account.leadSource,
    fields: account.fields,
    contact: ContactInput.omit({ isPrimary: true }).optional(),
  })
  .meta({ id: 'ImportRow' });
export type ImportRow = z.output<typeof ImportRow>;

// Rows stay unknown here: each is checked by ImportRow on its own and reported, never failing the request.
export const ImportRequest = z
  .strictObject({
    rows: z.array(z.unknown().meta({ description: 'An ImportRow: accountName, segment, timeZone, leadSource, fields, contact (name, email, phone, title, timeZone)' })).min(1).max(MAX_IMPORT_ROWS),
    dryRun: z.boolean().optional().meta({ description: 'Answer what would happen, write nothing' }),
  })
  .meta({ id: 'ImportRequest' });
export type ImportRequest = z.output<typeof ImportRequest>;

export const ImportQuery = z.strictObject({
  dryRun: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => (value === undefined ? undefined : value === 'true'))
    .meta({ description: 'For a CSV body: answer what would happen, write nothing' }),
});
export type ImportQuery = z.output<typeof ImportQuery>;

const Counts = z.object({ accounts: z.number().int(), contacts: z.number().int() });
export const RejectedRow = z.object({
  row: z.number().int().meta({ description: 'JSON: 1-based index in rows; CSV: the spreadsheet row (the header is row 1)' }),
  reasons: z.array(z.object({ field: z.string(), message: z.string() })),
});
export type RejectedRow = z.output<typeof RejectedRow>;

export const ImportResult = z
  .object({
    dryRun: z.boolean(),
    created: Counts,
    merged: Counts.meta({ description: 'accounts: existing accounts the file added to; contacts: rows whose contact already existed' }),
    rejected: z.array(RejectedRow),
    total: z.number().int().meta({ description: 'Rows in the file' }),
  })
  .meta({ id: 'ImportResult' });
export type ImportResult = z.output<typeof ImportResult>;
