import type { CriteriaNode } from '../../../../../segments/segment-criteria.schemas';
// The field list and the operators each field allows come from the server's own module (plain
// constants, no zod): the builder can never offer an operator the API would refuse.
import { criteriaFields, fieldKind, opsFor, type CriteriaField, type CriteriaOp, type FieldKind } from '../../../../../segments/segment-fields';
import { msg } from '../../../i18n/i18n';

export { criteriaFields, fieldKind, opsFor };
export type { CriteriaField, CriteriaOp, FieldKind };

export const fieldLabels: Record<CriteriaField, string> = {
  'account.segment': msg('Account segment'),
  'account.status': msg('Account status'),
  'account.ownerId': msg('Account owner'),
  'account.leadSource': msg('Lead source'),
  'account.createdAt': msg('Account created'),
  'account.lastContactedAt': msg('Last contacted'),
  'account.name': msg('Account name'),
  'account.fields': msg('Custom account field'),
  'contact.email': msg('Contact e-mail'),
  'contact.title': msg('Contact title'),
  'contact.hasEmail': msg('Contact has an e-mail'),
};

export const opLabels: Record<CriteriaOp, string> = {
  eq: msg('is'),
  neq: msg('is not'),
  in: msg('is one of'),
  contains: msg('contains'),
  before: msg('is before'),
  after: msg('is after'),
  withinDays: msg('is within the last (days)'),
  isSet: msg('is set'),
  isNotSet: msg('is empty'),
};

export interface ConditionDraft {
  kind: 'condition';
  uid: number;
  field: CriteriaField;
  /** The custom field's name (account.fields only). */
  key: string;
  op: CriteriaOp;
  /** Typed values: text, a date, a number of days, 'true'/'false', a status or a user id. */
  value: string;
  /** Picked values of an `in` over a closed list (statuses, users). */
  values: string[];
}

export interface GroupDraft {
  kind: 'group';
  uid: number;
  match: 'all' | 'any';
  /** Saved as `{ not: { all|any: [...] } }`. */
  negate: boolean;
  children: CriteriaDraft[];
}

export type CriteriaDraft = ConditionDraft | GroupDraft;

let nextUid = 1;
export const newUid = () => nextUid++;

/** Lists of choices (statuses, users) are picked; free values are typed, comma-separated for `in`. */
export const picksFromList = (field: CriteriaField) => fieldKind[field] === 'status' || fieldKind[field] === 'uuid';

export const takesNoValue = (op: CriteriaOp) => op === 'isSet' || op === 'isNotSet';

function defaultValue(field: CriteriaField): string {
  const kind = fieldKind[field];
  if (kind === 'boolean') return 'true';
  if (kind === 'status') return 'NEW';
  return '';
}

export function newCondition(field: CriteriaField = 'account.segment'): ConditionDraft {
  return { kind: 'condition', uid: newUid(), field, key: '', op: opsFor(field)[0]!, value: defaultValue(field), values: [] };
}

export const newGroup = (match: 'all' | 'any' = 'all', children: CriteriaDraft[] = [newCondition()]): GroupDraft => ({ kind: 'group', uid: newUid(), match, negate: false, children });

/** A new field keeps the operator when it still fits, and starts from an empty value of its type. */
export function withField(condition: ConditionDraft, field: CriteriaField): ConditionDraft {
  const ops = opsFor(field);
  return { ...condition, field, op: ops.includes(condition.op) ? condition.op : ops[0]!, value: defaultValue(field), values: [], key: field === 'account.fields' ? condition.key : '' };
}

// A typed number stays text when it is not one, so the API names the field instead of the page guessing.
const asNumber = (text: string): number | string => (/^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : text);
const splitList = (text: string) => text.split(',').map((part) => part.trim()).filter((part) => part !== '');

function conditionToCriteria(condition: ConditionDraft): CriteriaNode {
  const node: CriteriaNode = { field: condition.field, op: condition.op };
  if (condition.field === 'account.fields') node.key = condition.key.trim();
  if (takesNoValue(condition.op)) return node;
  if (condition.op === 'withinDays') node.value = asNumber(condition.value);
  else if (condition.op === 'in') node.value = picksFromList(condition.field) ? condition.values : splitList(condition.value);
  else if (fieldKind[condition.field] === 'boolean') node.value = condition.value === 'true';
  else node.value = condition.value;
  return node;
}

/** The editor's tree as the API's criteria. */
export function toCriteria(draft: CriteriaDraft): CriteriaNode {
  if (draft.kind === 'condition') return conditionToCriteria(draft);
  const group: CriteriaNode = { [draft.match]: draft.children.map(toCriteria) };
  return draft.negate ? { not: group } : group;
}

function conditionFromCriteria(node: CriteriaNode): ConditionDraft {
  const field = node.field!;
  const condition: ConditionDraft = { kind: 'condition', uid: newUid(), field, key: node.key ?? '', op: node.op ?? opsFor(field)[0]!, value: '', values: [] };
  if (Array.isArray(node.value)) {
    if (picksFromList(field)) condition.values = node.value.map(String);
    else condition.value = node.value.map(String).join(', ');
  } else if (node.value !== undefined && node.value !== null) condition.value = String(node.value);
  return condition;
}

function fromNode(node: CriteriaNode): CriteriaDraft {
  if (node.not) {
    const inner = fromNode(node.not);
    return inner.kind === 'group' && !inner.negate ? { ...inner, negate: true } : { kind: 'group', uid: newUid(), match: 'all', negate: true, children: [inner] };
  }
  if (node.all || node.any) return { kind: 'group', uid: newUid(), match: node.all ? 'all' : 'any', negate: false, children: (node.all ?? node.any)!.map(fromNode) };
  return conditionFromCriteria(node);
}

/** Saved criteria as the editor's tree; the root is always a group, so conditions can be added to it. */
export function fromCriteria(node: CriteriaNode): GroupDraft {
  const draft = fromNode(node);
  return draft.kind === 'group' ? draft : newGroup('all', [draft]);
}

/** Where a node sits in the request body, as the API names it in error details (`body.criteria.all.1.value`). */
export const childPath = (groupPath: string, group: GroupDraft, index: number) => `${group.negate ? `${groupPath}.not` : groupPath}.${group.match}.${index}`;

/** A problem named exactly at `path` (not at one of its children). */
export function exactDetail(error: { details: { path?: string; message: string }[] } | undefined, path: string): string | undefined {
  const messages = error?.details.filter((detail) => detail.path === path).map((detail) => detail.message) ?? [];
  return messages.length ? messages.join('; ') : undefined;
}

/** Replaces the node with `uid` anywhere in the tree (or removes it when `next` is null). */
export function replaceNode(group: GroupDraft, uid: number, next: CriteriaDraft | null): GroupDraft {
  const children: CriteriaDraft[] = [];
  for (const child of group.children) {
    if (child.uid === uid) {
      if (next) children.push(next);
    } else children.push(child.kind === 'group' ? replaceNode(child, uid, next) : child);
  }
  // A sub-group left empty goes too: the API wants at least one condition in every group.
  return { ...group, children: children.filter((child) => child.kind === 'condition' || child.children.length > 0) };
}
