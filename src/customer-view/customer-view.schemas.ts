import { z } from 'zod';
import { PageCursorParam } from '../schemas/page-cursor';

const Timestamp = z.iso.datetime();
const NextCursor = z.string().nullable().meta({ description: 'Pass it as cursor for the next page; null on the last page' });

/** The query of every section of the customer view: one page, from a cursor. */
export const CustomerViewQuery = z.strictObject({
  limit: z.coerce.number<string>().int().min(1).max(100).default(20),
  cursor: PageCursorParam.optional(),
});
export type CustomerViewQuery = z.output<typeof CustomerViewQuery>;

const ContactRef = z.object({ contactId: z.uuid(), contactName: z.string() });

export const AccountCampaignView = z
  .object({
    campaignId: z.uuid(),
    campaignName: z.string(),
    campaignStatus: z.string(),
    listedAt: Timestamp.nullable().meta({ description: 'When the first of its contacts was listed (the LIST stage or evergreen enrollment); null if not known' }),
    contacts: z.array(ContactRef.extend({ cell: z.enum(['TARGET', 'TEST']).meta({ description: 'TEST: held out of the mailings to measure lift' }) })),
    stages: z
      .array(
        z.object({
          stageId: z.uuid(),
          position: z.number().int(),
          type: z.string(),
          name: z.string().nullable(),
          status: z.string(),
          contactIds: z.array(z.uuid()).meta({ description: "The account's contacts this stage worked on (its cohort, or the whole list for a stage without one)" }),
        }),
      )
      .meta({ description: "The campaign's stages that worked on the account's contacts, in order" }),
  })
  .meta({ id: 'AccountCampaign', description: "A campaign whose list held some of the account's contacts" });
export type AccountCampaignView = z.output<typeof AccountCampaignView>;

export const mailStatuses = ['QUEUED', 'SENT', 'SKIPPED', 'BOUNCED', 'FAILED', 'CANCELLED'] as const;

export const AccountMailView = z
  .object({
    id: z.uuid().meta({ description: "A stable key of the mail: the outbox row's id, or one derived from the mailing stage and the contact" }),
    kind: z.enum(['CAMPAIGN', 'RULE', 'EVENT']).meta({ description: 'A campaign mailing, an e-mail a rule sent, or an event message (confirmation, reminder…)' }),
    at: Timestamp.meta({ description: 'When it was sent, or else when it was decided (skipped, failed, queued)' }),
    status: z.enum(mailStatuses),
    reason: z.string().nullable().meta({ description: 'Why it was skipped, bounced or failed (do-not-contact, unsubscribed, no e-mail address, the SMTP answer…)' }),
    unsubscribedAt: Timestamp.nullable().meta({ description: "When the recipient unsubscribed with the link of this campaign's mails" }),
    contactId: z.uuid().nullable(),
    contactName: z.string().nullable(),
    campaignId: z.uuid().nullable(),
    campaignName: z.string().nullable(),
    stageId: z.uuid().nullable(),
    stageName: z.string().nullable(),
    eventId: z.uuid().nullable(),
    eventName: z.string().nullable(),
    template: z.string().nullable().meta({ description: 'The template it was made from (its name when the template still exists, else its key)' }),
  })
  .meta({ id: 'AccountMail', description: "A mail sent (or meant) to one of the account's contacts, with its delivery status" });
export type AccountMailView = z.output<typeof AccountMailView>;

export const AccountResponseView = z
  .object({
    id: z.uuid(),
    occurredAt: Timestamp,
    type: z.string(),
    campaignId: z.uuid(),
    campaignName: z.string(),
    sourceId: z.uuid(),
    sourceCode: z.string(),
    sourceName: z.string(),
    sourceChannel: z.string().nullable(),
    contactId: z.uuid().nullable(),
    contactName: z.string().nullable(),
    createdAccount: z.boolean().meta({ description: 'This response brought the account in (a new lead)' }),
  })
  .meta({ id: 'AccountResponse', description: 'A response of the account to a campaign, with the sub-source it came through' });
export type AccountResponseView = z.output<typeof AccountResponseView>;

export const AccountEventView = z
  .object({
    registrationId: z.uuid(),
    eventId: z.uuid(),
    eventName: z.string(),
    eventKind: z.string(),
    eventStatus: z.string(),
    startsAt: Timestamp.nullable(),
    endsAt: Timestamp.nullable(),
    timeZone: z.string(),
    contactId: z.uuid(),
    contactName: z.string().nullable().meta({ description: 'Null when the contact was erased' }),
    status: z.enum(['REGISTERED', 'WAITING', 'CANCELLED']),
    attended: z.boolean().meta({ description: 'Checked in at the event' }),
    noShow: z.boolean().meta({ description: 'Registered, never checked in, counted after the event' }),
    invited: z.boolean(),
    channel: z.string(),
    sourceCode: z.string().nullable(),
    registeredAt: Timestamp,
    cancelledAt: Timestamp.nullable(),
    checkedInAt: Timestamp.nullable(),
  })
  .meta({ id: 'AccountEventRegistration', description: "An event one of the account's contacts registered for, and whether they attended" });
export type AccountEventView = z.output<typeof AccountEventView>;

export const KeyContactView = z
  .object({
    contactId: z.uuid(),
    name: z.string(),
    title: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    isPrimary: z.boolean(),
    reachable: z.boolean().meta({ description: 'False when do-not-contact, unsubscribed or bounced' }),
    unreachableReason: z.enum(['DO_NOT_CONTACT', 'UNSUBSCRIBED', 'BOUNCED']).nullable(),
    lastInteractionAt: Timestamp.nullable().meta({ description: 'Their latest activity, response or event attendance' }),
    activities: z.number().int(),
    responses: z.number().int(),
    eventsAttended: z.number().int(),
  })
  .meta({ id: 'KeyContact', description: 'A contact of the account with what makes them important: primary, latest interaction, how often they engaged' });
export type KeyContactView = z.output<typeof KeyContactView>;

const pageOf = <T extends z.ZodType>(item: T, id: string, order: string) => z.object({ items: z.array(item).meta({ description: order }), nextCursor: NextCursor }).meta({ id });

export const AccountCampaignPage = pageOf(AccountCampaignView, 'AccountCampaignPage', 'Latest listed first');
export const AccountMailPage = pageOf(AccountMailView, 'AccountMailPage', 'Latest first');
export const AccountResponsePage = pageOf(AccountResponseView, 'AccountResponsePage', 'Latest first');
export const AccountEventPage = pageOf(AccountEventView, 'AccountEventPage', 'Latest registered first');
export const KeyContactPage = pageOf(KeyContactView, 'KeyContactPage', 'Primary contact first, then by latest interaction, then by how often they engaged');
export type AccountCampaignPage = z.output<typeof AccountCampaignPage>;
export type AccountMailPage = z.output<typeof AccountMailPage>;
export type AccountResponsePage = z.output<typeof AccountResponsePage>;
export type AccountEventPage = z.output<typeof AccountEventPage>;
export type KeyContactPage = z.output<typeof KeyContactPage>;
