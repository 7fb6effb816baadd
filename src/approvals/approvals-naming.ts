import type { DbClient } from '../db/prisma';
import type { PlanStatus } from '../generated/prisma/enums';
import { idsIn } from './approver-lists';

export interface StageNaming {
  campaignId: string;
  stageId: string;
  status: 'PENDING' | 'RUNNING';
  /** The stage's escalation contacts, as it works with them (startedSettings once running). */
  escalateToIds: string[];
  /** The user has already answered this (running) stage. */
  answered: boolean;
}

export interface PlanNaming {
  id: string;
  name: string;
  status: PlanStatus;
  periodEnd: Date;
  authorId: string;
}

interface StageRow {
  campaign_id: string;
  stage_id: string;
  status: 'PENDING' | 'RUNNING';
  settings: unknown;
  answered: boolean;
}

/**
 * What a person's pending approvals are: APPROVAL stages naming them as an approver who has not
 * answered or as an escalation contact, waiting (RUNNING) or not started yet (PENDING) in a
 * campaign that is scheduled, running or paused (a draft is checked when it is scheduled); plans
 * naming them as an approver that are not decided for good (DRAFT, SUBMITTED, REJECTED).
 */
export async function approvalsNaming(db: DbClient, userId: string): Promise<{ stages: StageNaming[]; plans: PlanNaming[] }> {
  const stages = await db.$queryRaw<StageRow[]>`
    WITH effective AS (
      SELECT s.id, s.campaign_id, s.status::text AS status, s.position, c.created_at,
             CASE WHEN s.status = 'RUNNING' THEN s.started_settings ELSE s.settings END AS settings
      FROM campaign_stages s JOIN campaigns c ON c.id = s.campaign_id
      WHERE s.type = 'APPROVAL'
        AND (s.status = 'RUNNING' OR (s.status = 'PENDING' AND c.status IN ('SCHEDULED', 'RUNNING', 'PAUSED')))
    )
    SELECT e.campaign_id::text AS campaign_id, e.id::text AS stage_id, e.status, e.settings,
           EXISTS (SELECT 1 FROM campaign_approvals a WHERE a.stage_id = e.id AND a.approver_id = CAST(${userId} AS uuid)) AS answered
    FROM effective e
    WHERE e.settings -> 'approverIds' @> jsonb_build_array(${userId}::text)
       OR e.settings -> 'escalateToIds' @> jsonb_build_array(${userId}::text)
    ORDER BY e.created_at, e.campaign_id, e.position`;
  const plans = await db.plan.findMany({
    where: { status: { in: ['DRAFT', 'SUBMITTED', 'REJECTED'] }, approverIds: { has: userId } },
    select: { id: true, name: true, status: true, periodEnd: true, authorId: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return {
    stages: stages
      .map((row) => ({ campaignId: row.campaign_id, stageId: row.stage_id, status: row.status, escalateToIds: idsIn(row.settings, 'escalateToIds'), answered: row.answered }))
      // An answer given stands: such a stage changes only where the user is an escalation contact.
      .filter((stage) => !stage.answered || stage.escalateToIds.includes(userId)),
    plans,
  };
}
