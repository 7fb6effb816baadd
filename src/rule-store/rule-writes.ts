import { recordAudit } from '../audit/record-audit';
import type { Caller } from '../auth/caller';
import type { Db, DbClient } from '../db/prisma';
import { isUniqueViolation } from '../db/prisma-errors';
import { AppError } from '../errors/app-error';
import type { Prisma } from '../generated/prisma/client';
import type { RuleDefinition } from '../rules/rule.schemas';
import { loadCurrentRules } from './rule-store';
import { noSuchRule, ruleRowSelect, toRuleView } from './rule-queries';
import type { RuleUpdateRequest } from './rules-api.schemas';
import { ruleSetProblems } from './validate-rule-set';

// Distinct from ensure-admin's 4242001. Every rule write takes it, so the whole-set check of one
// write never misses a rule another write is adding at the same moment (two halves of a loop),
// and so a second edit of one rule reads the version the first just wrote: with FOR UPDATE
// alone, the waiting edit finds its locked row no longer current and can only give up.
const RULE_SET_LOCK = 4242002;

const lockRuleSet = (tx: DbClient) => tx.$executeRaw`SELECT pg_advisory_xact_lock(CAST(${RULE_SET_LOCK} AS bigint))`;

/** send_email actions must name templates that exist, or every e-mail they plan would be skipped. */
export async function missingTemplates(tx: DbClient, definition: RuleDefinition, at = 'body') {
  const wanted = definition.actions.flatMap((action, index) => (action.kind === 'send_email' ? [{ key: action.templateKey, index }] : []));
  if (!wanted.length) return [];
  const found = await tx.emailTemplate.findMany({ where: { key: { in: wanted.map((want) => want.key) } }, select: { key: true } });
  const known = new Set(found.map((template) => template.key));
  return wanted
    .filter((want) => !known.has(want.key))
    .map((want) => ({ path: `${at}.actions.${want.index}.templateKey`, message: `no e-mail template ${want.key} (create it with POST /api/v1/templates)` }));
}

async function assertValidRuleSet(tx: DbClient, definition: RuleDefinition) {
  const problems = [...ruleSetProblems(await loadCurrentRules(tx), definition), ...(await missingTemplates(tx, definition))];
  if (problems.length) throw new AppError('RULE_VIOLATION', `The rule set would be invalid with rule ${definition.key}: ${problems.map((problem) => problem.message).join('; ')}`, problems);
}

// The unique (key, version) is the backstop should two writers ever get past the locks.
const conflictOnDuplicate = (key: string) => (error: unknown) => {
  if (isUniqueViolation(error)) throw new AppError('CONFLICT', `Rule ${key} was changed by someone else at the same moment; read it again and retry`);
  throw error;
};

const asJson = (definition: RuleDefinition) => definition as unknown as Prisma.InputJsonValue;

const insertVersion = (tx: DbClient, caller: Caller, definition: RuleDefinition, version: number) =>
  tx.rule.create({
    data: { key: definition.key, version, definition: asJson(definition), isCurrent: true, createdById: caller.id },
    select: ruleRowSelect,
  });

/** A new rule: its version 1. An existing key is a conflict, since edits make versions (PUT). */
export function createRule(db: Db, caller: Caller, definition: RuleDefinition) {
  return db
    .$transaction(async (tx) => {
      await lockRuleSet(tx);
      if (await tx.rule.count({ where: { key: definition.key } })) {
        throw new AppError('CONFLICT', `Rule ${definition.key} already exists: edit it with PUT /api/v1/rules/${definition.key}`, [{ path: 'body.key', message: 'already used by a rule' }]);
      }
      await assertValidRuleSet(tx, definition);
      const created = await insertVersion(tx, caller, definition, 1);
      await recordAudit(tx, { actorId: caller.id, action: 'rule.create', entityType: 'rule', entityId: definition.key, after: { version: 1, definition: asJson(definition) } });
      return toRuleView(created);
    })
    .catch(conflictOnDuplicate(definition.key));
}

/** The definition an edit writes: the path names the rule, so a different key in the body is refused. */
export function definitionForKey(key: string, body: RuleUpdateRequest): RuleDefinition {
  const { key: bodyKey, ...rest } = body;
  if (bodyKey !== undefined && bodyKey !== key) {
    throw new AppError('VALIDATION_FAILED', 'Invalid request body: body.key', [{ path: 'body.key', message: `must be "${key}", the key in the path (a rule keeps its key; POST a new rule for another key)` }]);
  }
  return { key, ...rest };
}

/**
 * A new version of a rule; the previous one stays, no longer current, because tasks and timers
 * point at it. Older versions are never changed or deleted.
 */
export function publishRuleVersion(db: Db, caller: Caller, key: string, definition: RuleDefinition) {
  return db
    .$transaction(async (tx) => {
      await lockRuleSet(tx);
      // The row lock also holds off writers that do not take the rule-set lock.
      const [current] = await tx.$queryRaw<{ id: string; version: number; definition: Prisma.JsonValue }[]>`SELECT id, version, definition FROM rules WHERE key = ${key} AND is_current FOR UPDATE`;
      if (!current) {
        if (await tx.rule.count({ where: { key } })) throw new AppError('CONFLICT', `Rule ${key} is being changed by someone else; retry`);
        throw noSuchRule(key);
      }
      await assertValidRuleSet(tx, definition);
      await tx.rule.update({ where: { id: current.id }, data: { isCurrent: false } });
      const published = await insertVersion(tx, caller, definition, current.version + 1);
      await recordAudit(tx, {
        actorId: caller.id,
        action: 'rule.update',
        entityType: 'rule',
        entityId: key,
        before: { version: current.version, definition: current.definition as Prisma.InputJsonValue },
        after: { version: published.version, definition: asJson(definition) },
      });
      return toRuleView(published);
    })
    .catch(conflictOnDuplicate(key));
}
