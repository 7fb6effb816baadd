import type { Role } from '../../src/auth/caller';
import type { RequestContext } from '../../src/auth/request-context';
import { campaignProgressQuery, campaignWorkflowId } from '../../workflows/campaign.messages';
import { eventually } from '../support/eventually';
import type { TestApp } from '../support/test-app';

export interface Person {
  id: string;
  key: string;
  name: string;
  email: string;
  role: Role;
}

export const as = (user: { key: string }) => ({ Authorization: `Bearer ${user.key}` });

/** A user with an API key, a name of their own and an address unique to the test (mails are found by it). */
export async function person(t: TestApp, role: Role, name: string, tag: string): Promise<Person> {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${tag}@people.test`;
  const user = await t.userWithKey(role, email);
  await t.database.db.user.update({ where: { id: user.id }, data: { name } });
  return { ...user, name, email, role };
}

/** What the API's use cases get for a request by `caller`. */
export const contextOf = (t: TestApp, caller: Person): RequestContext => ({
  db: t.database.db,
  temporal: { client: t.temporal.client, taskQueue: t.temporal.taskQueue },
  caller: { id: caller.id, email: caller.email, name: caller.name, role: caller.role },
});

export const secondsFromNow = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

export async function getCampaign(t: TestApp, by: Person, campaignId: string) {
  const response = await t.request.get(`/api/v1/campaigns/${campaignId}`).set(as(by));
  if (response.status !== 200) throw new Error(`get failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Waits until the campaign's view satisfies `check` (an expect-throwing function). */
export const campaignWhen = (t: TestApp, by: Person, campaignId: string, check: (campaign: any) => void) =>
  eventually(async () => {
    const campaign = await getCampaign(t, by, campaignId);
    check(campaign);
    return campaign;
  });

/**
 * A scheduled campaign whose first stage is an APPROVAL with `settings`, starting in three seconds
 * (time enough to schedule it on a busy machine) or at `startAt`; unless it starts later, waits until
 * its workflow waits for the approvers (PostgreSQL says RUNNING a moment before the workflow learns
 * it). Answers the campaign and stage ids.
 */
export async function approvalCampaign(t: TestApp, marketer: Person, name: string, settings: object, startAt = secondsFromNow(3)) {
  const created = await t.request.post('/api/v1/campaigns').set(as(marketer)).send({ name, stages: [{ type: 'APPROVAL', name: 'Sign-off', startAt, settings }] });
  if (created.status !== 201) throw new Error(`campaign failed: ${created.status} ${JSON.stringify(created.body)}`);
  const scheduled = await t.request.post(`/api/v1/campaigns/${created.body.id}/schedule`).set(as(marketer));
  if (scheduled.status !== 200) throw new Error(`schedule failed: ${scheduled.status} ${JSON.stringify(scheduled.body)}`);
  const campaignId = created.body.id as string;
  const stageId = created.body.stages[0].id as string;
  if (Date.parse(startAt) - Date.now() < 60_000) {
    const handle = t.temporal.client.workflow.getHandle(campaignWorkflowId(campaignId));
    await eventually(async () => expect((await handle.query(campaignProgressQuery)).awaitingApprovers.length).toBeGreaterThan(0));
  }
  return { campaignId, stageId };
}

const year = new Date().getUTCFullYear() + 1;

/** A plan for next year by `author`, submitted unless told otherwise. Answers its id. */
export async function submittedPlan(t: TestApp, author: Person, name: string, approverIds: string[], submit = true, extra: object = {}) {
  const created = await t.request.post('/api/v1/plans').set(as(author)).send({ name, periodStart: `${year}-01-01`, periodEnd: `${year}-12-31`, approverIds, ...extra });
  if (created.status !== 201) throw new Error(`plan failed: ${created.status} ${JSON.stringify(created.body)}`);
  if (submit) {
    const submitted = await t.request.post(`/api/v1/plans/${created.body.id}/submit`).set(as(author));
    if (submitted.status !== 200) throw new Error(`submit failed: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  }
  return created.body.id as string;
}

/** The messages of the notifications `user` received, oldest first. */
export async function notificationsOf(t: TestApp, user: Person): Promise<string[]> {
  const rows = await t.database.db.notification.findMany({ where: { recipientId: user.id }, select: { message: true }, orderBy: { createdAt: 'asc' } });
  return rows.map((row) => row.message);
}
