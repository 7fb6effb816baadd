import { z } from 'zod';
import { Status } from '../rules/lifecycle';
import { criteriaFields, criteriaOps, fieldKind, MAX_DEPTH, MAX_IN_VALUES, MAX_LEAVES, opsFor, type CriteriaField, type CriteriaOp, type FieldKind } from './segment-fields';

/** One node of a segment's criteria: exactly one of all, any, not, or a condition (field, op, value). */
export interface CriteriaNode {
  all?: CriteriaNode[];
  any?: CriteriaNode[];
  not?: CriteriaNode;
  field?: CriteriaField;
  key?: string;
  op?: CriteriaOp;
  value?: unknown;
}

const isoDate = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);
const text = z.string().max(500);
const one: Record<FieldKind, z.ZodType> = {
  text,
  custom: z.union([text, z.number(), z.boolean()]),
  status: Status,
  uuid: z.uuid(),
  boolean: z.boolean(),
  date: isoDate,
};

/** What the value must be for this kind and op; undefined when the op takes no value. */
function valueSchema(kind: FieldKind, op: CriteriaOp): z.ZodType | undefined {
  if (op === 'isSet' || op === 'isNotSet') return undefined;
  if (op === 'withinDays') return z.number().int().positive().max(36_500);
  if (op === 'before' || op === 'after') return isoDate;
  if (op === 'contains') return z.string().min(1).max(500);
  return op === 'in' ? z.array(one[kind]).min(1).max(MAX_IN_VALUES) : one[kind];
}

type Ctx = z.RefinementCtx;
const issue = (ctx: Ctx, path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });

// One object shape for every node (rather than a union) so an error names the exact bad key,
// e.g. criteria.all.1.op, instead of "no union member matched" at the node.
function checkNode(node: CriteriaNode, ctx: Ctx) {
  const groups = (['all', 'any', 'not', 'field'] as const).filter((key) => node[key] !== undefined);
  if (groups.length === 0) return issue(ctx, [], 'a criterion is { all: [...] }, { any: [...] }, { not: {...} } or { field, op, value }');
  for (const extra of groups.slice(1)) issue(ctx, [extra], `cannot be combined with ${groups[0]}`);
  if (groups[0] !== 'field') {
    for (const key of ['key', 'op', 'value'] as const) if (node[key] !== undefined) issue(ctx, [key], `only a condition (field, op, value) has ${key}`);
    return;
  }
  checkCondition(node as CriteriaNode & { field: CriteriaField }, ctx);
}

function checkCondition(node: CriteriaNode & { field: CriteriaField }, ctx: Ctx) {
  const custom = node.field === 'account.fields';
  if (custom && node.key === undefined) issue(ctx, ['key'], 'required: the custom field’s name');
  if (!custom && node.key !== undefined) issue(ctx, ['key'], 'only account.fields has a key');
  if (node.op === undefined) return issue(ctx, ['op'], 'required');
  const allowed = opsFor(node.field);
  if (!allowed.includes(node.op)) return issue(ctx, ['op'], `${node.op} does not fit ${node.field}: use ${allowed.join(', ')}`);
  const schema = valueSchema(fieldKind[node.field], node.op);
  if (!schema) {
    if (node.value !== undefined) issue(ctx, ['value'], `${node.op} takes no value`);
    return;
  }
  if (node.value === undefined) return issue(ctx, ['value'], 'required');
  const result = schema.safeParse(node.value);
  if (!result.success) for (const problem of result.error.issues) issue(ctx, ['value', ...problem.path], problem.message);
}

const Node: z.ZodType<CriteriaNode> = z
  .strictObject({
    get all() {
      return z.array(Node).min(1).max(MAX_LEAVES).optional();
    },
    get any() {
      return z.array(Node).min(1).max(MAX_LEAVES).optional();
    },
    get not() {
      return Node.optional();
    },
    field: z.enum(criteriaFields).optional(),
    key: z.string().trim().min(1).max(100).optional(),
    op: z.enum(criteriaOps).optional(),
    value: z.unknown().optional(),
  })
  .superRefine(checkNode);

/** Depth and size, measured without recursion: a deeply nested body must not exhaust the stack. */
function shapeProblem(root: unknown): string | undefined {
  const stack: { node: unknown; depth: number }[] = [{ node: root, depth: 1 }];
  let leaves = 0;
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!node || typeof node !== 'object' || Array.isArray(node)) continue;
    if (depth > MAX_DEPTH) return `nested deeper than ${MAX_DEPTH} levels`;
    const record = node as Record<string, unknown>;
    for (const key of ['all', 'any'] as const) {
      const children = record[key];
      if (Array.isArray(children)) for (const child of children) stack.push({ node: child, depth: depth + 1 });
    }
    if ('not' in record) stack.push({ node: record.not, depth: depth + 1 });
    if ('field' in record && ++leaves > MAX_LEAVES) return `more than ${MAX_LEAVES} conditions`;
  }
  return undefined;
}

export const SegmentCriteria = z
  .unknown()
  .superRefine((value, ctx) => {
    const problem = shapeProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, abort: true });
  })
  .pipe(Node)
  .meta({
    id: 'SegmentCriteria',
    description:
      `{ all: [...] } (and), { any: [...] } (or), { not: {...} }, or a condition { field, op, value } ({ field: "account.fields", key, op, value } for a custom field). ` +
      `Fields: ${criteriaFields.join(', ')}. Ops: eq, neq, in (array), contains (text, case-insensitive), before/after (ISO date), ` +
      `withinDays (the last N days), isSet/isNotSet (no value). At most ${MAX_DEPTH} levels and ${MAX_LEAVES} conditions.`,
  });
export type SegmentCriteria = CriteriaNode;
