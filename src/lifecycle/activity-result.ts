import type { Prisma } from '../generated/prisma/client';
import type { RuleVerdict } from '../rules/decision';
import type { AccountEffects } from '../../workflows/account.messages';

/**
 * What an applied activity's `result` column holds: the effects the workflow answered (ids only, in
 * its history) and the verdicts of the rules whose trigger matched. The verdicts are words that may
 * quote an account's segment or fields, so they stay in PostgreSQL: the API reads them from the row.
 * Activities applied before verdicts were kept have none.
 */
export type StoredActivityResult = AccountEffects & { rulesMatched?: RuleVerdict[] };

export function toStoredResult(effects: AccountEffects, verdicts: RuleVerdict[]): Prisma.InputJsonValue {
  const stored: StoredActivityResult = { ...effects, rulesMatched: verdicts };
  return stored as unknown as Prisma.InputJsonValue;
}

/** The effects alone, as the workflow's update answers them (a retry must answer what the first try did). */
export function storedEffects(result: unknown): AccountEffects {
  const { rulesMatched: _verdicts, ...effects } = result as StoredActivityResult;
  return effects;
}

/** The stored verdicts; null for an activity applied before they were kept (or not applied by the rules). */
export function storedVerdicts(result: unknown): RuleVerdict[] | null {
  const verdicts = (result as StoredActivityResult | null)?.rulesMatched;
  return Array.isArray(verdicts) ? verdicts : null;
}
