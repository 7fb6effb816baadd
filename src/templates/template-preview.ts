import { z } from 'zod';
import { recipientColumns, renderCampaignMessage, type CampaignData, type RecipientData } from '../campaigns/campaign-message';
import type { Db } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { unsubscribeSecret } from '../unsubscribe/unsubscribe-token';

export const PreviewTemplateRequest = z
  .strictObject({
    contactId: z.uuid().meta({ description: 'The recipient whose data fills the variables' }),
    campaignId: z.uuid().optional().meta({ description: 'The campaign whose data fills {{ campaign.* }}; without it those render empty' }),
  })
  .meta({ id: 'TemplatePreviewRequest' });
export type PreviewTemplateRequest = z.output<typeof PreviewTemplateRequest>;

export const TemplatePreview = z
  .object({
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    html: z.string().nullable(),
    headers: z.record(z.string(), z.string()).meta({ description: 'List-Unsubscribe and List-Unsubscribe-Post, as the mailing sends them (its Message-ID is per stage)' }),
  })
  .meta({ id: 'TemplatePreview', description: 'The message as a campaign mailing would send it to that recipient now' });
export type TemplatePreview = z.output<typeof TemplatePreview>;

/**
 * Renders a template for one real recipient with the mailing's own rendering function. The
 * unsubscribe link in it is a real, working link for that contact (and campaign).
 */
export async function previewTemplate(db: Db, publicUrl: string, key: string, request: PreviewTemplateRequest): Promise<TemplatePreview> {
  const [template, recipients, campaigns] = await Promise.all([
    db.emailTemplate.findUnique({ where: { key }, select: { subject: true, text: true, html: true } }),
    db.$queryRaw<RecipientData[]>`
      SELECT c.id::text AS contact_id, ${recipientColumns}
      FROM contacts c JOIN accounts a ON a.id = c.account_id LEFT JOIN users o ON o.id = a.owner_id
      WHERE c.id = ${request.contactId}::uuid`,
    request.campaignId ? db.campaign.findMany({ where: { id: request.campaignId }, select: { id: true, name: true, description: true } }) : Promise.resolve([] as CampaignData[]),
  ]);
  const missing = [
    ...(template ? [] : [{ path: 'path.key', message: 'no such template' }]),
    ...(recipients.length ? [] : [{ path: 'body.contactId', message: 'no such contact' }]),
    ...(request.campaignId && !campaigns.length ? [{ path: 'body.campaignId', message: 'no such campaign' }] : []),
  ];
  if (missing.length || !template) throw new AppError('NOT_FOUND', `Not found: ${missing.map((detail) => detail.path).join(', ')}`, missing);
  const recipient = recipients[0];
  if (!recipient.email?.trim()) {
    throw new AppError('RULE_VIOLATION', 'The contact has no e-mail address: a mailing would not send to it', [{ path: 'body.contactId', message: 'has no e-mail address' }]);
  }
  const message = renderCampaignMessage(template, { ...recipient, email: recipient.email }, campaigns[0] ?? null, { publicUrl, secret: await unsubscribeSecret(db) });
  return { to: message.to, subject: message.subject, text: message.text, html: message.html ?? null, headers: message.headers };
}
