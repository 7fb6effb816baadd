import type { Request } from 'express';
import { AppError } from '../errors/app-error';

/**
 * CSV answers of the report routes. A route that declares `csv` (src/api/route.ts) answers text/csv
 * when the request has `?format=csv` or `Accept: text/csv` (and no `?format=json`); `format` is taken
 * out of the query before the route's own query schema sees it, so strict query schemas stay strict.
 */
export type CsvFormat = 'json' | 'csv';

export type CsvCell = string | number | boolean | null | undefined | Date;

/** One CSV table: a header line then one line per row (RFC 4180, CRLF line ends). */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Lines of a CSV table without its header, for an answer streamed in parts (toCsv(header, []) starts it). */
export function csvLines(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',') + '\r\n').join('');
}

function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  // Quote when needed; a leading = + - @ is prefixed with ' so spreadsheets do not run it as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The answer format a request asks for, and its query without `format` (Express 5 parses req.query
 * afresh on each read, so the caller validates the copy). A bad value: 400 naming query.format.
 */
export function requestedFormat(req: Request): { format: CsvFormat; query: Record<string, unknown> } {
  const { format, ...query } = req.query as Record<string, unknown>;
  if (format === undefined) {
    const accept = req.get('accept') ?? '';
    const csv = /(^|,)\s*text\/csv/i.test(accept) && !/application\/json/i.test(accept);
    return { format: csv ? 'csv' : 'json', query };
  }
  if (format === 'csv' || format === 'json') return { format, query };
  throw new AppError('VALIDATION_FAILED', 'Invalid request query: query.format', [{ path: 'query.format', message: 'Expected "json" or "csv"' }]);
}
