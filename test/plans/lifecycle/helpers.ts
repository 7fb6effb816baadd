import { eventually } from '../../support/eventually';
import type { TestApp } from '../../support/test-app';

export interface PlanTeam {
  author: { id: string; key: string };
  approver: { id: string; key: string };
  outsider: { id: string; key: string };
  as(user: { key: string }): { Authorization: string };
}

export async function planTeam(t: TestApp): Promise<PlanTeam> {
  const author = await t.userWithKey('marketer');
  const approver = await t.userWithKey('manager');
  const outsider = await t.userWithKey('manager');
  return { author, approver, outsider, as: (user) => ({ Authorization: `Bearer ${user.key}` }) };
}

/** Today as the API takes days (UTC), shifted by `days`. */
export const utcDay = (days = 0) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
export const nextYear = () => new Date().getUTCFullYear() + 1;

export async function createPlan(t: TestApp, team: PlanTeam, body: object) {
  const created = await t.request.post('/api/v1/plans').set(team.as(team.author)).send(body);
  if (created.status !== 201) throw new Error(`plan failed: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body;
}

export async function getPlan(t: TestApp, team: PlanTeam, id: string) {
  const response = await t.request.get(`/api/v1/plans/${id}`).set(team.as(team.author));
  if (response.status !== 200) throw new Error(`get failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Waits until the plan's view satisfies `check` (an expect-throwing function). */
export async function planWhen(t: TestApp, team: PlanTeam, id: string, check: (plan: any) => void, timeoutMs = 30_000) {
  return eventually(async () => {
    const plan = await getPlan(t, team, id);
    check(plan);
    return plan;
  }, timeoutMs);
}

export const kinds = (plan: { history: { kind: string }[] }) => plan.history.map((event) => event.kind);
