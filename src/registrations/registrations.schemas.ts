import { z } from 'zod';
import { Money } from '../schemas/money.schemas';
import { PageCursorParam } from '../schemas/page-cursor';
import { Text } from '../schemas/text.schemas';

// Pasted addresses often carry spaces around them.
const Email = z.preprocess((value) => (typeof value === 'string' ? value.trim() : value), z.email().max(254));

export const MAX_REGISTRATION_IMPORT_ROWS = 5_000;
export const REGISTRATION_IMPORT_BODY_LIMIT = '2mb';

export const registrationStatuses = ['REGISTERED', 'WAITING', 'CANCELLED'] as const;
export const RegistrationStatus = z.enum(registrationStatuses).meta({ id: 'RegistrationStatus' });
export type RegistrationStatus = z.output<typeof RegistrationStatus>;

export const paymentStates = ['PAID', 'UNPAID', 'WAIVED'] as const;
export const PaymentState = z.enum(paymentStates).meta({ id: 'PaymentState' });
export type PaymentState = z.output<typeof PaymentState>;

export const registrationChannels = ['PUBLIC', 'API', 'IMPORT'] as const;
export const RegistrationChannel = z.enum(registrationChannels).meta({ id: 'RegistrationChannel' });
export type RegistrationChannel = z.output<typeof RegistrationChannel>;

/** An event's sub-source code as quoted in a link or a request; matched case-insensitively. */
export const RegistrationSourceCode = Text(50).meta({ description: "The code of one of the event's sub-sources; absent: the event's first source", examples: ['NEWSLETTER'] });

export const RegistrationContact = z
  .strictObject({
    name: Text(200),
    email: Email.optional(),
    phone: Text(50).optional(),
    accountName: Text(200).optional().meta({ description: "The company; without one, the person's name is the account's name (a private person)" }),
  })
  .meta({ id: 'RegistrationContact', description: 'Who registers: matched by e-mail, else by account name + contact name, else created as a NEW account in the pool' });
export type RegistrationContact = z.output<typeof RegistrationContact>;

export const PaymentInput = z
  .strictObject({
    state: PaymentState,
    amount: Money.optional().meta({ description: "The amount paid; for PAID it defaults to the event's price" }),
  })
  .meta({ id: 'RegistrationPaymentInput' });
export type PaymentInput = z.output<typeof PaymentInput>;

export const RegisterRequest = z
  .strictObject({
    contactId: z.uuid().optional().meta({ description: 'An existing contact; give either contactId or contact' }),
    contact: RegistrationContact.optional(),
    sourceCode: RegistrationSourceCode.optional(),
    payment: PaymentInput.optional().meta({ description: 'For a paid event only; absent: UNPAID' }),
  })
  .superRefine((body, ctx) => {
    if (body.contactId !== undefined && body.contact !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['contact'], message: 'give either contactId or contact, not both' });
    } else if (body.contactId === undefined && body.contact === undefined) {
      ctx.addIssue({ code: 'custom', path: ['contactId'], message: 'give contactId (an existing contact) or contact (who registers)' });
    }
  })
  .meta({ id: 'RegisterRequest' });
export type RegisterRequest = z.output<typeof RegisterRequest>;

/** One row of a registration import, validated on its own so a bad row is reported and the others still land. */
export const RegistrationImportRow = z
  .strictObject({
    name: Text(200),
    email: Email.optional(),
    accountName: Text(200).optional(),
    phone: Text(50).optional(),
    sourceCode: RegistrationSourceCode.optional(),
  })
  .meta({ id: 'RegistrationImportRow' });
export type RegistrationImportRow = z.output<typeof RegistrationImportRow>;

// Rows stay unknown here: each is checked by RegistrationImportRow on its own and reported.
export const RegistrationImportRequest = z
  .strictObject({
    rows: z
      .array(z.unknown().meta({ description: 'A RegistrationImportRow: name, email, accountName, phone, sourceCode' }))
      .min(1)
      .max(MAX_REGISTRATION_IMPORT_ROWS),
  })
  .meta({ id: 'RegistrationImportRequest' });
export type RegistrationImportRequest = z.output<typeof RegistrationImportRequest>;

export const RegistrationImportRowResult = z.object({
  row: z.number().int().meta({ description: 'JSON: 1-based index in rows; CSV: the spreadsheet row (the header is row 1)' }),
  registrationId: z.uuid().optional(),
  status: RegistrationStatus.optional(),
  existing: z.boolean().optional().meta({ description: 'The person was already registered' }),
  error: z.string().optional().meta({ description: 'Why the row was not registered, naming its field' }),
});

export const RegistrationImportResult = z
  .object({
    created: z.number().int().meta({ description: 'New registrations with a seat (REGISTERED)' }),
    waiting: z.number().int().meta({ description: 'New registrations on the waiting list' }),
    existing: z.number().int().meta({ description: 'Rows whose person was already registered' }),
    failed: z.number().int(),
    rows: z.array(RegistrationImportRowResult),
  })
  .meta({ id: 'RegistrationImportResult' });
export type RegistrationImportResult = z.output<typeof RegistrationImportResult>;

export const ListRegistrationsQuery = z.strictObject({
  status: RegistrationStatus.optional(),
  q: Text(200).optional().meta({ description: 'Name or e-mail contains (case-insensitive)' }),
  limit: z.coerce.number<string>().int().min(1).max(500).default(50),
  cursor: PageCursorParam.optional(),
});
export type ListRegistrationsQuery = z.output<typeof ListRegistrationsQuery>;

export const MarkPaymentRequest = PaymentInput.meta({ id: 'MarkPaymentRequest' });
export type MarkPaymentRequest = z.output<typeof MarkPaymentRequest>;

export const EventIdParams = z.strictObject({ id: z.uuid() });
export const RegistrationParams = z.strictObject({ id: z.uuid(), registrationId: z.uuid() });

export const RegistrationView = z
  .object({
    id: z.uuid(),
    eventId: z.uuid(),
    status: RegistrationStatus,
    waitingPosition: z.number().int().nullable().meta({ description: 'Place on the waiting list (1-based); null unless WAITING' }),
    contactId: z.uuid(),
    accountId: z.uuid(),
    name: z.string(),
    email: z.string().nullable(),
    accountName: z.string(),
    channel: RegistrationChannel,
    sourceCode: z.string().nullable(),
    invited: z.boolean(),
    payment: PaymentState.nullable().meta({ description: 'Null for a free event' }),
    amountPaid: z.string().nullable().meta({ description: 'Decimal string in the event currency', examples: ['25.00'] }),
    registeredAt: z.iso.datetime(),
    confirmedAt: z.iso.datetime().nullable(),
    cancelledAt: z.iso.datetime().nullable(),
    checkedInAt: z.iso.datetime().nullable(),
    noShow: z.boolean(),
    createdAccount: z.boolean().meta({ description: 'The registration created the account (a new lead in the pool)' }),
  })
  .meta({ id: 'RegistrationView' });
export type RegistrationView = z.output<typeof RegistrationView>;

export const RegisterResult = z
  .object({ registration: RegistrationView, existing: z.boolean().meta({ description: 'The person was already registered: the existing registration' }) })
  .meta({ id: 'RegisterResult' });
export type RegisterResult = z.output<typeof RegisterResult>;

export const CancelRegistrationResult = z
  .object({ registration: RegistrationView, promoted: RegistrationView.nullable().meta({ description: 'The first waiting person, who got the freed seat' }) })
  .meta({ id: 'CancelRegistrationResult' });
export type CancelRegistrationResult = z.output<typeof CancelRegistrationResult>;

export const RegistrationPage = z
  .object({ items: z.array(RegistrationView), nextCursor: z.string().nullable().meta({ description: 'Pass it as cursor for the next page; null on the last page' }) })
  .meta({ id: 'RegistrationPage' });
export type RegistrationPage = z.output<typeof RegistrationPage>;
