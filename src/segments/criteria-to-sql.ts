import { Prisma } from '../generated/prisma/client';
import type { CriteriaNode } from './segment-criteria.schemas';
import { fieldKind, type CriteriaField, type FieldKind } from './segment-fields';

type ColumnField = Exclude<CriteriaField, 'account.fields' | 'contact.hasEmail'>;

// The only SQL text a criterion contributes: a fixed column per field. Every value is a parameter.
const columns: Record<ColumnField, Prisma.Sql> = {
  'account.segment': Prisma.raw('a.segment'),
  'account.status': Prisma.raw('a.status'),
  'account.ownerId': Prisma.raw('a.owner_id'),
  'account.leadSource': Prisma.raw('a.lead_source'),
  'account.createdAt': Prisma.raw('a.created_at'),
  'account.lastContactedAt': Prisma.raw('a.last_contacted_at'),
  'account.name': Prisma.raw('a.name'),
  // Stored lower-cased at write time, so e-mail comparisons ignore case and use the index.
  'contact.email': Prisma.raw('c.email_normalized'),
  'contact.title': Prisma.raw('c.title'),
};

const hasEmail = Prisma.sql`(c.email_normalized IS NOT NULL AND c.email_normalized <> '')`;

/**
 * The WHERE clause of a segment over `contacts c JOIN accounts a ON a.id = c.account_id`:
 * archived accounts are never in a segment. Criteria must have passed SegmentCriteria.
 */
export function criteriaToSql(criteria: CriteriaNode): Prisma.Sql {
  return Prisma.sql`a.archived_at IS NULL AND ${nodeToSql(criteria)}`;
}

function nodeToSql(node: CriteriaNode): Prisma.Sql {
  if (node.all) return Prisma.join(node.all.map(nodeToSql), ' AND ', '(', ')');
  if (node.any) return Prisma.join(node.any.map(nodeToSql), ' OR ', '(', ')');
  if (node.not) return Prisma.sql`NOT ${nodeToSql(node.not)}`;
  // A condition on an empty column is false, never NULL, so that `not` is its exact complement.
  return Prisma.sql`COALESCE(${conditionToSql(node)}, FALSE)`;
}

function conditionToSql(node: CriteriaNode): Prisma.Sql {
  const field = node.field as CriteriaField;
  if (field === 'contact.hasEmail') return node.value === true ? hasEmail : Prisma.sql`NOT ${hasEmail}`;
  const kind = fieldKind[field];
  const column = field === 'account.fields' ? Prisma.sql`(a.fields ->> CAST(${node.key} AS text))` : columns[field];
  const value = field === 'contact.email' ? lowerCase(node.value) : node.value;
  const isSet = kind === 'text' || kind === 'custom' ? Prisma.sql`(${column} IS NOT NULL AND ${column} <> '')` : Prisma.sql`(${column} IS NOT NULL)`;
  switch (node.op) {
    case 'eq':
      return Prisma.sql`(${column} = ${typed(kind, value)})`;
    case 'neq':
      return Prisma.sql`(${column} IS DISTINCT FROM ${typed(kind, value)})`;
    case 'in':
      return Prisma.sql`(${column} = ANY(${typedArray(kind, value as unknown[])}))`;
    case 'contains':
      return Prisma.sql`(${column} ILIKE ${likePattern(String(value))})`;
    case 'before':
      return Prisma.sql`(${column} < CAST(${value} AS timestamptz))`;
    case 'after':
      return Prisma.sql`(${column} > CAST(${value} AS timestamptz))`;
    case 'withinDays':
      return Prisma.sql`(${column} >= now() - make_interval(days => CAST(${value} AS integer)))`;
    case 'isSet':
      return isSet;
    case 'isNotSet':
      return Prisma.sql`NOT ${isSet}`;
    default:
      throw new Error(`Unvalidated criteria: op ${String(node.op)}`);
  }
}

// Custom fields compare as text (fields ->> key), so numbers and booleans are given as their JSON text.
function typed(kind: FieldKind, value: unknown): Prisma.Sql {
  if (kind === 'status') return Prisma.sql`CAST(${value} AS "AccountStatus")`;
  if (kind === 'uuid') return Prisma.sql`CAST(${value} AS uuid)`;
  return Prisma.sql`CAST(${String(value)} AS text)`;
}

function typedArray(kind: FieldKind, values: unknown[]): Prisma.Sql {
  if (kind === 'status') return Prisma.sql`CAST(${values} AS "AccountStatus"[])`;
  if (kind === 'uuid') return Prisma.sql`CAST(${values} AS uuid[])`;
  return Prisma.sql`CAST(${values.map(String)} AS text[])`;
}

const lowerCase = (value: unknown) => (Array.isArray(value) ? value.map((item) => String(item).toLowerCase()) : typeof value === 'string' ? value.toLowerCase() : value);

/** `%text%` with ILIKE's wildcards and escape character taken literally. */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
