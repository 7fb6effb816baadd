import type { Account, AccountOwnerChange, Activity, Contact, StatusChange } from '../generated/prisma/client';
import { activityContactView, type ActivityContact } from '../lifecycle/activity-contact';
import { toRulesMatchedView } from '../lifecycle/lifecycle-views';
import type { AccountFields } from './accounts.schemas';
import { accountSummarySelect, type AccountPageResponse, type AccountResponse, type AccountSummary, type ContactResponse } from './account-views.schemas';

type Page = AccountPageResponse;
const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

export function toAccountView(account: Account): AccountResponse {
  return {
    id: account.id,
    name: account.name,
    segment: account.segment,
    status: account.status,
    ownerId: account.ownerId,
    timeZone: account.timeZone,
    fields: (account.fields ?? {}) as AccountFields,
    leadSource: account.leadSource,
    archivedAt: isoOrNull(account.archivedAt),
    archivedReason: account.archivedReason,
    createdAt: iso(account.createdAt),
    updatedAt: iso(account.updatedAt),
  };
}

export function toAccountSummary(account: Pick<Account, keyof typeof accountSummarySelect>): AccountSummary {
  return { ...account, archivedAt: isoOrNull(account.archivedAt), createdAt: iso(account.createdAt), updatedAt: iso(account.updatedAt) };
}

export function toContactView(contact: Contact): ContactResponse {
  return {
    id: contact.id,
    accountId: contact.accountId,
    name: contact.name,
    email: contact.email,
    phone: contact.phone,
    title: contact.title,
    isPrimary: contact.isPrimary,
    timeZone: contact.timeZone,
    doNotContact: contact.doNotContact,
    unsubscribedAt: isoOrNull(contact.unsubscribedAt),
    bouncedAt: isoOrNull(contact.bouncedAt),
    createdAt: iso(contact.createdAt),
  };
}

export function toStatusChangeView(change: StatusChange): Page['statusHistory'][number] {
  const { accountId: _account, ruleId: _rule, ...view } = change;
  return { ...view, changedAt: iso(change.changedAt) };
}

export function toOwnerChangeView(change: AccountOwnerChange): Page['ownerChanges'][number] {
  const { accountId: _account, ...view } = change;
  return { ...view, changedAt: iso(change.changedAt) };
}

export function toActivityView(activity: Activity & { contact: ActivityContact | null }): Page['activities'][number] {
  return {
    id: activity.id,
    type: activity.type,
    outcome: activity.outcome,
    occurredAt: iso(activity.occurredAt),
    notes: activity.notes,
    ...activityContactView(activity.contact),
    nextStep: activity.nextStep,
    loggedById: activity.loggedById,
    planId: activity.planId,
    objectiveId: activity.objectiveId,
    rulesMatched: toRulesMatchedView(activity.result),
  };
}
