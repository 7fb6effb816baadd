/*
 * The answers of POST /accounts/import (ImportResult, src/imports/import.schemas.ts) and of POST
 * /accounts/import/check (ImportCheckResult, src/imports/import-check.schemas.ts), written out here:
 * importing those modules' types pulls in server code that needs Node's types (Buffer) unless some
 * other console file happens to bring them in.
 */
interface Counts {
  accounts: number;
  contacts: number;
}

interface Reason {
  field: string;
  message: string;
}

export interface ImportResultView {
  dryRun: boolean;
  created: Counts;
  merged: Counts;
  rejected: { row: number; reasons: Reason[] }[];
  total: number;
}

export interface ImportRowCheckView {
  row: number;
  outcome: 'accepted' | 'rejected';
  accountName: string | null;
  contactName: string | null;
  email: string | null;
  /** created: the row creates it; existing: already in the CRM; earlier-row: created by an earlier row of the file. */
  account: 'created' | 'existing' | 'earlier-row' | null;
  contact: 'created' | 'merged' | 'none' | null;
  reasons: Reason[];
}

export interface ImportCheckView {
  total: number;
  created: Counts;
  merged: Counts;
  rows: ImportRowCheckView[];
}
