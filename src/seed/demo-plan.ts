import type { ApiClient } from './api-client';
import type { DemoOrganization } from './demo-organization';
import type { SeededPeople } from './demo-people';

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const day = (date: Date) => date.toISOString().slice(0, 10);

/** The twelve months from the next calendar quarter: the year being planned. */
export function nextPlanningYear(now: Date): { start: Date; end: Date; label: string } {
  const quarter = Math.floor(now.getUTCMonth() / 3);
  const start = new Date(Date.UTC(now.getUTCFullYear(), (quarter + 1) * 3, 1));
  const end = new Date(Date.UTC(start.getUTCFullYear() + 1, start.getUTCMonth(), 0));
  const label = start.getUTCMonth() === 0 ? String(start.getUTCFullYear()) : `${months[start.getUTCMonth()]} ${start.getUTCFullYear()} – ${months[end.getUTCMonth()]} ${end.getUTCFullYear()}`;
  return { start, end, label };
}

/**
 * The sales director's annual plan with its four quarterly plans and two objectives, each
 * submitted to the admin for approval through the API (their plan workflows remind the approver).
 * Answers the annual plan's id and its children's.
 */
export async function createDemoPlan(api: ApiClient, organization: DemoOrganization, people: SeededPeople, now: Date): Promise<{ planId: string; childIds: string[] }> {
  const key = people.director.apiKey;
  const year = nextPlanningYear(now);
  const plan = await api.call<{ id: string; children: { id: string }[] }>(key, 'POST', '/plans', {
    name: organization.named(`Sales plan ${year.label}`),
    description: 'Grow retail and hospitality; keep every client we have.',
    periodStart: day(year.start),
    periodEnd: day(year.end),
    revenueTarget: 2_400_000,
    currency: 'EUR',
    goals: ['Win 40 new clients', 'Keep churn under 5%', 'Open the Madrid territory'],
    approverIds: [people.admin.id],
    remindAfter: 'P3D',
    quarterlyChildren: true,
  });
  await api.call(key, 'POST', `/plans/${plan.id}/objectives`, { name: 'New clients', kind: 'NEW_CLIENTS', target: 40, unit: 'clients' });
  await api.call(key, 'POST', `/plans/${plan.id}/objectives`, { name: 'Client visits', kind: 'VISITS', target: 4, unit: 'visits per client account', appliesToAll: true });
  const childIds = plan.children.map((child) => child.id);
  await Promise.all([plan.id, ...childIds].map((id) => api.call(key, 'POST', `/plans/${id}/submit`)));
  return { planId: plan.id, childIds };
}
