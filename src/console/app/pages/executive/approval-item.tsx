import type { ApprovalItem, CampaignStageApprovalItem, PlanApprovalItem } from '../../../../approvals/approvals.schemas';
import type { CampaignView } from '../../../../campaigns/campaign-views.schemas';
import type { PlanView } from '../../../../plans/plans.schemas';
import { ApiError, post } from '../../api';
import { formatDate, formatDateTime, formatMoney, formatRelative, humanize } from '../../format';
import { href } from '../../router';
import { useAction } from '../../use-api';
import { decideTransfer, outcomeOf } from '../marketer/budgets/transfer-model';
import { DecisionForm } from './decision-form';
import { decideOverrun, OverrunFacts, OverrunHeading, overrunItemTitle } from './overrun-approval';
import { TransferFacts, TransferHeading, transferItemTitle } from './transfer-approval';
import { msg, t, tp } from '../../i18n/i18n';

/** What the approver is told once a decision is recorded; the item itself then leaves the inbox. */
export interface DecisionOutcome {
  key: string;
  message: string;
  kind: 'success' | 'warning';
}

export function itemKey(item: ApprovalItem): string {
  switch (item.kind) {
    case 'plan':
      return `plan-${item.planId}`;
    case 'campaign-stage':
      return `stage-${item.stageId}`;
    case 'budget-transfer':
      return `transfer-${item.transferId}`;
    case 'budget-overrun':
      return `overrun-${item.overrunId}`;
  }
}

export function itemTitle(item: ApprovalItem): string {
  switch (item.kind) {
    case 'plan':
      return t('plan "{planName}"', { planName: item.planName });
    case 'campaign-stage':
      return t('campaign "{campaignName}", stage "{stageName}"', { campaignName: item.campaignName, stageName: item.stageName });
    case 'budget-transfer':
      return transferItemTitle(item);
    case 'budget-overrun':
      return overrunItemTitle(item);
  }
}

const kindLabels: Record<ApprovalItem['kind'], string> = { plan: msg('Business plan'), 'campaign-stage': msg('Campaign approval stage'), 'budget-transfer': msg('Budget transfer'), 'budget-overrun': msg('Over its budget') };

async function decide(item: ApprovalItem, decision: 'approve' | 'reject', text: string | undefined): Promise<string> {
  const body = decision === 'approve' ? (text ? { comment: text } : {}) : { reason: text };
  const verb = decision === 'approve' ? t('Approved') : t('Rejected');
  switch (item.kind) {
    case 'plan': {
      const plan = await post<PlanView>(`/plans/${item.planId}/${decision}`, body);
      return t('{verb} {item}: the plan is now {status}.', { verb, item: itemTitle(item), status: humanize(plan.status) });
    }
    case 'budget-transfer':
      return `${verb} ${itemTitle(item)}: ${outcomeOf(await decideTransfer(item.transferId, decision, text))}`;
    case 'budget-overrun':
      return `${verb} ${itemTitle(item)}: ${await decideOverrun(item.overrunId, decision, text)}`;
    case 'campaign-stage': {
      const campaign = await post<CampaignView>(`/campaigns/${item.campaignId}/stages/${item.stageId}/${decision}`, body);
      const stage = campaign.stages.find((candidate) => candidate.id === item.stageId);
      return stage
        ? t('{verb} {item}: the campaign is {status}, the stage {stageStatus}.', { verb, item: itemTitle(item), status: humanize(campaign.status), stageStatus: humanize(stage.status) })
        : t('{verb} {item}: the campaign is {status}.', { verb, item: itemTitle(item), status: humanize(campaign.status) });
    }
  }
}

export function ApprovalItemCard({ item, onDecided }: { item: ApprovalItem; onDecided(outcome: DecisionOutcome): void }) {
  const action = useAction(async (decision: 'approve' | 'reject', text: string | undefined) => {
    try {
      return { kind: 'success' as const, message: await decide(item, decision, text) };
    } catch (caught) {
      // Decided meanwhile (another approver, or this user in another tab): nothing is left to decide,
      // so the item leaves the inbox with the reason instead of staying with an error.
      if (caught instanceof ApiError && caught.status === 409) return { kind: 'warning' as const, message: t('Not recorded for {item}: {message}', { item: itemTitle(item), message: caught.message }) };
      throw caught;
    }
  });
  const run = async (decision: 'approve' | 'reject', text: string | undefined) => {
    const outcome = await action.run(decision, text);
    if (outcome) onDecided({ key: itemKey(item), ...outcome });
  };
  const headingId = `${itemKey(item)}-heading`;
  return (
    <article class="card approval-item" aria-labelledby={headingId}>
      <p class="muted approval-kind">{t(kindLabels[item.kind])}</p>
      <h2 id={headingId}>
        <ItemHeading item={item} />
      </h2>
      <dl class="facts">
        <dt>{t('Asked by')}</dt>
        <dd>{item.askedBy?.name ?? t('Unknown')}</dd>
        <dt>{t('Waiting since')}</dt>
        <dd>
          <time dateTime={item.askedAt} title={formatDateTime(item.askedAt)}>
            {formatRelative(item.askedAt)}
          </time>
        </dd>
        {item.onBehalf && (
          <>
            <dt>{t('On behalf')}</dt>
            <dd>{t('You are not an approver: as an admin you decide on behalf of')}{' '}{item.waitingOn.map((person) => person.name).join(', ') || t('the approvers')}</dd>
          </>
        )}
        {item.kind === 'plan' && <PlanFacts item={item} />}
        {item.kind === 'campaign-stage' && <StageFacts item={item} />}
        {item.kind === 'budget-transfer' && <TransferFacts item={item} />}
        {item.kind === 'budget-overrun' && <OverrunFacts item={item} />}
      </dl>
      <DecisionForm subject={itemTitle(item)} busy={action.busy} error={action.error} onApprove={(comment) => void run('approve', comment)} onReject={(reason) => void run('reject', reason)} />
    </article>
  );
}

function ItemHeading({ item }: { item: ApprovalItem }) {
  switch (item.kind) {
    case 'plan':
      return <a href={href(`/plans/${item.planId}`)}>{item.planName}</a>;
    case 'campaign-stage':
      return (
        <>
          <a href={href(`/campaigns/${item.campaignId}`)}>{item.campaignName}</a>: {item.stageName}
        </>
      );
    case 'budget-transfer':
      return <TransferHeading item={item} />;
    case 'budget-overrun':
      return <OverrunHeading item={item} />;
  }
}

function PlanFacts({ item }: { item: PlanApprovalItem }) {
  return (
    <>
      <dt>{t('Period')}</dt>
      <dd>
        {t('{periodStart} to {periodEnd}', { periodStart: formatDate(item.periodStart), periodEnd: formatDate(item.periodEnd) })}
      </dd>
      <dt>{t('Revenue target')}</dt>
      <dd>{item.revenueTarget === null ? t('None') : formatMoney(item.revenueTarget, item.currency)}</dd>
      {item.parent && (
        <>
          <dt>{t('Part of')}</dt>
          <dd>
            <a href={href(`/plans/${item.parent.id}`)}>{item.parent.name}</a>
          </dd>
        </>
      )}
      {item.goals.length > 0 && (
        <>
          <dt>{t('Goals')}</dt>
          <dd>{item.goals.join('; ')}</dd>
        </>
      )}
    </>
  );
}

function StageFacts({ item }: { item: CampaignStageApprovalItem }) {
  return (
    <>
      <dt>{t('Campaign status')}</dt>
      <dd>{humanize(item.campaignStatus)}</dd>
      <dt>{t('Rule')}</dt>
      <dd>
        {item.require === 'all' ? t('Every approver must approve ({approvedSoFar} of {approvers} so far)', { approvedSoFar: item.approvedSoFar, approvers: item.approvers }) : tp(item.approvers, 'One approval of {count} approver suffices', 'One approval of {count} approvers suffices')}
      </dd>
    </>
  );
}
