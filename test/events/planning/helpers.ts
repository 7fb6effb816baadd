import { randomUUID } from 'node:crypto';
import type { TestApp } from '../../support/test-app';

export const auth = (user: { key: string }) => ({ Authorization: `Bearer ${user.key}` });
export const paths = (body: { error: { details: { path: string }[] } }) => body.error.details.map((detail) => detail.path).sort();
export const unique = (label: string) => `${label}-${randomUUID().slice(0, 8)}`;
export const inDays = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000);

/** A plain event body: in 10 days, for two hours, in Paris. */
export function eventBody(fields: Record<string, unknown> = {}) {
  return { name: unique('Seminar'), kind: 'seminar', timeZone: 'Europe/Paris', startsAt: inDays(10).toISOString(), endsAt: inDays(10, 2).toISOString(), ...fields };
}

export async function createEvent(t: TestApp, user: { key: string }, fields: Record<string, unknown> = {}) {
  const response = await t.request.post('/api/v1/events').set(auth(user)).send(eventBody(fields));
  if (response.status !== 201) throw new Error(`POST /events answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as EventBody;
}

export async function createCampaignRow(t: TestApp, name = unique('Campaign')) {
  return t.database.db.campaign.create({ data: { name }, select: { id: true, name: true } });
}

/** Row counts of what the planning routes write, to prove a refused request changed nothing. */
export async function planningRowCounts(t: TestApp) {
  const db = t.database.db;
  const [events, sources, costs, tasks, campaignSources] = await Promise.all([db.event.count(), db.eventSource.count(), db.eventCost.count(), db.eventTask.count(), db.campaignSource.count()]);
  return { events, sources, costs, tasks, campaignSources };
}

/** A person registered straight in the database (registrations are another part's routes). */
export async function insertRegistration(t: TestApp, eventId: string, status: 'REGISTERED' | 'WAITING' | 'CANCELLED', registeredAt: Date) {
  const db = t.database.db;
  const account = await db.account.create({ data: { name: unique('Account') }, select: { id: true } });
  const contact = await db.contact.create({ data: { accountId: account.id, name: unique('Person'), email: `${randomUUID()}@example.com` }, select: { id: true } });
  return db.eventRegistration.create({
    data: { eventId, contactId: contact.id, accountId: account.id, status, channel: 'API', registeredAt, confirmedAt: status === 'REGISTERED' ? registeredAt : null },
    select: { id: true, accountId: true },
  });
}

export interface TaskBody {
  id: string;
  eventId: string;
  eventName: string;
  title: string;
  assigneeId: string | null;
  due: Record<string, unknown>;
  dueAt: string | null;
  state: string;
  completedAt: string | null;
  escalatedAt: string | null;
}

export interface EventBody {
  id: string;
  name: string;
  status: string;
  startsAt: string | null;
  endsAt: string | null;
  capacity: number | null;
  campaignId: string | null;
  sources: { code: string; name: string; channel: string | null }[];
  costs: { id: string; label: string; category: string | null; planned: string | null; actual: string | null }[];
  tasks: TaskBody[];
  counts: { registered: number; waiting: number; cancelled: number; attended: number; noShows: number | null };
  workflowId: string | null;
  [field: string]: unknown;
}
