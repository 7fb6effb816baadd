import { CsvError, parse } from 'csv-parse/sync';
import { AppError } from '../errors/app-error';

const columns = ['name', 'email', 'accountName', 'phone', 'sourceCode'] as const;

/**
 * Turns a CSV file (header row first, columns name, email, accountName, phone, sourceCode) into the
 * rows of a JSON registration import. An empty cell is an absent value: CSV cannot tell them apart.
 */
export function csvToRegistrationImport(text: string): { rows: Record<string, string>[] } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) throw new AppError('VALIDATION_FAILED', `The CSV file cannot be read: ${error.message}`, [{ path: 'body', message: error.message }]);
    throw error;
  }
  const header = records[0]?.map((column) => column.trim()) ?? [];
  const known = new Set<string>(columns);
  const details = [
    ...(header.includes('name') ? [] : [{ path: 'body.name', message: 'The header row has no name column' }]),
    ...header.filter((column) => !known.has(column)).map((column) => ({ path: `body.${column}`, message: `Unknown column (known: ${columns.join(', ')})` })),
    ...header.filter((column, index) => header.indexOf(column) !== index).map((column) => ({ path: `body.${column}`, message: 'Column given twice' })),
  ];
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', `Invalid CSV header: ${details.map((detail) => detail.path).join(', ')}`, details);
  return {
    rows: records.slice(1).map((record) => Object.fromEntries(header.flatMap((column, index) => (record[index]?.trim() ? [[column, record[index]]] : [])))),
  };
}
