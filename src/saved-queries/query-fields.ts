import { Prisma } from '../generated/prisma/client';

/** What a field holds: it decides the operators, the value a filter takes and how a cell is shown. */
export type FieldType = 'text' | 'enum' | 'user' | 'date' | 'day' | 'money' | 'campaign' | 'product';

export const queryOps = ['eq', 'neq', 'in', 'notIn', 'contains', 'gt', 'gte', 'lt', 'lte', 'between', 'before', 'onOrAfter', 'inPeriod', 'isSet', 'isNotSet'] as const;
export type QueryOp = (typeof queryOps)[number];

export const opsByType: Record<FieldType, readonly QueryOp[]> = {
  text: ['eq', 'neq', 'in', 'contains'],
  enum: ['eq', 'neq', 'in', 'notIn'],
  user: ['eq', 'neq', 'in'],
  date: ['before', 'onOrAfter', 'between', 'inPeriod'],
  day: ['before', 'onOrAfter', 'between', 'inPeriod'],
  money: ['eq', 'gt', 'gte', 'lt', 'lte', 'between'],
  campaign: ['in', 'notIn'],
  product: ['in', 'notIn'],
};

/** A related row that must exist (campaign listed in, product on a line item, re-contact timer pending). */
export interface ExistsIn {
  /** FROM … WHERE <link>, without the condition on the compared column. */
  from: Prisma.Sql;
  link: Prisma.Sql;
  /** The column the filter's value is compared with, in the related row. */
  column: Prisma.Sql;
}

export interface QueryField {
  label: string;
  type: FieldType;
  /** An enum's values, in their natural order. */
  options?: readonly string[];
  /** The column (or expression) in the entity's FROM; absent for a filter-only field. */
  column?: Prisma.Sql;
  /** The PostgreSQL type a sort key is cast back to from a cursor. */
  pgType?: string;
  /** The column may be empty: isSet/isNotSet apply, and sorting puts empty values last. */
  nullable?: boolean;
  /** A filter on this field asks for a related row instead of comparing `column`. */
  exists?: ExistsIn;
  /** Not offered as a filter (a display-only column such as the account's name). */
  noFilter?: boolean;
  /** For money: the column holding each row's currency, so sums are per currency. */
  currency?: Prisma.Sql;
}

/** The operators of a field: its type's, plus isSet/isNotSet where the value may be missing. */
export function opsFor(field: QueryField): readonly QueryOp[] {
  const mayBeEmpty = field.nullable || (field.exists !== undefined && field.type !== 'campaign' && field.type !== 'product');
  return mayBeEmpty ? [...opsByType[field.type], 'isSet', 'isNotSet'] : opsByType[field.type];
}
