import { z } from 'zod';
import type { FieldType, QueryField, QueryOp } from './query-fields';

export const MAX_LIST_VALUES = 1000;

// Years 1000 to 9998 only: whatever the user's zone, the day stays within what PostgreSQL stores.
const sensibleYear = (text: string) => Number(text.slice(0, 4)) >= 1000 && Number(text.slice(0, 4)) <= 9998;
const yearMessage = 'choose a year between 1000 and 9998';
const isoDay = z.iso.date().refine(sensibleYear, yearMessage);
const isoInstant = z.iso.datetime({ offset: true }).refine(sensibleYear, yearMessage);
const daysIn = { minute: 1 / 1440, hour: 1 / 24, day: 1, week: 7, month: 31, year: 366 } as const;

export const RelativeDate = z
  .strictObject({
    relative: z.strictObject({
      amount: z.number().int().min(-36_500).max(36_500).meta({ description: 'Negative: ago; positive: from now' }),
      unit: z.enum(['minute', 'hour', 'day', 'week', 'month', 'year']),
    }).refine(({ amount, unit }) => Math.abs(amount) * daysIn[unit] <= 36_600, { message: 'at most 100 years from today', path: ['amount'] }),
  })
  .meta({ id: 'RelativeDate', description: 'Relative to today: days and longer from the start of today in the user’s time zone, hours and minutes from now' });

export type DateValue = string | z.output<typeof RelativeDate>;

/** A text or an object, each checked by its own schema so that the message says what to fix (a union would say "Invalid input"). */
export const DateValue = z.custom<DateValue>().superRefine((value, ctx) => {
  const schema = typeof value === 'string' ? (/T/.test(value) ? isoInstant : isoDay) : value && typeof value === 'object' ? RelativeDate : undefined;
  if (!schema) return ctx.addIssue({ code: 'custom', message: 'a date (YYYY-MM-DD), a date and time (ISO 8601) or {relative: {amount, unit}}' });
  const result = schema.safeParse(value);
  const dateWord = (message: string) => (/^Invalid ISO date/.test(message) ? (typeof value === 'string' && /T/.test(value) ? 'a date and time (ISO 8601, with its offset)' : 'a date as YYYY-MM-DD') : message);
  if (!result.success) for (const problem of result.error.issues) ctx.addIssue({ code: 'custom', path: problem.path, message: dateWord(problem.message) });
});

export const PeriodValue = z
  .strictObject({
    period: z.enum(['day', 'week', 'month', 'quarter', 'year']),
    offset: z.number().int().min(-1000).max(1000).default(0).meta({ description: '0: the current one, -1: the previous, 1: the next' }),
  })
  .meta({ id: 'QueryPeriod' });
export type PeriodValue = z.output<typeof PeriodValue>;

const text = z.string().trim().min(1, 'type a value').max(500);
const me = z.union([z.literal('me'), z.uuid('a user id or "me"')]);
const list = <T extends z.ZodType>(item: T) => z.array(item).min(1, 'pick at least one value').max(MAX_LIST_VALUES);
const amount = z.number().min(-1e12).max(1e12);

function single(field: QueryField): z.ZodType {
  const byType: Record<FieldType, z.ZodType> = {
    text,
    enum: z.enum((field.options ?? []) as [string, ...string[]], { error: `pick one of ${(field.options ?? []).join(', ')}` }),
    user: me,
    date: DateValue,
    day: DateValue,
    money: amount,
    campaign: z.uuid('a campaign id'),
    product: z.uuid('a product id'),
  };
  return byType[field.type];
}

/** What a filter's value must be for this field and operator; undefined when the operator takes none. */
export function valueSchema(field: QueryField, op: QueryOp): z.ZodType | undefined {
  switch (op) {
    case 'isSet':
    case 'isNotSet':
      return undefined;
    case 'in':
    case 'notIn':
      return list(single(field));
    case 'between':
      return field.type === 'money'
        ? z.tuple([amount, amount]).refine(([low, high]) => low <= high, 'the first amount must not exceed the second')
        : z.tuple([DateValue, DateValue]);
    case 'inPeriod':
      return PeriodValue;
    default:
      return single(field);
  }
}
