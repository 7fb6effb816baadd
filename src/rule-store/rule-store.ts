import type { DbClient } from '../db/prisma';
import { Prisma } from '../generated/prisma/client';
import { BusinessCalendar, defaultBusinessCalendar } from '../rules/business-calendar';
import { defaultRules } from '../rules/default-rules';
import { RuleDefinition, type VersionedRule } from '../rules/rule.schemas';

type RuleRow = { id: string; version: number; definition: unknown };

// A rule version never changes once written, so its parsed form can be kept by id.
const parsedVersions = new Map<string, VersionedRule>();

function toVersionedRule(row: RuleRow): VersionedRule {
  let rule = parsedVersions.get(row.id);
  if (!rule) {
    rule = { ...RuleDefinition.parse(row.definition), id: row.id, version: row.version };
    parsedVersions.set(row.id, rule);
  }
  return rule;
}

/** The current version of every rule; evaluation skips disabled ones. */
export async function loadCurrentRules(db: DbClient): Promise<VersionedRule[]> {
  const rows = await db.rule.findMany({ where: { isCurrent: true }, select: { id: true, version: true, definition: true }, orderBy: { key: 'asc' } });
  return rows.map(toVersionedRule);
}

/** One exact version: a timer keeps the version of the rule that started it. */
export async function loadRuleVersion(db: DbClient, ruleId: string): Promise<VersionedRule | undefined> {
  const row = await db.rule.findUnique({ where: { id: ruleId }, select: { id: true, version: true, definition: true } });
  return row ? toVersionedRule(row) : undefined;
}

/**
 * Every stored version, each parsed when first asked for (undefined if it no longer parses, as
 * loadRuleVersion would fail on it): the dry run's overdue checks started before its window.
 */
export async function loadAllRuleVersions(db: DbClient): Promise<(ruleId: string) => VersionedRule | undefined> {
  const rows = new Map((await db.rule.findMany({ select: { id: true, version: true, definition: true } })).map((row) => [row.id, row]));
  return (ruleId) => {
    const row = rows.get(ruleId);
    if (!row) return undefined;
    try {
      return toVersionedRule(row);
    } catch {
      return undefined;
    }
  };
}

export async function loadBusinessCalendar(db: DbClient): Promise<BusinessCalendar> {
  const row = await db.businessCalendar.findUnique({ where: { id: 'default' }, select: { weekendDays: true, holidays: true } });
  return row ? BusinessCalendar.parse(row) : defaultBusinessCalendar;
}

export interface RulesAndCalendar {
  rules: VersionedRule[];
  calendar: BusinessCalendar;
}

/**
 * The columns `rules` and `calendar` of what evaluating the rules needs: the current version of every rule,
 * as loadCurrentRules, and the business calendar. A statement that reads something else with them
 * (a logged activity) parses its row with rulesAndCalendarOf.
 */
export const rulesAndCalendarColumns = Prisma.sql`
  (SELECT coalesce(json_agg(json_build_object('id', id, 'version', version, 'definition', definition) ORDER BY key), '[]'::json) FROM rules WHERE is_current) AS rules,
  (SELECT json_build_object('weekendDays', weekend_days, 'holidays', holidays) FROM business_calendar WHERE id = 'default') AS calendar`;

export type RulesAndCalendarRow = { rules: RuleRow[]; calendar: unknown };

export function rulesAndCalendarOf(row: RulesAndCalendarRow): RulesAndCalendar {
  return { rules: row.rules.map(toVersionedRule), calendar: row.calendar ? BusinessCalendar.parse(row.calendar) : defaultBusinessCalendar };
}

/** What evaluating the rules needs, read in one statement (a fired timer reads them). */
export async function loadRulesAndCalendar(db: DbClient): Promise<RulesAndCalendar> {
  const [row] = await db.$queryRaw<RulesAndCalendarRow[]>`SELECT ${rulesAndCalendarColumns}`;
  return rulesAndCalendarOf(row!);
}

/** Installs the default rule set on a database that has no rules yet (first start). */
export async function installDefaultRules(db: DbClient): Promise<number> {
  if (await db.rule.count()) return 0;
  const { count } = await db.rule.createMany({
    data: defaultRules.map((definition) => ({ key: definition.key, version: 1, definition, isCurrent: true })),
    skipDuplicates: true,
  });
  return count;
}
