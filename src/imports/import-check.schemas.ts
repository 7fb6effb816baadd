import { z } from 'zod';
import { ImportRequest } from './import.schemas';

/** The rows to check: the same rows POST /accounts/import takes, without dryRun (a check never writes). */
export const ImportCheckRequest = ImportRequest.omit({ dryRun: true }).meta({ id: 'ImportCheckRequest' });
export type ImportCheckRequest = z.output<typeof ImportCheckRequest>;

export const importAccountOutcomes = ['created', 'existing', 'earlier-row'] as const;
export const importContactOutcomes = ['created', 'merged', 'none'] as const;

export const ImportRowCheck = z
  .object({
    row: z.number().int().meta({ description: 'JSON: 1-based index in rows; CSV: the spreadsheet row (the header is row 1)' }),
    outcome: z.enum(['accepted', 'rejected']),
    accountName: z.string().nullable().meta({ description: 'As the row gives it; null when the row has none or is not an object' }),
    contactName: z.string().nullable(),
    email: z.string().nullable(),
    account: z
      .enum(importAccountOutcomes)
      .nullable()
      .meta({ description: 'created: the row creates the account; existing: it adds to an account already in the CRM (same name); earlier-row: to one an earlier row of the file creates. null when rejected' }),
    contact: z
      .enum(importContactOutcomes)
      .nullable()
      .meta({ description: 'created: a new contact; merged: the same contact already exists (same e-mail, else same account and name) and only gains what it lacked; none: the row has no contact. null when rejected' }),
    reasons: z.array(z.object({ field: z.string(), message: z.string() })).meta({ description: 'Why a rejected row is refused: each bad field (the CSV column for a CSV file)' }),
  })
  .meta({ id: 'ImportRowCheck' });
export type ImportRowCheck = z.output<typeof ImportRowCheck>;

const Counts = z.object({ accounts: z.number().int(), contacts: z.number().int() });

export const ImportCheckResult = z
  .object({
    total: z.number().int().meta({ description: 'Rows in the file' }),
    created: Counts,
    merged: Counts.meta({ description: 'The same counts as a dry run of POST /accounts/import' }),
    rows: z.array(ImportRowCheck).meta({ description: 'Every row of the file, in order, with what importing it would do' }),
  })
  .meta({ id: 'ImportCheckResult' });
export type ImportCheckResult = z.output<typeof ImportCheckResult>;
