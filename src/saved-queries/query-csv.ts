import type { Response } from 'express';
import type { DbClient } from '../db/prisma';
import { csvLines, toCsv } from '../reports/csv';
import type { RunContext } from './compile-filters';
import { pageRows } from './run-query';
import type { QueryDefinition } from './saved-queries.schemas';

/** Rows fetched per round trip while streaming: memory stays flat whatever the query finds. */
const BATCH = 1000;

/**
 * Writes every row of the query as CSV, one batch at a time (keyset pages, so each batch costs the
 * same); cells go through the reports' CSV escaping and spreadsheet-formula guard.
 */
export async function streamCsv(db: DbClient, definition: QueryDefinition, context: RunContext, fileName: string, res: Response): Promise<void> {
  // The first batch is read before anything is sent, so a failure can still answer with an error.
  let page = await pageRows(db, definition, context, { limit: BATCH });
  res.status(200).type('text/csv; charset=utf-8').attachment(`${fileName}.csv`);
  res.write(toCsv(page.columns.map((column) => column.label), []));
  for (;;) {
    const fields = page.columns.map((column) => column.field);
    res.write(csvLines(page.items.map((item) => fields.map((field) => item.cells[field]))));
    if (!page.nextCursor) break;
    page = await pageRows(db, definition, context, { limit: BATCH, cursor: page.nextCursor });
  }
  res.end();
}
