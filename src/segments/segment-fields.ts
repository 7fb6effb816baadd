/** The fields a segment may filter on, each with the kind that decides which operators fit it. */
export const criteriaFields = [
  'account.segment',
  'account.status',
  'account.ownerId',
  'account.leadSource',
  'account.createdAt',
  'account.lastContactedAt',
  'account.name',
  'account.fields',
  'contact.email',
  'contact.title',
  'contact.hasEmail',
] as const;
export type CriteriaField = (typeof criteriaFields)[number];

export const criteriaOps = ['eq', 'neq', 'in', 'contains', 'before', 'after', 'withinDays', 'isSet', 'isNotSet'] as const;
export type CriteriaOp = (typeof criteriaOps)[number];

export type FieldKind = 'text' | 'status' | 'uuid' | 'date' | 'boolean' | 'custom';

export const fieldKind: Record<CriteriaField, FieldKind> = {
  'account.segment': 'text',
  'account.status': 'status',
  'account.ownerId': 'uuid',
  'account.leadSource': 'text',
  'account.createdAt': 'date',
  'account.lastContactedAt': 'date',
  'account.name': 'text',
  'account.fields': 'custom',
  'contact.email': 'text',
  'contact.title': 'text',
  'contact.hasEmail': 'boolean',
};

// isSet/isNotSet only where the column can be empty: status and createdAt never are.
export const opsByKind: Record<FieldKind, readonly CriteriaOp[]> = {
  text: ['eq', 'neq', 'in', 'contains', 'isSet', 'isNotSet'],
  custom: ['eq', 'neq', 'in', 'contains', 'isSet', 'isNotSet'],
  status: ['eq', 'neq', 'in'],
  uuid: ['eq', 'neq', 'in', 'isSet', 'isNotSet'],
  date: ['before', 'after', 'withinDays', 'isSet', 'isNotSet'],
  boolean: ['eq'],
};

export const opsFor = (field: CriteriaField): readonly CriteriaOp[] =>
  field === 'account.createdAt' ? opsByKind.date.filter((op) => op !== 'isSet' && op !== 'isNotSet') : opsByKind[fieldKind[field]];

export const MAX_DEPTH = 6;
export const MAX_LEAVES = 100;
export const MAX_IN_VALUES = 1000;
