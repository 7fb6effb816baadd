import type { CampaignStatus, StageStatus } from '../../../../../campaigns/campaigns.schemas';
import type { StageType } from '../../../../../campaigns/stage-settings.schemas';
import { msg } from '../../../i18n/i18n';

export type { CampaignStatus, StageStatus, StageType };
export { endedStatuses } from '../../../../../../workflows/campaign-statuses';

// The server's lists, repeated because its module pulls in zod; `satisfies` keeps them valid.
export const campaignStatuses = ['DRAFT', 'SCHEDULED', 'RUNNING', 'PAUSED', 'COMPLETED', 'CANCELLED', 'REJECTED', 'FAILED'] as const satisfies readonly CampaignStatus[];
export const stageTypes = ['LIST', 'APPROVAL', 'MAILING', 'CALL_TASKS', 'WAIT'] as const satisfies readonly StageType[];
export const MAX_STAGES = 20;

export const stageTypeLabels: Record<StageType, string> = {
  LIST: msg('Target list'),
  APPROVAL: msg('Approval'),
  MAILING: msg('Mailing'),
  CALL_TASKS: msg('Call tasks'),
  WAIT: msg('Wait'),
};

export const stageTypeHints: Record<StageType, string> = {
  LIST: msg('Freezes a segment into the campaign’s target list on its date'),
  APPROVAL: msg('Waits for the approvers; a rejection stops the campaign'),
  MAILING: msg('Sends a template to the target list, at a bounded rate'),
  CALL_TASKS: msg('Creates a call task for the owner of each listed account'),
  WAIT: msg('A pause before the next stage'),
};

/** A campaign in these moves by itself: its page follows it every 2 s. */
export const isLive = (status: CampaignStatus | undefined) => status === 'RUNNING' || status === 'SCHEDULED';

export const mayWriteCampaigns = (role: string | undefined) => role === 'marketer' || role === 'admin';
