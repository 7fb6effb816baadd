import type { SearchAttributePair } from '@temporalio/common';
import type { CampaignStatus, PlanStatus } from '../generated/prisma/enums';
import {
  accountOwnerIdKey,
  accountSegmentKey,
  accountStatusKey,
  accountStatusSinceKey,
  applyStateKey,
  budgetApprovalStatusKey,
  campaignStatusKey,
  eventStatusKey,
  planPeriodEndKey,
  planStatusKey,
} from '../../workflows/search-attributes';

/**
 * What an admin reads about a workflow in the Temporal UI (its static summary and details) and the
 * search attributes it starts with, so a new run is findable before its first task. Campaign and plan
 * names are business data; accounts are named by id only, as their histories are.
 */
export interface WorkflowDescription {
  staticSummary: string;
  staticDetails: string;
  typedSearchAttributes: SearchAttributePair[];
}

const quoted = (name: string) => `“${name.replace(/\s+/g, ' ').trim()}”`;

/** Without `known`, the run sets its attributes itself in its first task (read from PostgreSQL). */
export function describeAccountWorkflow(accountId: string, known?: { status: string; statusSince: Date; ownerId: string | null; segment: string | null }): WorkflowDescription {
  return {
    staticSummary: `Account ${accountId}: lifecycle and follow-up timers`,
    staticDetails: `Moves account ${accountId} through its lifecycle (NEW, POTENTIAL, CLIENT, REFUSED…) as activities are logged, and fires its follow-up timers. Names and contacts stay in the CRM database.`,
    typedSearchAttributes: known
      ? [
          { key: accountStatusKey, value: known.status },
          { key: accountStatusSinceKey, value: known.statusSince },
          ...(known.ownerId ? [{ key: accountOwnerIdKey, value: known.ownerId }] : []),
          ...(known.segment ? [{ key: accountSegmentKey, value: known.segment }] : []),
        ]
      : [],
  };
}

export function describeCampaignWorkflow(campaign: { id: string; name: string; status: CampaignStatus; stageTypes: string[]; evergreen?: boolean }): WorkflowDescription {
  const what = campaign.stageTypes.length
    ? `${campaign.evergreen ? 'enrolls new contacts on its schedule and takes each enrollment through' : 'starts each stage on its date or condition'}: ${campaign.stageTypes.join(' → ')}`
    : 'has no stages: it collects responses and costs until it is completed or cancelled';
  return {
    staticSummary: `Campaign ${quoted(campaign.name)}`,
    staticDetails: `Runs campaign ${quoted(campaign.name)} (${campaign.id}), which ${what}.`,
    typedSearchAttributes: [{ key: campaignStatusKey, value: campaign.status }],
  };
}

export function describeBudgetTransferWorkflow(transfer: { id: string; status: string; amount: string; currency: string; fromName: string; toName: string }): WorkflowDescription {
  const what = `${transfer.amount} ${transfer.currency} from budget ${quoted(transfer.fromName)} to ${quoted(transfer.toName)}`;
  return {
    staticSummary: `Budget transfer: ${what}`,
    staticDetails: `Asks the owners of both budgets (or their managers) to approve moving ${what} (transfer ${transfer.id}), reminds them, and tells who asked how it ended.`,
    typedSearchAttributes: [{ key: budgetApprovalStatusKey, value: transfer.status }],
  };
}

export function describeBudgetOverrunWorkflow(overrun: { id: string; status: string; over: string; currency: string; workName: string; budgetName: string }): WorkflowDescription {
  const what = `${quoted(overrun.workName)}, ${overrun.over} ${overrun.currency} over its funding from budget ${quoted(overrun.budgetName)}`;
  return {
    staticSummary: `Budget overrun: ${what}`,
    staticDetails: `Asks the owner of budget ${quoted(overrun.budgetName)} (or their manager) to approve scheduling ${what} (overrun ${overrun.id}), reminds them, and tells who asked how it ended.`,
    typedSearchAttributes: [{ key: budgetApprovalStatusKey, value: overrun.status }],
  };
}

export function describePlanWorkflow(plan: { id: string; name: string; status: PlanStatus; periodEnd: Date }): WorkflowDescription {
  return {
    staticSummary: `Business plan ${quoted(plan.name)}`,
    staticDetails: `Routes business plan ${quoted(plan.name)} (${plan.id}) for approval, reminds its approvers and expires it after ${plan.periodEnd.toISOString().slice(0, 10)}.`,
    typedSearchAttributes: [
      { key: planStatusKey, value: plan.status },
      { key: planPeriodEndKey, value: plan.periodEnd },
    ],
  };
}

export function describeApplyWorkflow(application: { id: string; owner: { kind: 'plan' | 'objective'; name: string } }): WorkflowDescription {
  const what = `${application.owner.kind === 'plan' ? 'business plan' : 'objective'} ${quoted(application.owner.name)}`;
  return {
    staticSummary: `Apply ${what} to accounts`,
    staticDetails: `Links ${what} to the accounts of application ${application.id}, chunk by chunk in one SQL statement each.`,
    typedSearchAttributes: [{ key: applyStateKey, value: 'RUNNING' }],
  };
}

/** Event names are business data, not personal data: the summary names the event. */
export function describeEventWorkflow(event: { id: string; name?: string }): WorkflowDescription {
  const what = event.name ? `event ${quoted(event.name)} (${event.id})` : `event ${event.id}`;
  return {
    staticSummary: event.name ? `Event: ${event.name.replace(/\s+/g, ' ').trim()}` : `Event ${event.id}`,
    staticDetails: `Runs the dated steps of ${what}: opens and closes its registration, opens its tasks and escalates overdue ones, sends its reminders and e-mails, and counts no-shows after the end. Registrations stay in the CRM database.`,
    typedSearchAttributes: [{ key: eventStatusKey, value: 'SCHEDULED' }],
  };
}

/** Template names are business data; the letters' contacts stay in the CRM database. */
export function describeDirectMailWorkflow(run: { id: string; templateName: string }): WorkflowDescription {
  return {
    staticSummary: `Direct mail: ${run.templateName.replace(/\s+/g, ' ').trim()}`,
    staticDetails: `Renders the letters of direct-mail run ${run.id} from letter template ${quoted(run.templateName)}, batch after batch, into PDFs in the collateral store. Contacts and letters stay in the CRM database and the store.`,
    typedSearchAttributes: [],
  };
}
