import type { RequestContext } from '../auth/request-context';

export interface MovedApprovals {
  campaignStages: number;
  plans: number;
}

/**
 * Makes `toUserId` the approver instead of `fromUserId` on every pending campaign approval stage
 * and submitted plan that names `fromUserId` and is still waiting for them; the running workflows
 * learn it (reminders and escalations go to the new approver). Recorded in each object's history.
 */
export async function moveApprovals(_context: RequestContext, _move: { fromUserId: string; toUserId: string; reason: string }): Promise<MovedApprovals> {
  throw new Error('moveApprovals: not built yet (issue 16)');
}
