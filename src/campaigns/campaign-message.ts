import { Prisma } from '../generated/prisma/client';
import { mailingEventVariables, type MailingEvent } from '../registrations/public-mailing-event';
import { renderTemplate, type TemplateSource } from '../templates/render-template';
import { signUnsubscribeToken, unsubscribeUrl } from '../unsubscribe/unsubscribe-token';

/**
 * One campaign message for one recipient, exactly as a MAILING stage sends it: the template's
 * variables filled from the recipient's account, contact, owner and campaign, the signed
 * unsubscribe link, and the List-Unsubscribe headers. The template preview uses it too.
 */

/** What rendering needs of a recipient: read with `recipientColumns` in one joined query. */
export interface RecipientData {
  contact_id: string;
  contact_name: string | null;
  email: string | null;
  title: string | null;
  account_name: string | null;
  segment: string | null;
  fields: unknown;
  owner_name: string | null;
  owner_email: string | null;
}

/** Columns of `RecipientData`, for a query joining contacts `c`, accounts `a` and users `o` (the owner). */
export const recipientColumns = Prisma.sql`c.name AS contact_name, c.email, c.title, a.name AS account_name, a.segment, a.fields, o.name AS owner_name, o.email AS owner_email`;

export interface CampaignData {
  id: string;
  name: string;
  description: string | null;
}

export interface CampaignMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers: Record<string, string>;
}

/** Deterministic, so a resend after a crash repeats it and receivers drop the copy. */
export const campaignMessageId = (stageId: string, contactId: string, host: string) => `<campaign-${stageId}-${contactId}@${host}>`;

export function renderCampaignMessage(
  template: TemplateSource,
  recipient: RecipientData & { email: string },
  campaign: CampaignData | null,
  links: { publicUrl: string; secret: Buffer },
  /** The event a stage with settings.eventId invites to (loaded once per batch): fills `event.*`. */
  event: MailingEvent | null = null,
): CampaignMessage {
  const fields = recipient.fields && typeof recipient.fields === 'object' && !Array.isArray(recipient.fields) ? recipient.fields : {};
  const link = unsubscribeUrl(links.publicUrl, signUnsubscribeToken(links.secret, { contactId: recipient.contact_id, campaignId: campaign?.id ?? null }));
  const rendered = renderTemplate(template, {
    // Custom fields first: a field called "name" must not hide the account's real name.
    account: { ...fields, name: recipient.account_name, segment: recipient.segment },
    contact: { name: recipient.contact_name, email: recipient.email, title: recipient.title },
    owner: recipient.owner_name === null && recipient.owner_email === null ? {} : { name: recipient.owner_name, email: recipient.owner_email },
    campaign: campaign ? { id: campaign.id, name: campaign.name, description: campaign.description } : {},
    unsubscribeUrl: link,
    event: event ? mailingEventVariables(event, recipient.contact_id, links) : {},
  });
  return {
    to: recipient.email,
    ...rendered,
    // RFC 2369 and RFC 8058: mail clients show an unsubscribe button that POSTs to the link.
    headers: { 'List-Unsubscribe': `<${link}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}
