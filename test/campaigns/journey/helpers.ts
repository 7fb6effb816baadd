import { randomUUID } from 'node:crypto';
import { createCampaignCoreActivities } from '../../../activities/campaign/campaign-core';
import { createJourneyActivities } from '../../../activities/campaign/journey';
import { planCampaignRuns } from '../../../src/campaigns/journey/plan-runs';
import type { Db } from '../../../src/db/prisma';
import type { Prisma } from '../../../src/generated/prisma/client';
import type { Mailer } from '../../../src/mail/mailer';
import type { CampaignStatus, StageStatus, StageType } from '../../../workflows/campaign.messages';

/** The journey activities send no mail: a mailer that fails loudly if they ever try. */
const noMailer: Mailer = {
  send: async () => {
    throw new Error('the journey activities must not send mail');
  },
  maxConnections: 1,
  close: () => undefined,
};

/** The core and journey activities as the worker builds them, on a test database. */
export const campaignActivities = (db: Db) => {
  const dependencies = { db, mailer: noMailer, publicUrl: 'http://crm.test', responseRecheck: 'PT5M' };
  return { ...createCampaignCoreActivities(dependencies), ...createJourneyActivities(dependencies) };
};

/** The plan at a fixed time, with the production recheck. */
export const planAt = (db: Db, campaignId: string, now: Date) => planCampaignRuns(db, campaignId, now, { responseRecheck: 'PT5M' });

export interface JourneyStage {
  type: StageType;
  status?: StageStatus;
  name?: string;
  startAt?: string;
  startWhen?: object;
  settings?: object;
  startedAt?: string;
  completedAt?: string;
}

const defaultSettings: Record<StageType, object> = {
  LIST: { segmentId: '00000000-0000-4000-8000-000000000000' },
  MAILING: { templateKey: 'journey-test', ratePerSecond: 100 },
  WAIT: { duration: 'PT1H' },
  CALL_TASKS: { title: 'Call' },
  APPROVAL: { approverIds: ['00000000-0000-4000-8000-000000000001'] },
};

/** A campaign and its stages straight in the database, each stage as the workflow would have left it. */
export async function seedJourney(
  db: Db,
  stages: JourneyStage[],
  { status = 'RUNNING', evergreen, sources = [], scheduledAt }: { status?: CampaignStatus; evergreen?: object; sources?: string[]; scheduledAt?: string } = {},
) {
  const campaign = await db.campaign.create({
    data: {
      name: `Journey ${randomUUID().slice(0, 8)}`,
      status,
      evergreen: evergreen as Prisma.InputJsonObject | undefined,
      sources: { create: sources.map((code) => ({ code, name: code })) },
    },
    select: { id: true, sources: { select: { id: true, code: true } } },
  });
  if (scheduledAt) await db.campaignEvent.create({ data: { campaignId: campaign.id, kind: 'campaign-scheduled', message: 'Campaign scheduled', at: new Date(scheduledAt) } });
  const stageIds: string[] = [];
  for (const [position, stage] of stages.entries()) {
    const settings = (stage.settings ?? defaultSettings[stage.type]) as Prisma.InputJsonObject;
    const started = stage.status !== undefined && stage.status !== 'PENDING';
    const row = await db.campaignStage.create({
      data: {
        campaignId: campaign.id,
        position,
        type: stage.type,
        name: stage.name ?? null,
        status: stage.status ?? 'PENDING',
        startAt: stage.startAt ? new Date(stage.startAt) : null,
        startWhen: stage.startWhen as Prisma.InputJsonObject | undefined,
        settings,
        startedSettings: started ? settings : undefined,
        startedAt: stage.startedAt ? new Date(stage.startedAt) : started ? new Date() : null,
        completedAt: stage.completedAt ? new Date(stage.completedAt) : null,
      },
      select: { id: true },
    });
    stageIds.push(row.id);
  }
  return { campaignId: campaign.id, stageIds, sourceIds: Object.fromEntries(campaign.sources.map((source) => [source.code, source.id])) as Record<string, string> };
}

/** `count` responses through one sub-source, on one account: counts are what the plan reads. */
export async function seedResponses(db: Db, campaignId: string, sourceId: string, count: number) {
  const user = await db.user.upsert({ where: { email: 'journey-tests@example.com' }, create: { email: 'journey-tests@example.com', name: 'Journey tests', role: 'marketer' }, update: {}, select: { id: true } });
  const account = await db.account.create({ data: { name: `Responder ${randomUUID().slice(0, 8)}` }, select: { id: true } });
  await db.response.createMany({
    data: Array.from({ length: count }, () => ({ campaignId, sourceId, accountId: account.id, type: 'REPLY' as const, occurredAt: new Date(), createdById: user.id })),
  });
}

/** One enrollment with a run per stage, each in the given status (in stage order), straight in the database. */
export async function seedEnrollment(db: Db, campaignId: string, stageIds: string[], number: number, runs: StageStatus[], status: 'RUNNING' | 'COMPLETED' = 'RUNNING') {
  const enrollment = await db.campaignEnrollment.create({
    data: { campaignId, number, scheduledFor: new Date(Date.UTC(2030, 0, number)), status, runs: { create: stageIds.map((stageId, index) => ({ stageId, campaignId, status: runs[index] })) } },
    select: { id: true },
  });
  return enrollment.id;
}

export const byStage = <T extends { stageId: string }>(rows: T[], stageIds: string[]) => [...rows].sort((a, b) => stageIds.indexOf(a.stageId) - stageIds.indexOf(b.stageId));
