import { IMPORT_BODY_LIMIT } from '../../imports/import.schemas';
import { ImportCheckRequest, ImportCheckResult } from '../../imports/import-check.schemas';
import { checkImport } from '../../imports/check-import';
import { csvToImportRequest, rowNumbering } from '../../imports/parse-csv';
import { defineRoute } from '../route';

export const importCheckRoutes = [
  defineRoute({
    method: 'post',
    path: '/accounts/import/check',
    tag: 'Accounts',
    summary:
      'Check an import row by row, writing nothing: for each row of the JSON rows or CSV file (same columns as POST /accounts/import), accepted (the account created, existing or from an earlier row; the contact created, merged or none) or rejected with each bad field',
    roles: ['marketer', 'admin'],
    body: ImportCheckRequest,
    csvBody: { limit: IMPORT_BODY_LIMIT, toBody: csvToImportRequest },
    rowsValidatedOneByOne: true,
    response: { status: 200, description: 'Every row with its outcome, and the counts a dry run of the import gives', schema: ImportCheckResult },
    errors: [503],
    handler: ({ body, deps, req }) => checkImport(deps.db, { rows: body.rows, ...rowNumbering(Boolean(req.is('text/csv'))) }),
  }),
];
