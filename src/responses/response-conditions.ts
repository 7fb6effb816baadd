import { campaignWorkflowId, conditionsChangedSignal } from '../../workflows/campaign.messages';
import type { DbClient } from '../db/prisma';
import type { Logger } from '../logger';
import type { TemporalDeps } from '../temporal/temporal-deps';

/**
 * Whether the response just written made a waiting stage's `responses` condition hold: a stage of
 * its (scheduled) campaign that has not started, or has runs of an evergreen enrollment that have
 * not, waits for `count` responses (through the response's sub-source, when it names one), and the
 * count is now exactly that: before this response it was one short. Run in the response's
 * transaction, after its insert and under the lock that serializes responses, so exactly one
 * response meets each threshold.
 */
export async function metResponseCondition(tx: DbClient, campaignId: string, sourceCode: string): Promise<boolean> {
  const [row] = await tx.$queryRaw<{ met: boolean }[]>`
    SELECT EXISTS (
      SELECT 1
      FROM campaign_stages s JOIN campaigns k ON k.id = s.campaign_id
      WHERE s.campaign_id = CAST(${campaignId} AS uuid) AND k.status IN ('SCHEDULED', 'RUNNING', 'PAUSED')
        AND s.start_when->>'kind' = 'responses'
        AND (s.start_when->>'sourceCode' IS NULL OR lower(s.start_when->>'sourceCode') = lower(${sourceCode}))
        AND (s.status = 'PENDING' OR EXISTS (
          SELECT 1 FROM campaign_enrollment_runs r WHERE r.campaign_id = s.campaign_id AND r.status = 'PENDING' AND r.stage_id = s.id))
        AND (s.start_when->>'count')::int = (
          SELECT count(*) FROM responses r JOIN campaign_sources so ON so.id = r.source_id
          WHERE r.campaign_id = s.campaign_id AND (s.start_when->>'sourceCode' IS NULL OR lower(so.code) = lower(s.start_when->>'sourceCode')))
    ) AS met`;
  return row?.met ?? false;
}

/** Tells the campaign's workflow to plan again. Best effort: the workflow also plans again on its own (CAMPAIGN_RESPONSE_RECHECK). */
export async function signalConditionsChanged(temporal: TemporalDeps, campaignId: string, logger?: Logger): Promise<void> {
  try {
    await temporal.client.workflow.getHandle(campaignWorkflowId(campaignId)).signal(conditionsChangedSignal);
  } catch (error) {
    logger?.warn({ err: error, campaignId }, 'a response met a campaign stage’s condition, but the campaign workflow could not be told: it will notice at its next re-plan');
  }
}
