// The answers of POST /accounts/import and POST /accounts/import/check, as the server's schemas type them.
export type { ImportResult as ImportResultView } from '../../../../../imports/import.schemas';
export type { ImportCheckResult as ImportCheckView, ImportRowCheck as ImportRowCheckView } from '../../../../../imports/import-check.schemas';
