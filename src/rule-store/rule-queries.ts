import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import type { Prisma } from '../generated/prisma/client';
import type { RuleView } from './rules-api.schemas';

export const ruleRowSelect = {
  id: true,
  key: true,
  version: true,
  definition: true,
  isCurrent: true,
  createdAt: true,
  createdById: true,
} as const satisfies Prisma.RuleSelect;
export type RuleRow = Prisma.RuleGetPayload<{ select: typeof ruleRowSelect }>;

/**
 * A stored version as the API shows it. The definition is shown as it was written, not
 * re-parsed: an old version must stay readable even if the schema has since become stricter.
 */
export function toRuleView(row: RuleRow): RuleView {
  const definition = row.definition as Record<string, unknown>;
  return {
    ...(definition as Omit<RuleView, 'id' | 'version' | 'isCurrent' | 'createdAt' | 'createdById'>),
    id: row.id,
    key: row.key,
    version: row.version,
    enabled: definition.enabled !== false,
    isCurrent: row.isCurrent,
    createdAt: row.createdAt.toISOString(),
    createdById: row.createdById,
  };
}

const priorityOf = (row: RuleRow) => {
  const priority = (row.definition as { priority?: unknown }).priority;
  return typeof priority === 'number' ? priority : 100;
};

/**
 * The rules in the order the engine runs them (priority, then key). With history, each key's
 * older versions follow its current one, newest first, all placed by the current priority.
 */
export async function listRules(db: DbClient, includeHistory: boolean): Promise<{ items: RuleView[] }> {
  const rows = await db.rule.findMany({ where: includeHistory ? {} : { isCurrent: true }, select: ruleRowSelect });
  const currentPriority = new Map(rows.filter((row) => row.isCurrent).map((row) => [row.key, priorityOf(row)]));
  const rank = (row: RuleRow) => currentPriority.get(row.key) ?? priorityOf(row);
  rows.sort((a, b) => rank(a) - rank(b) || a.key.localeCompare(b.key) || b.version - a.version);
  return { items: rows.map(toRuleView) };
}

export async function getRule(db: DbClient, key: string) {
  const rows = await db.rule.findMany({ where: { key }, select: ruleRowSelect, orderBy: { version: 'asc' } });
  const current = rows.find((row) => row.isCurrent);
  if (!current) throw noSuchRule(key);
  const versions = rows.map((row) => ({ id: row.id, version: row.version, createdAt: row.createdAt.toISOString(), createdById: row.createdById }));
  return { ...toRuleView(current), versions };
}

export async function getRuleVersion(db: DbClient, key: string, version: number): Promise<RuleView> {
  const row = await db.rule.findUnique({ where: { key_version: { key, version } }, select: ruleRowSelect });
  if (!row) {
    const exists = await db.rule.count({ where: { key } });
    if (!exists) throw noSuchRule(key);
    throw new AppError('NOT_FOUND', `Rule ${key} has no version ${version}`, [{ path: 'path.version', message: 'no such version' }]);
  }
  return toRuleView(row);
}

export const noSuchRule = (key: string) =>
  new AppError('NOT_FOUND', `No rule ${key}`, [{ path: 'path.key', message: 'no rule has this key (POST /api/v1/rules creates one)' }]);
