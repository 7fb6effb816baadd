import { randomUUID } from 'node:crypto';
import type { TestApp } from '../../support/test-app';
import { auth } from '../../accounts/helpers';

export { auth, paths } from '../../accounts/helpers';

export const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
export const uniqueName = (label = 'campaign') => `${label}-${randomUUID().slice(0, 8)}`;

/** What a campaign's stages refer to: a segment, a template and two approvers. */
export interface Fixtures {
  segmentId: string;
  templateKey: string;
  approverIds: string[];
}

export async function createFixtures(t: TestApp): Promise<Fixtures> {
  const db = t.database.db;
  const segment = await db.segment.create({
    data: { name: uniqueName('segment'), criteria: { field: 'contact.hasEmail', op: 'eq', value: true } },
    select: { id: true },
  });
  const template = await db.emailTemplate.create({
    data: { key: uniqueName('template'), name: 'Spring offer', subject: 'Hello {{ contact.name }}', text: 'Dear {{ contact.name }}, see {{ unsubscribeUrl }}' },
    select: { key: true },
  });
  const approvers = await Promise.all([t.userWithKey('marketer'), t.userWithKey('admin')]);
  return { segmentId: segment.id, templateKey: template.key, approverIds: approvers.map((approver) => approver.id) };
}

/** LIST, APPROVAL, MAILING: the campaign of docs/campaigns.md. */
export function threeStages(fixtures: Fixtures, startAt = inMinutes(60)) {
  return [
    { type: 'LIST', name: 'Freeze the list', startAt, settings: { segmentId: fixtures.segmentId } },
    { type: 'APPROVAL', settings: { approverIds: fixtures.approverIds, require: 'any', remindAfter: 'PT4H' } },
    { type: 'MAILING', settings: { templateKey: fixtures.templateKey, ratePerSecond: 50 } },
  ];
}

export async function createCampaign(t: TestApp, key: string, body: Record<string, unknown>) {
  const response = await t.request.post('/api/v1/campaigns').set(auth(key)).send(body);
  if (response.status !== 201) throw new Error(`POST /campaigns answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as CampaignBody;
}

export interface StageBody {
  id: string;
  position: number;
  type: string;
  name: string | null;
  status: string;
  startAt: string | null;
  startWhen: Record<string, unknown> | null;
  cohort: Record<string, unknown> | null;
  cohortText: string | null;
  waitsFor: string | null;
  settings: Record<string, unknown>;
  counts: Record<string, unknown>;
}

export interface CampaignBody {
  id: string;
  name: string;
  status: string;
  parentId: string | null;
  stages: StageBody[];
  sources: { id: string; code: string; name: string; channel: string | null; cost: number | null }[];
  history: { kind: string; message: string; details: Record<string, unknown>; byUserId: string | null; stageId: string | null; at: string }[];
  [field: string]: unknown;
}

/** Row counts of everything the campaign routes write, to prove a refused request changed nothing. */
export async function campaignRowCounts(t: TestApp) {
  const db = t.database.db;
  const [campaigns, sources, stages, events] = await Promise.all([db.campaign.count(), db.campaignSource.count(), db.campaignStage.count(), db.campaignEvent.count()]);
  return { campaigns, sources, stages, events };
}
