import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import type { RuleDefinition, VersionedRule } from '../rules/rule.schemas';
import { missingTemplates } from '../rule-store/rule-writes';
import { loadCurrentRules } from '../rule-store/rule-store';
import { ruleSetProblems } from '../rule-store/validate-rule-set';

/**
 * The current rule set with `changes` in it: each replaces the current rule of its key (as its
 * next version) or is added (as version 1). Checked as POST and PUT /rules check one rule, each
 * change against the whole proposed set: a status loop or an unknown template is a 422 naming
 * `body.rules.<i>.…`, as it would be on the body of the write.
 */
export async function proposedRuleSet(db: DbClient, changes: readonly RuleDefinition[]): Promise<VersionedRule[]> {
  const current = await loadCurrentRules(db);
  const changedKeys = new Set(changes.map((change) => change.key));
  const currentVersion = new Map(current.map((rule) => [rule.key, rule.version]));
  const proposed = [
    ...current.filter((rule) => !changedKeys.has(rule.key)),
    ...changes.map((change) => ({ ...change, id: `proposed-${change.key}`, version: (currentVersion.get(change.key) ?? 0) + 1 })),
  ];
  const problems = [];
  for (const [index, change] of changes.entries()) {
    const at = `body.rules.${index}`;
    problems.push(...ruleSetProblems(proposed, change, at), ...(await missingTemplates(db, change, at)));
  }
  if (problems.length) {
    throw new AppError('RULE_VIOLATION', `The proposed rule set would be invalid: ${problems.map((problem) => problem.message).join('; ')}`, problems);
  }
  return proposed;
}
