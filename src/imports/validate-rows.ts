import { ImportRow, type RejectedRow } from './import.schemas';

export interface ValidRow {
  row: number;
  data: ImportRow;
}

/**
 * Checks every row on its own: a bad row is reported with each bad field and the others go on.
 * `firstRow` is the number of the first row as the caller sees it (2 in a CSV file below its header).
 */
export function validateRows(rows: unknown[], firstRow: number, fieldName: (field: string) => string = (field) => field) {
  const valid: ValidRow[] = [];
  const rejected: RejectedRow[] = [];
  rows.forEach((value, index) => {
    const row = firstRow + index;
    const result = ImportRow.safeParse(value);
    if (result.success) {
      valid.push({ row, data: result.data });
      return;
    }
    const reasons = result.error.issues.flatMap((issue) => {
      const at = issue.path.map(String).join('.');
      if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ field: fieldName(at ? `${at}.${key}` : key), message: 'Unknown field' }));
      return [{ field: fieldName(at || 'row'), message: issue.message }];
    });
    rejected.push({ row, reasons });
  });
  return { valid, rejected };
}
