import { ActivityContactFields, RuleMatchedView, TaskView, TimerView } from '../lifecycle/lifecycle.schemas';
import { z } from 'zod';
import { ActivityType, Outcome, Status } from '../rules/lifecycle';
import { AccountFields } from './accounts.schemas';
import { OpportunityView } from '../opportunities/opportunities.schemas';
import { AccountObjectiveView, AccountPlanView } from '../plan-progress/progress.schemas';

const Timestamp = z.iso.datetime();
const Json = (description: string) => z.unknown().meta({ description });

export const AccountResponse = z
  .object({
    id: z.uuid(),
    name: z.string(),
    segment: z.string().nullable(),
    status: Status,
    ownerId: z.uuid().nullable(),
    timeZone: z.string(),
    fields: AccountFields,
    leadSource: z.string().nullable(),
    archivedAt: Timestamp.nullable(),
    archivedReason: z.string().nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Account' });
export type AccountResponse = z.output<typeof AccountResponse>;

/** The list's fields: one mask serves as the Prisma select and as the schema's pick. */
export const accountSummarySelect = {
  id: true,
  name: true,
  segment: true,
  status: true,
  ownerId: true,
  timeZone: true,
  leadSource: true,
  archivedAt: true,
  createdAt: true,
  updatedAt: true,
} as const;

export const AccountSummary = AccountResponse.pick(accountSummarySelect).meta({ id: 'AccountSummary' });
export type AccountSummary = z.output<typeof AccountSummary>;

export const AccountList = z
  .object({
    items: z.array(AccountSummary),
    nextCursor: z.string().nullable().meta({ description: 'Pass it as cursor for the next page; null on the last page' }),
  })
  .meta({ id: 'AccountList' });
export type AccountList = z.output<typeof AccountList>;

export const ContactResponse = z
  .object({
    id: z.uuid(),
    accountId: z.uuid(),
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    title: z.string().nullable(),
    isPrimary: z.boolean(),
    timeZone: z.string().nullable().meta({ description: "The contact's IANA time zone; null means the account's" }),
    doNotContact: z.boolean(),
    unsubscribedAt: Timestamp.nullable(),
    bouncedAt: Timestamp.nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'Contact' });
export type ContactResponse = z.output<typeof ContactResponse>;

export const CreatedAccountResponse = z
  .object({ account: AccountResponse, contacts: z.array(ContactResponse) })
  .meta({ id: 'CreatedAccount' });
export type CreatedAccountResponse = z.output<typeof CreatedAccountResponse>;

const RuleRef = { ruleKey: z.string().nullable(), ruleVersion: z.number().int().nullable() };

export const StatusChangeResponse = z
  .object({
    id: z.uuid(),
    fromStatus: Status.nullable(),
    toStatus: Status,
    activityId: z.uuid().nullable(),
    timerId: z.uuid().nullable(),
    ...RuleRef,
    changedById: z.uuid().nullable(),
    reason: z.string().nullable(),
    changedAt: Timestamp,
  })
  .meta({ id: 'StatusChange', description: 'One status change and its cause: an activity, a timer (each with its rule) or a user (take, creation)' });

export const OwnerChangeResponse = z
  .object({
    id: z.uuid(),
    fromUserId: z.uuid().nullable(),
    toUserId: z.uuid(),
    changedById: z.uuid().meta({ description: 'The admin who moved it' }),
    reason: z.string(),
    changedAt: Timestamp,
  })
  .meta({ id: 'OwnerChange', description: 'The account moved to another owner (a reassignment): from whom, to whom, by whom and why' });

export const AccountActivityResponse = z
  .object({
    id: z.uuid(),
    type: ActivityType,
    outcome: Outcome,
    occurredAt: Timestamp,
    notes: z.string().nullable(),
    ...ActivityContactFields,
    nextStep: Json('The next step planned with the activity, if any'),
    loggedById: z.uuid(),
    planId: z.uuid().nullable().meta({ description: 'The plan it was done for' }),
    objectiveId: z.uuid().nullable().meta({ description: 'The objective it counts for' }),
    rulesMatched: z
      .array(RuleMatchedView)
      .nullable()
      .meta({ description: 'The rules whose trigger matched it when it was applied: what each did, or which condition failed. Null for activities applied before these were kept' }),
  })
  .meta({ id: 'AccountActivity' });

export const AccountPageResponse = z
  .object({
    account: AccountResponse,
    workflowId: z.string().nullable().meta({ description: 'The id of the account’s workflow in Temporal (its lifecycle and timers) once the account is in work; null for an account in the pool' }),
    contacts: z.array(ContactResponse),
    statusHistory: z.array(StatusChangeResponse).meta({ description: 'Oldest first' }),
    ownerChanges: z.array(OwnerChangeResponse).meta({ description: 'Oldest first; taking the account into work is in statusHistory' }),
    openTasks: z.array(TaskView).meta({ description: 'Due first' }),
    pendingTimers: z.array(TimerView).meta({ description: 'Firing first' }),
    activities: z.array(AccountActivityResponse).meta({ description: 'Applied activities, newest first, at most 100' }),
    plans: z.array(AccountPlanView).meta({ description: 'Plans applied to the account, latest period first, at most 200' }),
    objectives: z
      .array(AccountObjectiveView)
      .meta({ description: 'Objectives applied to the account and those of plans neither EXPIRED nor REJECTED that apply to all accounts, at most 200' }),
    opportunities: z.array(OpportunityView).meta({ description: "The account's opportunities, newest first, at most 100" }),
  })
  .meta({ id: 'AccountPage' });
export type AccountPageResponse = z.output<typeof AccountPageResponse>;
