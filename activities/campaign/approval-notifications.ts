import type { Db } from '../../src/db/prisma';
import type { ApprovalSettings } from '../../src/campaigns/stage-settings.schemas';
import { recordNotifications } from '../outbox/record-notifications';

type Kind = 'request' | 'reminder' | 'escalation';

const messages: Record<Kind, (campaign: string, stage: number) => string> = {
  request: (campaign, stage) => `Campaign "${campaign}": stage ${stage} awaits your approval`,
  reminder: (campaign, stage) => `Reminder: campaign "${campaign}": stage ${stage} still awaits your approval`,
  escalation: (campaign, stage) => `Escalation: campaign "${campaign}": stage ${stage} has not been approved in time`,
};

/**
 * Approval routing's notifications: the approvers who have not answered (request, reminder), or
 * the escalation contacts (the stage's escalateToIds, else those approvers' managers). The dedupe
 * key makes a retried activity notify each person once. Their e-mails go in the outbox, which the
 * workflow delivers.
 */
export async function notifyApprovalRecipients(db: Db, input: { campaignId: string; stageId: string; kind: Kind }): Promise<{ notified: number; emailIds: string[] }> {
  const stage = await db.campaignStage.findUniqueOrThrow({ where: { id: input.stageId }, select: { position: true, startedSettings: true, campaign: { select: { name: true } } } });
  const settings = stage.startedSettings as unknown as ApprovalSettings;
  const decided = new Set((await db.campaignApproval.findMany({ where: { stageId: input.stageId }, select: { approverId: true } })).map((row) => row.approverId));
  const waitingOn = settings.approverIds.filter((id) => !decided.has(id));
  let recipientIds = waitingOn;
  if (input.kind === 'escalation') {
    recipientIds = settings.escalateToIds?.length
      ? settings.escalateToIds
      : (await db.user.findMany({ where: { id: { in: waitingOn }, managerId: { not: null } }, select: { managerId: true } })).map((user) => user.managerId!);
  }
  recipientIds = [...new Set(recipientIds)];
  const why = { trigger: `campaign-approval-${input.kind}`, campaignId: input.campaignId, stageId: input.stageId, waitingOn };
  const { emailIds } = await recordNotifications(
    db,
    recipientIds.map((recipientId) => ({
      recipientId,
      message: messages[input.kind](stage.campaign.name, stage.position + 1),
      why,
      dedupeKey: `campaign-approval:${input.kind}:${input.stageId}:${recipientId}`,
    })),
  );
  return { notified: recipientIds.length, emailIds };
}
