import type { RuleView } from '../../../../../rule-store/rules-api.schemas';
import type { RuleDefinition } from '../../../../../rules/rule.schemas';
import type { ErrorDetail } from '../../../api';
import { locateJsonPath } from './json-locate';
import { t } from '../../../i18n/i18n';

/** The fields of a rule definition, in the schema's order; the views add others (id, version, versions…). */
const DEFINITION_FIELDS = ['key', 'name', 'description', 'enabled', 'priority', 'trigger', 'conditions', 'actions'] as const satisfies readonly (keyof RuleDefinition)[];
// Fails to compile when RuleDefinition gains a field this list does not name.
const everyFieldListed: Exclude<keyof RuleDefinition, (typeof DEFINITION_FIELDS)[number]> extends never ? true : never = true;
void everyFieldListed;

/**
 * Keys in an order people read (the stored JSON keeps PostgreSQL's, by key length): the rule's
 * fields as the schema lists them, and inside them `kind` first, then the rest alphabetically. Every
 * version is printed the same way, so a diff shows only real changes.
 */
function readable(value: unknown, order?: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => readable(item));
  if (typeof value !== 'object' || value === null) return value;
  const rank = (key: string) => (order ? (order.indexOf(key) + 1 || order.length + 1) : key === 'kind' ? 0 : 1);
  const keys = Object.keys(value).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return Object.fromEntries(keys.map((key) => [key, readable((value as Record<string, unknown>)[key])]));
}

/** A stored version as the definition an admin edits: only its definition's fields, not those the server adds. */
export function definitionOf(rule: RuleView): Record<string, unknown> {
  const definition = Object.fromEntries(DEFINITION_FIELDS.filter((field) => rule[field] !== undefined).map((field) => [field, rule[field]]));
  return readable(definition, DEFINITION_FIELDS) as Record<string, unknown>;
}

export const definitionText = (rule: RuleView) => JSON.stringify(definitionOf(rule), null, 2);

/** A new rule to start from: a valid shape the admin changes. */
export const newRuleText = JSON.stringify(
  {
    key: 'call-back-after-no-answer',
    name: 'Call back the next business day when nobody answered',
    enabled: true,
    priority: 100,
    trigger: { kind: 'activity_logged', activityTypes: ['CALL'], outcomes: ['NO_ANSWER'] },
    conditions: [],
    actions: [{ kind: 'create_task', taskType: 'CALL', title: 'Call again', due: { after: 'P1D', businessDays: true }, assignTo: 'owner' }],
  },
  null,
  2,
);

export type Parsed = { ok: true; value: Record<string, unknown> } | { ok: false; problem: RuleProblem };

/** A problem with the text, at a line when the place is known. */
export interface RuleProblem {
  /** The field inside the rule (`actions.0.due`), or '' for the whole text. */
  field: string;
  message: string;
  line?: number;
  start?: number;
  end?: number;
}

export function parseRuleText(text: string): Parsed {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, problem: { field: '', message: t('The rule must be a JSON object: { "key": …, "trigger": …, "actions": […] }') } };
    return { ok: true, value: value as Record<string, unknown> };
  } catch (caught) {
    const message = caught instanceof Error ? caught.message : String(caught);
    // V8 says where: "… in JSON at position 123 (line 5 column 3)".
    const position = /position (\d+)/.exec(message);
    const start = position ? Number(position[1]) : undefined;
    const line = start === undefined ? undefined : text.slice(0, start).split('\n').length;
    return { ok: false, problem: { field: '', message: t('Not valid JSON: {message}', { message }), line, start, end: start === undefined ? undefined : start + 1 } };
  }
}

/**
 * The API's details as problems in the text: `body.actions.0.due` (save) and
 * `body.rules.0.actions.0.due` (dry run) both name `actions.0.due` of the rule, found in `text`.
 * Details about other fields (`body.days`) are left to the form.
 */
export function problemsInText(text: string, details: readonly ErrorDetail[]): RuleProblem[] {
  return details.flatMap((detail) => {
    const match = /^body(?:\.rules\.\d+)?(?:\.(.*))?$/.exec(detail.path ?? '');
    if (!match || detail.path === 'body.days') return [];
    const field = match[1] ?? '';
    const spot = field ? locateJsonPath(text, field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part))) : undefined;
    return [{ field, message: detail.message, ...(spot ?? {}) }];
  });
}
