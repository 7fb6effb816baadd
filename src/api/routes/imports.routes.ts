import { IMPORT_BODY_LIMIT, ImportQuery, ImportRequest, ImportResult } from '../../imports/import.schemas';
import { importAccounts } from '../../imports/import-accounts';
import { csvToImportRequest, rowNumbering } from '../../imports/parse-csv';
import { defineRoute } from '../route';

export const importRoutes = [
  defineRoute({
    method: 'post',
    path: '/accounts/import',
    tag: 'Accounts',
    summary:
      'Import accounts and contacts from JSON rows or a CSV file (text/csv; columns account_name, segment, time_zone, lead_source, contact_name, email, phone, title, contact_time_zone, field.<name>): duplicates merged by e-mail, else by account + contact name; bad rows reported; all or nothing',
    roles: ['marketer', 'admin'],
    body: ImportRequest,
    csvBody: { limit: IMPORT_BODY_LIMIT, toBody: csvToImportRequest },
    rowsValidatedOneByOne: true,
    query: ImportQuery,
    response: { status: 200, description: 'What was created and merged, and each rejected row with its reasons', schema: ImportResult },
    errors: [503],
    handler: ({ body, query, caller, deps, req }) =>
      importAccounts(deps.db, caller.id, { rows: body.rows, dryRun: body.dryRun ?? query.dryRun ?? false, ...rowNumbering(Boolean(req.is('text/csv'))) }),
  }),
];
