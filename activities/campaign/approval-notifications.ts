import type { Db, DbClient } from '../../src/db/prisma';
import type { ApprovalSettings } from '../../src/campaigns/stage-settings.schemas';
import { activeAmong } from '../../src/approvals/approval-people';
import { recordNotifications, type RecordedNotifications } from '../outbox/record-notifications';

type Kind = 'request' | 'reminder' | 'escalation';

const messages: Record<Kind, (campaign: string, stage: number) => string> = {
  request: (campaign, stage) => `Campaign "${campaign}": stage ${stage} awaits your approval`,
  reminder: (campaign, stage) => `Reminder: campaign "${campaign}": stage ${stage} still awaits your approval`,
  escalation: (campaign, stage) => `Escalation: campaign "${campaign}": stage ${stage} has not been approved in time`,
};

/** The key of the stage's first request (kind `request` below): a person is asked once per stage, however they became an approver. */
const requestKey = (stageId: string, recipientId: string) => `campaign-approval:request:${stageId}:${recipientId}`;

async function stageFacts(db: DbClient, stageId: string) {
  return db.campaignStage.findUniqueOrThrow({ where: { id: stageId }, select: { position: true, startedSettings: true, campaign: { select: { name: true } } } });
}

/**
 * Approval routing's notifications: the approvers who have not answered (request, reminder), or
 * the escalation contacts (the stage's escalateToIds, else those approvers' managers), read from the
 * stage's startedSettings when they go out (a rerouted approver's replacement is reminded).
 * Deactivated people are left out. The dedupe key makes a retried activity notify each person once.
 * Their e-mails go in the outbox, which the workflow delivers.
 */
export async function notifyApprovalRecipients(db: Db, input: { campaignId: string; stageId: string; kind: Kind }): Promise<{ notified: number; emailIds: string[] }> {
  const stage = await stageFacts(db, input.stageId);
  const settings = stage.startedSettings as unknown as ApprovalSettings;
  const decided = new Set((await db.campaignApproval.findMany({ where: { stageId: input.stageId }, select: { approverId: true } })).map((row) => row.approverId));
  const waitingOn = settings.approverIds.filter((id) => !decided.has(id));
  let recipientIds = waitingOn;
  if (input.kind === 'escalation') {
    recipientIds = settings.escalateToIds?.length
      ? settings.escalateToIds
      : (await db.user.findMany({ where: { id: { in: waitingOn }, managerId: { not: null } }, select: { managerId: true } })).map((user) => user.managerId!);
  }
  recipientIds = await activeAmong(db, recipientIds);
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

/** Asks approvers who joined a waiting stage (an approver was replaced); those asked already are not asked twice. */
export async function askNewApprovers(tx: DbClient, input: { campaignId: string; stageId: string; recipientIds: string[]; replacing: string }): Promise<RecordedNotifications> {
  const stage = await stageFacts(tx, input.stageId);
  const recipientIds = await activeAmong(tx, input.recipientIds);
  const why = { trigger: 'campaign-approval-request', campaignId: input.campaignId, stageId: input.stageId, replacing: input.replacing };
  return recordNotifications(
    tx,
    recipientIds.map((recipientId) => ({ recipientId, message: messages.request(stage.campaign.name, stage.position + 1), why, dedupeKey: requestKey(input.stageId, recipientId) })),
  );
}

/** Tells the approvers who had not answered that an admin decided the stage on their behalf. */
export async function tellApproversOfDecisionOnBehalf(
  tx: DbClient,
  input: { campaignId: string; stageId: string; recipientIds: string[]; adminId: string; adminName: string; decision: 'APPROVED' | 'REJECTED'; comment?: string },
): Promise<RecordedNotifications> {
  const stage = await stageFacts(tx, input.stageId);
  const recipientIds = await activeAmong(tx, input.recipientIds);
  const verb = input.decision === 'APPROVED' ? 'approved' : 'rejected';
  const message = `Campaign "${stage.campaign.name}": stage ${stage.position + 1} was ${verb} by ${input.adminName} on behalf of the approvers${input.comment ? `: ${input.comment}` : ''}`;
  const why = { trigger: 'campaign-approval-on-behalf', campaignId: input.campaignId, stageId: input.stageId, decidedById: input.adminId, decision: input.decision };
  return recordNotifications(
    tx,
    recipientIds.map((recipientId) => ({ recipientId, message, why, dedupeKey: `campaign-approval:on-behalf:${input.stageId}:${recipientId}` })),
  );
}
