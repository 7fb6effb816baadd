import { dryRunRules } from '../../rule-dry-run/dry-run-rules';
import { RuleDryRunRequest, RuleDryRunResult } from '../../rule-store/dry-run.schemas';
import { getRule, getRuleVersion, listRules } from '../../rule-store/rule-queries';
import { createRule, definitionForKey, publishRuleVersion } from '../../rule-store/rule-writes';
import { ListRulesQuery, RuleDetail, RuleKeyParams, RuleList, RuleUpdateRequest, RuleVersionParams, RuleView } from '../../rule-store/rules-api.schemas';
import { RuleDefinition } from '../../rules/rule.schemas';
import { defineRoute } from '../route';

// Everyone may read the rules: a manager follows a task's (ruleKey, ruleVersion) to learn why
// it exists. Only admins write them.
export const ruleRoutes = [
  defineRoute({
    method: 'get', path: '/rules', tag: 'Rules', roles: 'any',
    summary: 'The current version of every rule, in the order the engine runs them (priority, then key); includeHistory=true adds every older version',
    query: ListRulesQuery,
    response: { status: 200, description: 'The rules', schema: RuleList },
    handler: ({ query, deps }) => listRules(deps.db, query.includeHistory),
  }),
  // Before the /rules/:key routes, so that "dry-run" is never read as a rule's key.
  defineRoute({
    method: 'post', path: '/rules/dry-run', tag: 'Rules', roles: ['admin'],
    summary: 'Replay the last `days` days (default 90, at most 365) of logged activities and timer firings under the current rules with `rules` changed or added, writing nothing, and answer per account what would differ from what really happened (status reached, tasks, timers, e-mails), with totals',
    body: RuleDryRunRequest,
    response: { status: 200, description: 'What the proposed rules would have changed', schema: RuleDryRunResult },
    errors: [422, 503],
    handler: ({ body, context }) => dryRunRules(context, body),
  }),
  defineRoute({
    method: 'get', path: '/rules/:key', tag: 'Rules', roles: 'any',
    summary: 'The current version of a rule, with the list of all its versions',
    params: RuleKeyParams,
    response: { status: 200, description: 'The rule', schema: RuleDetail },
    errors: [404],
    handler: ({ params, deps }) => getRule(deps.db, params.key),
  }),
  defineRoute({
    method: 'get', path: '/rules/:key/versions/:version', tag: 'Rules', roles: 'any',
    summary: 'One exact version of a rule, as tasks and timers name it; old versions are kept for ever',
    params: RuleVersionParams,
    response: { status: 200, description: 'That version', schema: RuleView },
    errors: [404],
    handler: ({ params, deps }) => getRuleVersion(deps.db, params.key, params.version),
  }),
  defineRoute({
    method: 'post', path: '/rules', tag: 'Rules', roles: ['admin'],
    summary: 'Create a rule (its version 1); refused with 422 when the rule set would loop',
    body: RuleDefinition,
    response: { status: 201, description: 'The new rule', schema: RuleView },
    errors: [409, 422],
    handler: ({ body, caller, deps }) => createRule(deps.db, caller, body),
  }),
  defineRoute({
    method: 'put', path: '/rules/:key', tag: 'Rules', roles: ['admin'],
    summary: 'Edit a rule: writes version n+1 and keeps version n, which running timers still use; enabled:false disables it',
    params: RuleKeyParams, body: RuleUpdateRequest,
    response: { status: 200, description: 'The new current version', schema: RuleView },
    errors: [404, 409, 422],
    handler: ({ params, body, caller, deps }) => publishRuleVersion(deps.db, caller, params.key, definitionForKey(params.key, body)),
  }),
];
