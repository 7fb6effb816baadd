import { randomUUID } from 'node:crypto';
import type { Prisma } from '../generated/prisma/client';
import type { BusinessCalendar } from '../rules/business-calendar';
import type { Decision } from '../rules/decision';
import { addDuration } from '../rules/due-date';
import { evaluateRules, type VersionedRule } from '../rules/evaluate';
import type { Status } from '../rules/lifecycle';
import type { DemoAccount } from './demo-accounts';
import { contactOutcomes } from '../lifecycle/contact-outcomes';

const COMPLETED_AFTER_MS = 10 * 60_000;

export interface HistoryRows {
  accounts: Prisma.AccountCreateManyInput[];
  contacts: Prisma.ContactCreateManyInput[];
  activities: Prisma.ActivityCreateManyInput[];
  statusChanges: Prisma.StatusChangeCreateManyInput[];
  tasks: Prisma.TaskCreateManyInput[];
  timers: Prisma.TimerCreateManyInput[];
}

export interface HistoryContext {
  rules: VersionedRule[];
  calendar: BusinessCalendar;
  /** Who imported the accounts: the marketer. */
  importedById: string;
  managerOf: (userId: string) => string | null;
  now: Date;
}

type TaskRow = Prisma.TaskCreateManyInput & { id: string; state: 'OPEN' | 'DONE' };
type TimerRow = Prisma.TimerCreateManyInput & { id: string; fireAt: Date; history: object[] };

/**
 * Plays each account's scripted activities through the rule engine with the clock set to when
 * they happened, and answers the rows the account workflow would have written then: status
 * changes, tasks with their escalation timers, timers started and cancelled, each activity with
 * its result. Pure: nothing is read or written here.
 *
 * A timer that would have fired inside the history is a mistake of the script and throws; the
 * escalation timers of tasks overdue now stay PENDING, for the account's workflow to fire at its
 * start, as after a worker outage. The default rules send no e-mail or notification on an
 * activity; a rule set that does gets none in the history (nothing is e-mailed about the past).
 */
export function simulateHistory(accounts: DemoAccount[], context: HistoryContext): HistoryRows {
  const rows: HistoryRows = { accounts: [], contacts: [], activities: [], statusChanges: [], tasks: [], timers: [] };
  for (const account of accounts) simulateAccount(account, context, rows);
  return rows;
}

function simulateAccount(account: DemoAccount, context: HistoryContext, rows: HistoryRows): void {
  const { rules, calendar, now } = context;
  let status: Status = 'NEW';
  let wasClient = false;
  let lastContactedAt: Date | null = null;
  const tasks: TaskRow[] = [];
  const timers: TimerRow[] = [];
  const pending = () => timers.filter((timer) => timer.state === 'PENDING');
  const settle = (timer: TimerRow, at: Date, entry: object) => {
    timer.state = 'CANCELLED';
    timer.settledAt = at;
    timer.history.push({ at: at.toISOString(), event: 'cancelled', ...entry });
  };

  rows.contacts.push(...account.contacts.map((contact) => ({ ...contact, accountId: account.id, emailNormalized: contact.email?.toLowerCase() ?? null, createdAt: account.createdAt })));
  rows.statusChanges.push({ accountId: account.id, fromStatus: null, toStatus: 'NEW', changedById: context.importedById, reason: 'imported', changedAt: account.createdAt });
  if (account.ownerId && account.takenAt) {
    status = 'POTENTIAL';
    rows.statusChanges.push({ accountId: account.id, fromStatus: 'NEW', toStatus: 'POTENTIAL', changedById: account.ownerId, reason: 'taken into work', changedAt: account.takenAt });
  }

  for (const scripted of account.activities) {
    const at = scripted.at;
    const early = pending().find((timer) => timer.fireAt <= at);
    if (early) throw new Error(`Demo history of "${account.name}": its ${early.kind} timer would fire at ${early.fireAt.toISOString()}, before the activity of ${at.toISOString()}`);
    // The manager does the planned step: its task is done and its escalation ends.
    const completedAt = new Date(at.getTime() + COMPLETED_AFTER_MS);
    for (const task of tasks.filter((candidate) => candidate.state === 'OPEN')) {
      task.state = 'DONE';
      task.completedAt = completedAt;
      for (const timer of pending().filter((candidate) => candidate.taskId === task.id)) settle(timer, completedAt, { reason: 'task completed', byUserId: account.ownerId });
    }

    const activityId = randomUUID();
    const previousStatus = status;
    const decision = evaluateRules(
      rules,
      { kind: 'activity_logged', activity: { id: activityId, type: scripted.type, outcome: scripted.outcome, occurredAt: at, ...(scripted.nextStep ? { nextStep: scripted.nextStep } : {}) } },
      { account: { id: account.id, status, segment: account.segment, ownerId: account.ownerId, wasClient, fields: account.fields, timeZone: account.timeZone }, now: at, calendar },
    );
    for (const change of decision.statusChanges) {
      rows.statusChanges.push({ accountId: account.id, fromStatus: change.from, toStatus: change.to, activityId, ruleId: change.ruleId, ruleKey: change.ruleKey, ruleVersion: change.ruleVersion, changedAt: at });
    }
    status = decision.finalStatus;
    if (status === 'CLIENT') wasClient = true;
    if (contactOutcomes.has(scripted.outcome)) lastContactedAt = at;

    const timersEnded: string[] = [];
    for (const cancel of decision.timerKindsToCancel) {
      for (const timer of pending().filter((candidate) => candidate.kind === cancel.timerKind)) {
        settle(timer, at, { reason: `rule ${cancel.ruleKey} v${cancel.ruleVersion}`, activityId });
        timersEnded.push(timer.id);
      }
    }
    const { taskIds, started } = plan(account, decision, rules, context, activityId, at, tasks, timers);
    rows.activities.push({
      id: activityId,
      accountId: account.id,
      type: scripted.type,
      outcome: scripted.outcome,
      occurredAt: at,
      notes: scripted.notes,
      nextStep: scripted.nextStep ? { type: scripted.nextStep.type, dueAt: scripted.nextStep.dueAt.toISOString(), title: scripted.nextStep.title } : undefined,
      loggedById: account.ownerId!,
      state: 'APPLIED',
      contactId: account.contacts[0].id,
      result: { status, previousStatus, archived: false, taskIds, timersStarted: started, timersEnded, notificationIds: [], emailIds: [] },
      createdAt: at,
    });
  }

  const stuck = pending().find((timer) => timer.fireAt <= now && timer.kind !== 'task-overdue');
  if (stuck) throw new Error(`Demo history of "${account.name}": its ${stuck.kind} timer would have fired at ${stuck.fireAt.toISOString()}`);
  const lastChange = account.activities.at(-1)?.at ?? account.takenAt ?? account.createdAt;
  rows.accounts.push({
    id: account.id,
    name: account.name,
    segment: account.segment,
    ownerId: account.ownerId && account.takenAt ? account.ownerId : null,
    status,
    wasClient,
    timeZone: account.timeZone,
    fields: account.fields,
    leadSource: account.leadSource,
    lastContactedAt,
    createdAt: account.createdAt,
    updatedAt: lastChange,
  });
  rows.tasks.push(...tasks);
  rows.timers.push(...timers);
}

/** The tasks (each with the escalation timers of the task_overdue rules) and timers a decision starts, as writeDecision makes them. */
function plan(account: DemoAccount, decision: Decision, rules: VersionedRule[], context: HistoryContext, activityId: string, at: Date, tasks: TaskRow[], timers: TimerRow[]) {
  const owner = account.ownerId!;
  const escalations = rules.filter((rule) => rule.enabled && rule.trigger.kind === 'task_overdue');
  const taskIds: string[] = [];
  const started: { id: string; kind: string; fireAt: string }[] = [];
  const start = (timer: Omit<TimerRow, 'id' | 'accountId' | 'history' | 'createdAt' | 'activityId'>) => {
    const row: TimerRow = { id: randomUUID(), accountId: account.id, activityId, history: [], createdAt: at, ...timer };
    timers.push(row);
    started.push({ id: row.id, kind: row.kind, fireAt: row.fireAt.toISOString() });
  };
  for (const planned of decision.tasks) {
    const task: TaskRow = {
      id: randomUUID(),
      accountId: account.id,
      assigneeId: planned.assignTo === 'owner_manager' ? (context.managerOf(owner) ?? owner) : owner,
      type: planned.type,
      title: planned.title,
      dueAt: planned.dueAt,
      state: 'OPEN',
      activityId,
      ruleId: planned.why.ruleId,
      ruleKey: planned.why.ruleKey,
      ruleVersion: planned.why.ruleVersion,
      why: planned.why as unknown as Prisma.InputJsonValue,
      createdAt: at,
    };
    tasks.push(task);
    taskIds.push(task.id);
    for (const rule of escalations) {
      if (rule.trigger.kind !== 'task_overdue' || (rule.trigger.taskTypes && !rule.trigger.taskTypes.includes(planned.type))) continue;
      const why = { ruleId: rule.id, ruleKey: rule.key, ruleVersion: rule.version, trigger: `task still open ${rule.trigger.after} after its due time`, conditions: [], dueExplanation: `${rule.trigger.after} after ${planned.dueAt.toISOString()}` };
      start({ kind: 'task-overdue', fireAt: addDuration(rule.trigger.after, planned.dueAt, account.timeZone), onFire: [], taskId: task.id, ruleId: rule.id, ruleKey: rule.key, ruleVersion: rule.version, why, state: 'PENDING' });
    }
  }
  for (const planned of decision.timersToStart) {
    start({
      kind: planned.timerKind,
      fireAt: planned.fireAt,
      onFire: planned.onFire as unknown as Prisma.InputJsonValue,
      ruleId: planned.why.ruleId,
      ruleKey: planned.why.ruleKey,
      ruleVersion: planned.why.ruleVersion,
      why: planned.why as unknown as Prisma.InputJsonValue,
      state: 'PENDING',
    });
  }
  return { taskIds, started };
}
