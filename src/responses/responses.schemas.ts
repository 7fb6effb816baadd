import { z } from 'zod';
import { Text } from '../schemas/text.schemas';
import { PageCursorParam } from '../schemas/page-cursor';
import { RulesMatched, TaskView, TimerView } from '../lifecycle/lifecycle.schemas';
import { Status } from '../rules/lifecycle';
import { TimeZone } from '../rules/duration.schemas';

const FUTURE_TOLERANCE_MS = 5 * 60_000;
// Pasted addresses often carry spaces around them.
const Email = z.preprocess((value) => (typeof value === 'string' ? value.trim() : value), z.email().max(254));

export const responseTypes = ['CALL', 'REPLY', 'REGISTRATION', 'WEB_FORM', 'ATTENDANCE'] as const;
export const ResponseType = z.enum(responseTypes).meta({ id: 'ResponseType' });
export type ResponseType = z.output<typeof ResponseType>;

export const ResponseContact = z
  .strictObject({
    name: Text(200),
    email: Email.optional(),
    phone: Text(50).optional(),
    accountName: Text(200).optional().meta({ description: "The company; without one, the contact's name is the account's name (a private person)" }),
    segment: Text(100).optional().meta({ description: 'Segment of an account created by the response' }),
    timeZone: TimeZone.optional().meta({ description: "The contact's IANA time zone (also the time zone of an account created by the response)" }),
  })
  .meta({ id: 'ResponseContact' });
export type ResponseContact = z.output<typeof ResponseContact>;

export const RecordResponseRequest = z
  .strictObject({
    campaignId: z.uuid(),
    sourceCode: Text(100).meta({ description: 'The code of one of the campaign\'s sub-sources', examples: ['PRESS-LEMONDE'] }),
    type: ResponseType,
    occurredAt: z.iso
      .datetime({ offset: true })
      .refine((value) => Date.parse(value) <= Date.now() + FUTURE_TOLERANCE_MS, 'cannot be in the future')
      .optional()
      .meta({ description: 'When the client responded; now when absent' }),
    accountId: z.uuid().optional().meta({ description: 'An existing account; give either accountId or contact' }),
    contact: ResponseContact.optional().meta({ description: 'Who responded: matched by e-mail, else by account name + contact name, else created' }),
  })
  .superRefine((body, ctx) => {
    if (body.accountId !== undefined && body.contact !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['contact'], message: 'give either accountId or contact, not both' });
    } else if (body.accountId === undefined && body.contact === undefined) {
      ctx.addIssue({ code: 'custom', path: ['accountId'], message: 'give accountId (an existing account) or contact (who responded)' });
    }
  })
  .meta({ id: 'RecordResponseRequest' });
export type RecordResponseRequest = z.output<typeof RecordResponseRequest>;

export const ResponseView = z
  .object({
    id: z.uuid(),
    campaignId: z.uuid(),
    sourceId: z.uuid(),
    sourceCode: z.string(),
    accountId: z.uuid(),
    contactId: z.uuid().nullable(),
    type: ResponseType,
    activityId: z.uuid().nullable().meta({ description: 'The inbound activity it was logged as on the account' }),
    createdAccount: z.boolean(),
    occurredAt: z.iso.datetime(),
    createdById: z.uuid(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Response' });
export type ResponseView = z.output<typeof ResponseView>;

export const RecordResponseResult = z
  .object({
    response: ResponseView,
    accountId: z.uuid(),
    createdAccount: z.boolean().meta({ description: 'True when the response created the account (a new lead in the pool)' }),
    leadSourceSet: z.boolean().meta({ description: "True when the account had no lead source and now has this response's" }),
    previousStatus: Status,
    status: Status,
    timersCancelled: z.array(TimerView).meta({ description: 'Pending re-contact (and other) timers the inbound contact cancelled' }),
    tasksCreated: z.array(TaskView),
    rulesMatched: RulesMatched.meta({ description: 'The rules whose trigger matched the inbound activity, applied or not (none for an account in the pool: no rules run there)' }),
  })
  .meta({ id: 'RecordResponseResult' });
export type RecordResponseResult = z.output<typeof RecordResponseResult>;

export const ListResponsesQuery = z
  .strictObject({
    campaignId: z.uuid().optional(),
    sourceCode: Text(100).optional().meta({ description: 'Needs campaignId (codes are unique per campaign)' }),
    limit: z.coerce.number<string>().int().min(1).max(200).default(50),
    cursor: PageCursorParam.optional(),
  })
  .superRefine((query, ctx) => {
    if (query.sourceCode !== undefined && query.campaignId === undefined) ctx.addIssue({ code: 'custom', path: ['sourceCode'], message: 'needs campaignId: source codes are unique per campaign' });
  });
export type ListResponsesQuery = z.output<typeof ListResponsesQuery>;

export const ResponsePage = z
  .object({ items: z.array(ResponseView), nextCursor: z.string().nullable().meta({ description: 'Pass it as cursor for the next page; null on the last page' }) })
  .meta({ id: 'ResponsePage' });
export type ResponsePage = z.output<typeof ResponsePage>;
