// The bare baseline of the mailing benches: a campaign's messages rendered beforehand, then sent
// through a pooled nodemailer transport with one send per connection at a time (its best: more
// callers queued on the pool made it no faster).
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { campaignMessageId, recipientColumns, renderCampaignMessage, type CampaignData, type RecipientData } from '../../src/campaigns/campaign-message';
import type { Db } from '../../src/db/prisma';
import { smtpPoolOptions } from '../../src/mail/mailer';
import type { TemplateSource } from '../../src/templates/render-template';
import { unsubscribeSecret } from '../../src/unsubscribe/unsubscribe-token';

export interface BareMessagesOptions {
  campaign: CampaignData;
  template: TemplateSource;
  publicUrl: string;
  from: string;
  /** Stands for the stage id in each Message-ID, so that each round's messages are distinct. */
  round: string;
  count: number;
}

/** `count` contacts' messages, rendered as a mailing renders them (same joined columns, same function). */
export async function renderBareMessages(db: Db, options: BareMessagesOptions): Promise<Mail.Options[]> {
  const rows = await db.$queryRaw<RecipientData[]>`
    SELECT c.id::text AS contact_id, ${recipientColumns}
    FROM contacts c JOIN accounts a ON a.id = c.account_id LEFT JOIN users o ON o.id = a.owner_id
    WHERE c.email IS NOT NULL LIMIT ${options.count}::int`;
  const links = { publicUrl: options.publicUrl, secret: await unsubscribeSecret(db) };
  const host = new URL(options.publicUrl).hostname;
  return rows.map((row) => ({
    from: options.from,
    ...renderCampaignMessage(options.template, { ...row, email: row.email! }, options.campaign, links),
    messageId: campaignMessageId(options.round, row.contact_id, host),
  }));
}

/** Sends every message through one pooled transport, `connections` senders each waiting for its previous send. */
export async function sendThroughPool(mails: Mail.Options[], smtpUrl: string, connections: number): Promise<void> {
  const transport = nodemailer.createTransport(smtpPoolOptions(smtpUrl, connections));
  try {
    let next = 0;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (next < mails.length) await transport.sendMail(mails[next++]);
      }),
    );
  } finally {
    transport.close();
  }
}
