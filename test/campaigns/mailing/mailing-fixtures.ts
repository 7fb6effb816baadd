import { randomUUID } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { StartedMailingSettings } from '../../../activities/campaign/started-settings';
import type { MailingBatchResult } from '../../../workflows/campaign.messages';
import { createMailingActivities, type MailingOptions } from '../../../activities/campaign/mailing-activities';
import type { Db } from '../../../src/db/prisma';
import type { Mailer } from '../../../src/mail/mailer';
import { receivedMail, type ReceivedMail } from '../../support/mailbox';
import { TEST_PUBLIC_URL } from '../../support/test-app';

/** A tag of its own per seeded campaign, so that tests sharing the run's SMTP catcher never mix. */
export const uniqueTag = () => randomUUID().slice(0, 8);

/** `count` addresses of their own: r1.<tag>@example.com … */
export function addressesFor(count: number, prefix = 'r'): string[] {
  const tag = uniqueTag();
  return Array.from({ length: count }, (_, index) => `${prefix}${index + 1}.${tag}@example.com`);
}

export interface SeedRecipient {
  /** Omit for a contact without an e-mail address. */
  email?: string;
  name?: string;
  contactTimeZone?: string | null;
  accountTimeZone?: string;
  cell?: 'TARGET' | 'TEST';
}

export interface SeededCampaign {
  campaignId: string;
  stageId: string;
  ownerId: string;
  contacts: { id: string; accountId: string; email: string | null; name: string }[];
}

export const template = {
  key: 'spring-offer',
  subject: 'Hello {{ contact.name }}, {{ campaign.name }}',
  text: 'Dear {{contact.name}} of {{account.name}} ({{account.city}}), your adviser {{owner.name}} writes. Unsubscribe: {{unsubscribeUrl}}',
  html: '<p>Dear {{contact.name}} of {{account.name}}</p><p><a href="{{unsubscribeUrl}}">Unsubscribe</a></p>',
};

/** A RUNNING campaign with a completed LIST stage, its frozen list, and a RUNNING MAILING stage. */
export async function seedMailingCampaign(
  db: Db,
  recipients: SeedRecipient[],
  options: { sendWindow?: StartedMailingSettings['sendWindow']; ratePerSecond?: number; name?: string } = {},
): Promise<SeededCampaign> {
  const tag = uniqueTag();
  const owner = await db.user.create({ data: { email: `owner-${tag}@example.com`, name: 'Olga Owner', role: 'manager' }, select: { id: true } });
  const campaign = await db.campaign.create({ data: { name: options.name ?? `Spring ${tag}`, description: 'Spring offers', status: 'RUNNING' }, select: { id: true } });
  const list = await db.campaignStage.create({ data: { campaignId: campaign.id, position: 1, type: 'LIST', status: 'COMPLETED' }, select: { id: true } });
  const settings = { templateKey: template.key, ratePerSecond: options.ratePerSecond ?? 1000, ...(options.sendWindow ? { sendWindow: options.sendWindow } : {}) };
  const startedSettings: StartedMailingSettings = { ...settings, template: { ...template } };
  const stage = await db.campaignStage.create({
    data: { campaignId: campaign.id, position: 2, type: 'MAILING', status: 'RUNNING', settings, startedSettings: startedSettings as object, startedAt: new Date() },
    select: { id: true },
  });
  const contacts: SeededCampaign['contacts'] = [];
  for (const [index, recipient] of recipients.entries()) {
    const name = recipient.name ?? `Contact ${index + 1}`;
    const account = await db.account.create({
      data: { name: `Account ${index + 1} ${tag}`, ownerId: owner.id, timeZone: recipient.accountTimeZone ?? 'UTC', fields: { city: 'Lyon' } },
      select: { id: true },
    });
    const contact = await db.contact.create({
      data: { accountId: account.id, name, email: recipient.email ?? null, emailNormalized: recipient.email?.toLowerCase() ?? null, timeZone: recipient.contactTimeZone ?? null },
      select: { id: true },
    });
    await db.campaignRecipient.create({
      data: { campaignId: campaign.id, contactId: contact.id, accountId: account.id, emailNormalized: recipient.email?.toLowerCase() ?? null, cell: recipient.cell ?? 'TARGET', listStageId: list.id },
    });
    contacts.push({ id: contact.id, accountId: account.id, email: recipient.email ?? null, name });
  }
  return { campaignId: campaign.id, stageId: stage.id, ownerId: owner.id, contacts };
}

export function mailingActivities(db: Db, mailer: Mailer, options: Partial<MailingOptions> = {}) {
  return createMailingActivities({ db, mailer, publicUrl: TEST_PUBLIC_URL }, options);
}

// The expected failures of the tests would otherwise be logged as warnings.
const silentLogger = { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** Runs an activity as Temporal would, in a mock activity context; records its heartbeats. */
export async function inActivity<R>(run: () => Promise<R>, heartbeats: unknown[] = []): Promise<R> {
  const environment = new MockActivityEnvironment(undefined, { logger: silentLogger });
  environment.on('heartbeat', (details: unknown) => heartbeats.push(details));
  return environment.run(run);
}

export type Activities = ReturnType<typeof mailingActivities>;

/**
 * Calls sendMailingBatch the way the campaign workflow does: again and again until nothing
 * remains, waiting for nextAttemptAt when there is one (its durable timer). Answers every result.
 */
export async function runUntilDone(activities: Activities, seeded: SeededCampaign, maxBatches = 50): Promise<MailingBatchResult[]> {
  const results: MailingBatchResult[] = [];
  for (let batch = 0; batch < maxBatches; batch++) {
    const result = await inActivity(() => activities.sendMailingBatch({ campaignId: seeded.campaignId, stageId: seeded.stageId }));
    results.push(result);
    if (result.remaining === 0 || result.stoppedBecause) return results;
    if (result.nextAttemptAt) await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(result.nextAttemptAt!) - Date.now())));
  }
  throw new Error(`still ${results.at(-1)?.remaining} remaining after ${maxBatches} batches`);
}

/** The messages of one stage that reached the run's SMTP catcher (its Message-IDs name the stage). */
export async function stageMail(stageId: string): Promise<ReceivedMail[]> {
  return (await receivedMail()).filter((mail) => mail.messageId?.startsWith(`<campaign-${stageId}-`));
}

export async function deliveryRows(db: Db, stageId: string) {
  return db.mailDelivery.findMany({ where: { stageId }, orderBy: { contactId: 'asc' } });
}
