import { z } from 'zod';
import { NO_NUL, noNul, Text } from '../schemas/text.schemas';
import { IncludeArchived } from '../schemas/query-flags.schemas';
import { TimeZone } from '../rules/duration.schemas';
import { statuses, type Status } from '../rules/lifecycle';
import { PageCursorParam } from '../schemas/page-cursor';

const MAX_FIELDS = 50;
const MAX_CONTACTS = 50;

const Name = Text(200);
const Segment = Text(100).meta({ examples: ['pharmacies-north'] });
const LeadSource = Text(200);
// Pasted addresses often carry spaces around them.
const Email = z.preprocess((value) => (typeof value === 'string' ? value.trim() : value), z.email().max(254));

export const AccountFields = z
  .record(Text(64), z.union([z.string().max(1000).regex(NO_NUL, noNul), z.number(), z.boolean()]))
  .refine((fields) => Object.keys(fields).length <= MAX_FIELDS, { error: `at most ${MAX_FIELDS} fields` })
  .meta({ id: 'AccountFields', description: `A flat object of strings, numbers and booleans (at most ${MAX_FIELDS} keys)` });
export type AccountFields = z.output<typeof AccountFields>;

const ContactTimeZone = TimeZone.meta({ description: "The contact's own IANA time zone, for send windows; without one, the account's applies" });

export const ContactInput = z
  .strictObject({
    name: Name,
    email: Email.optional(),
    phone: Text(50).optional(),
    title: Text(200).optional(),
    isPrimary: z.boolean().optional(),
    timeZone: ContactTimeZone.optional(),
  })
  .meta({ id: 'ContactInput' });
export type ContactInput = z.output<typeof ContactInput>;

export const UpdateContactRequest = z
  .strictObject({
    name: Name.optional(),
    email: Email.nullable().optional(),
    phone: Text(50).nullable().optional(),
    title: Text(200).nullable().optional(),
    isPrimary: z.literal(true).optional().meta({ description: 'Makes this contact the primary one (the previous primary contact stops being it)' }),
    timeZone: ContactTimeZone.nullable().optional().meta({ description: "null: back to the account's time zone" }),
  })
  .refine((body) => Object.keys(body).length > 0, { error: 'nothing to change: give at least one of name, email, phone, title, isPrimary, timeZone' })
  .meta({ id: 'UpdateContactRequest', description: 'The fields to change; null clears an optional one' });
export type UpdateContactRequest = z.output<typeof UpdateContactRequest>;

export const ContactParams = z.strictObject({ id: z.uuid(), contactId: z.uuid() });
export type ContactParams = z.output<typeof ContactParams>;

export const CreateAccountRequest = z
  .strictObject({
    name: Name,
    segment: Segment.optional(),
    timeZone: TimeZone.default('UTC'),
    fields: AccountFields.optional(),
    leadSource: LeadSource.optional(),
    contacts: z
      .array(ContactInput)
      .max(MAX_CONTACTS)
      .refine((contacts) => contacts.filter((contact) => contact.isPrimary).length <= 1, { error: 'at most one contact can be primary' })
      .optional(),
  })
  .meta({ id: 'CreateAccountRequest', description: 'A new account is always NEW and unowned: a manager then takes it into work.' });
export type CreateAccountRequest = z.output<typeof CreateAccountRequest>;

const refusedField = (description: string) => z.unknown().optional().meta({ description });

export const UpdateAccountRequest = z
  .strictObject({
    name: Name.optional(),
    segment: Segment.nullable().optional(),
    timeZone: TimeZone.optional(),
    fields: AccountFields.optional().meta({ description: 'Replaces the whole fields object' }),
    leadSource: LeadSource.nullable().optional(),
    status: refusedField('Refused (422): statuses change only through logged activities, or POST /accounts/{id}/take for NEW accounts'),
    ownerId: refusedField('Refused (422): ownership changes only by POST /accounts/{id}/take'),
  })
  .refine((body) => Object.keys(body).length > 0, { error: 'nothing to change: give at least one of name, segment, timeZone, fields, leadSource' })
  .meta({ id: 'UpdateAccountRequest' });
export type UpdateAccountRequest = z.output<typeof UpdateAccountRequest>;

export const AccountIdParams = z.object({ id: z.uuid() });
export type AccountIdParams = z.output<typeof AccountIdParams>;

const StatusList = z
  .string()
  .transform((text, ctx): Status[] => {
    const parts = text.split(',').map((part) => part.trim());
    const unknown = parts.filter((part) => !(statuses as readonly string[]).includes(part));
    if (unknown.length > 0) {
      ctx.addIssue({ code: 'custom', message: `unknown status ${unknown.map((part) => `"${part}"`).join(', ')} (one of ${statuses.join(', ')})` });
      return z.NEVER;
    }
    return [...new Set(parts)] as Status[];
  })
  .meta({ description: 'One status or a comma-separated list', examples: ['NEW,POTENTIAL'] });


export const ListAccountsQuery = z
  .strictObject({
    status: StatusList.optional(),
    segment: Segment.optional(),
    ownerId: z.uuid().optional(),
    owner: z.literal('me').optional().meta({ description: 'owner=me: the accounts the caller owns' }),
    q: Text(200).optional().meta({ description: 'Case-insensitive text in the account name or its contacts’ names and e-mails' }),
    includeArchived: IncludeArchived('accounts'),
    limit: z.coerce.number<string>().int().min(1).max(200).default(50),
    cursor: PageCursorParam.optional(),
  })
  .refine((query) => !(query.owner && query.ownerId), { path: ['owner'], error: 'give owner=me or ownerId, not both' });
export type ListAccountsQuery = z.output<typeof ListAccountsQuery>;
