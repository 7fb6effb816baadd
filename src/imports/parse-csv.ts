import { CsvError, parse } from 'csv-parse/sync';
import { AppError } from '../errors/app-error';

const accountColumns = { account_name: 'accountName', segment: 'segment', time_zone: 'timeZone', lead_source: 'leadSource' } as const;
const contactColumns = { contact_name: 'name', email: 'email', phone: 'phone', title: 'title', contact_time_zone: 'timeZone' } as const;
const FIELD_PREFIX = 'field.';

/** The CSV column a row field came from, so a rejected CSV row names what the marketer sees. */
export function csvColumnOf(field: string): string {
  const [head, ...rest] = field.split('.');
  if (head === 'fields') return `${FIELD_PREFIX}${rest.join('.')}`;
  const pairs = head === 'contact' ? Object.entries(contactColumns).map(([column, key]) => [column, `contact.${key}`]) : Object.entries(accountColumns);
  return pairs.find(([, key]) => key === field)?.[0] ?? field;
}

/**
 * Turns a CSV file (header row first) into the rows of a JSON import. An empty cell is an absent value:
 * CSV cannot tell them apart. Custom field values stay strings, since CSV has no types.
 */
export function csvToImportRequest(text: string): { rows: Record<string, unknown>[] } {
  const records = parseRecords(text);
  const header = records[0]?.map((column) => column.trim()) ?? [];
  checkHeader(header);
  return { rows: records.slice(1).map((record) => toRow(header, record)) };
}

function parseRecords(text: string): string[][] {
  try {
    // bom: Excel writes one; relax_quotes off: a stray quote is a broken file, not data.
    return parse(text, { bom: true, skip_empty_lines: true }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) throw new AppError('VALIDATION_FAILED', `The CSV file cannot be read: ${error.message}`, [{ path: 'body', message: error.message }]);
    throw error;
  }
}

function checkHeader(header: string[]) {
  const known = new Set<string>([...Object.keys(accountColumns), ...Object.keys(contactColumns)]);
  const unknown = header.filter((column) => !known.has(column) && !(column.startsWith(FIELD_PREFIX) && column.length > FIELD_PREFIX.length));
  const repeated = header.filter((column, index) => header.indexOf(column) !== index);
  const details = [
    ...(header.includes('account_name') ? [] : [{ path: 'body.account_name', message: 'The header row has no account_name column' }]),
    ...unknown.map((column) => ({ path: `body.${column}`, message: `Unknown column (known: ${[...known].join(', ')}, ${FIELD_PREFIX}<name>)` })),
    ...repeated.map((column) => ({ path: `body.${column}`, message: 'Column given twice' })),
  ];
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', `Invalid CSV header: ${details.map((detail) => detail.path).join(', ')}`, details);
}

function toRow(header: string[], record: string[]): Record<string, unknown> {
  const cells = new Map(header.map((column, index) => [column, record[index]?.trim() ? record[index] : undefined]));
  const row: Record<string, unknown> = {};
  for (const [column, key] of Object.entries(accountColumns)) if (cells.get(column) !== undefined) row[key] = cells.get(column);
  const contact: Record<string, unknown> = {};
  for (const [column, key] of Object.entries(contactColumns)) if (cells.get(column) !== undefined) contact[key] = cells.get(column);
  if (Object.keys(contact).length > 0) row.contact = contact;
  const fields = Object.fromEntries(header.filter((column) => column.startsWith(FIELD_PREFIX) && cells.get(column) !== undefined).map((column) => [column.slice(FIELD_PREFIX.length), cells.get(column)]));
  if (Object.keys(fields).length > 0) row.fields = fields;
  return row;
}

/** A CSV row is numbered as a spreadsheet shows it, below its header row, and named by its columns; a JSON row by its place in rows. */
export function rowNumbering(isCsv: boolean): { firstRow: number; fieldName?: (field: string) => string } {
  return isCsv ? { firstRow: 2, fieldName: csvColumnOf } : { firstRow: 1 };
}
