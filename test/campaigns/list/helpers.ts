import { randomUUID } from 'node:crypto';
import { createListActivities } from '../../../activities/campaign/list-activities';
import type { Db } from '../../../src/db/prisma';
import type { Prisma } from '../../../src/generated/prisma/client';
import type { Mailer } from '../../../src/mail/mailer';

/** The list activities send no mail: a mailer that fails loudly if they ever try. */
const noMailer: Mailer = {
  send: async () => {
    throw new Error('the list activities must not send mail');
  },
  maxConnections: 1,
  close: () => undefined,
};

export const listActivities = (db: Db) => createListActivities({ db, mailer: noMailer, publicUrl: 'http://crm.test' });

export interface SeedContact {
  name: string;
  id?: string;
  email?: string;
  isPrimary?: boolean;
  createdAt?: Date;
  doNotContact?: boolean;
  unsubscribedAt?: Date;
  bouncedAt?: Date;
}

/** An account and its contacts straight in the database; e-mails normalized as the API writes them. */
export async function seedAccount(db: Db, data: Omit<Prisma.AccountUncheckedCreateInput, 'name'> & { name?: string }, contacts: SeedContact[]) {
  const account = await db.account.create({ data: { name: data.name ?? `Account ${randomUUID().slice(0, 8)}`, ...data }, select: { id: true } });
  const created = await db.contact.createManyAndReturn({
    data: contacts.map((contact) => ({ ...contact, accountId: account.id, emailNormalized: contact.email?.trim().toLowerCase() ?? null })),
    select: { id: true, name: true },
  });
  return { id: account.id, contacts: Object.fromEntries(created.map((contact) => [contact.name, contact.id])) as Record<string, string> };
}

/** A segment of the accounts whose `segment` is the given label. */
export async function seedSegment(db: Db, label: string) {
  const segment = await db.segment.create({
    data: { name: `segment ${label} ${randomUUID().slice(0, 8)}`, criteria: { field: 'account.segment', op: 'eq', value: label } },
    select: { id: true },
  });
  return segment.id;
}

export interface StageSeed {
  type: 'LIST' | 'CALL_TASKS' | 'MAILING' | 'APPROVAL' | 'WAIT';
  settings: Record<string, unknown>;
  /** RUNNING (started, as the workflow's startStage leaves it) unless told otherwise. */
  status?: 'PENDING' | 'RUNNING' | 'COMPLETED' | 'CANCELLED';
  name?: string;
  startedAt?: Date;
}

/** A campaign and its stages as the workflow leaves them once each stage has started. */
export async function seedCampaign(db: Db, stages: StageSeed[], status: 'RUNNING' | 'PAUSED' | 'SCHEDULED' | 'COMPLETED' | 'CANCELLED' | 'DRAFT' = 'RUNNING', name = 'Spring offer') {
  const campaign = await db.campaign.create({ data: { name, status }, select: { id: true } });
  const stageIds: string[] = [];
  for (const [position, stage] of stages.entries()) {
    const status = stage.status ?? 'RUNNING';
    const started = status !== 'PENDING';
    const row = await db.campaignStage.create({
      data: {
        campaignId: campaign.id,
        position,
        type: stage.type,
        name: stage.name ?? null,
        status,
        settings: stage.settings as Prisma.InputJsonObject,
        startedSettings: started ? (stage.settings as Prisma.InputJsonObject) : undefined,
        startedAt: started ? (stage.startedAt ?? new Date()) : null,
      },
      select: { id: true },
    });
    stageIds.push(row.id);
  }
  return { campaignId: campaign.id, stageIds };
}

/** A campaign's list as rows, sorted by contact id. */
export async function recipients(db: Db, campaignId: string) {
  return db.campaignRecipient.findMany({ where: { campaignId }, orderBy: { contactId: 'asc' } });
}

/** Puts contacts straight into a campaign's list (the list of another campaign, in tests). */
export async function enroll(db: Db, campaignId: string, stageId: string, contacts: { id: string; accountId: string; email?: string | null; cell?: 'TARGET' | 'TEST' }[]) {
  await db.campaignRecipient.createMany({
    data: contacts.map((contact) => ({ campaignId, contactId: contact.id, accountId: contact.accountId, emailNormalized: contact.email ?? null, cell: contact.cell ?? 'TARGET', listStageId: stageId })),
  });
}
