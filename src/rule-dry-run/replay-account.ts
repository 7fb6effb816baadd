import { AppError } from '../errors/app-error';
import type { TimerAction } from '../rules/action.schemas';
import type { BusinessCalendar } from '../rules/business-calendar';
import type { Decision, EvaluationContext, TimerOrigin } from '../rules/evaluate';
import { applyTimerActions, evaluateRules } from '../rules/evaluate';
import { addDuration } from '../rules/due-date';
import type { Status, TaskType } from '../rules/lifecycle';
import type { VersionedRule } from '../rules/rule.schemas';
import type { AccountHistory, ActivityRow, ReplayWindow, TimerCommand, TimerRow } from './account-history';
import { statusAtStart } from './actual-outcome';
import { notificationEmail, templateEmail, type WindowOutcome } from './window-outcome';

/** The rules a replay runs, as the account activities would have had them. */
export interface ReplayRules {
  /** The proposed set: it decides every event of the window, as the current set decides them for real. */
  proposed: VersionedRule[];
  /** A stored version by id: an overdue check started before the window keeps the version that started it. */
  version(id: string): VersionedRule | undefined;
  calendar: BusinessCalendar;
}

/** Two times this close are the same moment (a decision's clock is read a few ms after its activity is stored). */
export const sameMomentMs = 60_000;
/** Timers that start timers that fire: past this many firings for one account the replay stops. */
export const maxFiringsPerAccount = 1000;

interface ReplayTask {
  id: string;
  /** The real task the rules made for the same event, when they made one: its completion is replayed. */
  realId?: string;
  type: TaskType;
  dueAt: Date;
  open: boolean;
}

interface ReplayTimer {
  sequence: number;
  /** The real timer it stands for: started before the window, or by the same event for the same kind. */
  realId?: string;
  kind: string;
  fireAt: Date;
  onFire: TimerAction[];
  origin: TimerOrigin;
  /** An overdue check: it runs this task_overdue rule when it fires, if its task is still open. */
  overdue?: { rule: VersionedRule | undefined; task: ReplayTask | undefined };
}

type Cause = { activityId: string } | { timer: ReplayTimer };

type StaticEvent =
  | { at: Date; rank: 0; kind: 'status'; to: Status }
  | { at: Date; rank: 1; kind: 'task-done'; realTaskId: string }
  | { at: Date; rank: 2; kind: 'timer-command'; realTimerId: string; command: TimerCommand }
  | { at: Date; rank: 3; kind: 'activity'; activity: ActivityRow }
  | { at: Date; rank: 4; kind: 'archive' };

const time = (date: Date) => date.getTime();
const inWindow = (date: Date | null, window: ReplayWindow): date is Date => !!date && time(date) >= time(window.from) && time(date) < time(window.to);

/**
 * One account's window again, under the proposed rules: its activities, a person's status changes
 * (creation, take), a person's hand on timers and tasks and the archiving as they really happened,
 * in time order; the timers the proposed rules start fire when due, and so do those pending when
 * the window starts, unless the proposed rules cancel them first. Pure: the decisions are the
 * account activities' own (evaluateRules, applyTimerActions), applied as writeDecision applies them.
 */
export function replayAccount(history: AccountHistory, window: ReplayWindow, rules: ReplayRules): WindowOutcome {
  return new AccountReplay(history, window, rules).run();
}

class AccountReplay {
  private status: Status;
  private wasClient: boolean;
  private archived = false;
  private pending: ReplayTimer[] = [];
  private readonly tasks: ReplayTask[] = [];
  private readonly outcome: WindowOutcome;
  private sequence = 0;
  private firings = 0;
  private readonly realTimers: Map<string, TimerRow>;
  private readonly realTimersByCause = new Map<string, string[]>();
  private readonly realTasksByCause = new Map<string, string[]>();
  private readonly escalations: VersionedRule[];

  constructor(
    private readonly history: AccountHistory,
    private readonly window: ReplayWindow,
    private readonly rules: ReplayRules,
  ) {
    this.status = statusAtStart(history) ?? 'NEW';
    this.wasClient = history.account.wasClientBefore;
    this.outcome = { status: this.status, tasks: [], timers: [], emails: [], problems: [] };
    this.realTimers = new Map(history.timers.map((timer) => [timer.id, timer]));
    this.escalations = rules.proposed.filter((rule) => rule.enabled && rule.trigger.kind === 'task_overdue');
    const from = time(window.from);
    for (const task of history.tasks) {
      if (time(task.createdAt) >= from) {
        const cause = task.activityId ? `activity:${task.activityId}` : task.timerId ? `timer:${task.timerId}` : undefined;
        if (cause) push(this.realTasksByCause, `${cause}:${task.type}`, task.id);
      } else {
        // Open when the window starts: those done before it are not read.
        this.tasks.push({ id: task.id, realId: task.id, type: task.type, dueAt: task.dueAt, open: true });
      }
    }
    for (const timer of history.timers) {
      if (time(timer.createdAt) >= from) {
        const key = timer.taskId ? `task:${timer.taskId}:${timer.ruleKey}` : timer.activityId ? `activity:${timer.activityId}:${timer.kind}` : undefined;
        if (key) push(this.realTimersByCause, key, timer.id);
      } else {
        this.pending.push(this.timerPendingAtStart(timer));
      }
    }
  }

  run(): WindowOutcome {
    for (const event of this.staticEvents()) {
      this.fireTimersUntil(time(event.at), true);
      if (this.archived) break;
      this.apply(event);
    }
    if (!this.archived) this.fireTimersUntil(time(this.window.to), false);
    return { ...this.outcome, status: this.status };
  }

  /** A timer started before the window, as it stood when the window started (a move inside it is replayed). */
  private timerPendingAtStart(timer: TimerRow): ReplayTimer {
    const movedInWindow = timer.commands.find((command) => command.event === 'rescheduled' && inWindow(command.at, this.window));
    const why = timer.why ?? { ruleId: timer.ruleId ?? '', ruleKey: timer.ruleKey ?? '', ruleVersion: 0 };
    const overdue =
      timer.kind === 'task-overdue' && timer.taskId && timer.ruleId
        ? { rule: this.rules.version(timer.ruleId), task: this.tasks.find((task) => task.realId === timer.taskId) }
        : undefined;
    return {
      sequence: this.sequence++,
      realId: timer.id,
      kind: timer.kind,
      fireAt: movedInWindow?.from ?? timer.fireAt,
      onFire: timer.onFire ?? [],
      origin: { ...why, timerKind: timer.kind },
      ...(overdue ? { overdue } : {}),
    };
  }

  private staticEvents(): StaticEvent[] {
    const { history, window } = this;
    const appliedAt = this.applicationTimes();
    const events: StaticEvent[] = [];
    for (const change of history.statusChanges) {
      if (!change.activityId && !change.timerId) events.push({ at: change.changedAt, rank: 0, kind: 'status', to: change.toStatus });
    }
    for (const task of history.tasks) {
      if (inWindow(task.completedAt, window)) events.push({ at: task.completedAt, rank: 1, kind: 'task-done', realTaskId: task.id });
    }
    for (const timer of history.timers) {
      for (const command of timer.commands) {
        if (inWindow(command.at, window)) events.push({ at: command.at, rank: 2, kind: 'timer-command', realTimerId: timer.id, command });
      }
    }
    for (const activity of history.activities) events.push({ at: appliedAt.get(activity.id) ?? activity.loggedAt, rank: 3, kind: 'activity', activity });
    if (inWindow(history.account.archivedAt, window)) events.push({ at: history.account.archivedAt, rank: 4, kind: 'archive' });
    return events.sort((a, b) => time(a.at) - time(b.at) || a.rank - b.rank);
  }

  /**
   * When each activity was applied: the decision's clock, which is when its rows were written (a
   * few ms after the activity was stored); the time it was stored when it wrote nothing.
   */
  private applicationTimes(): Map<string, Date> {
    const times = new Map<string, Date>();
    const note = (activityId: string | null, at: Date) => {
      if (!activityId) return;
      const known = times.get(activityId);
      if (!known || time(at) < time(known)) times.set(activityId, at);
    };
    const from = time(this.window.from);
    for (const change of this.history.statusChanges) note(change.activityId, change.changedAt);
    for (const task of this.history.tasks) if (time(task.createdAt) >= from) note(task.activityId, task.createdAt);
    for (const timer of this.history.timers) if (time(timer.createdAt) >= from) note(timer.activityId, timer.createdAt);
    for (const activity of this.history.activities) {
      const at = times.get(activity.id);
      if (at && time(at) < time(activity.loggedAt)) times.set(activity.id, activity.loggedAt);
    }
    return times;
  }

  private apply(event: StaticEvent): void {
    switch (event.kind) {
      case 'status':
        this.status = event.to;
        if (event.to === 'CLIENT') this.wasClient = true;
        return;
      case 'task-done': {
        const task = this.tasks.find((candidate) => candidate.realId === event.realTaskId);
        if (!task?.open) return;
        // Completing a task cancels its overdue checks (completeTask).
        task.open = false;
        this.pending = this.pending.filter((timer) => timer.overdue?.task !== task);
        return;
      }
      case 'timer-command': {
        const timer = this.pending.find((candidate) => candidate.realId === event.realTimerId);
        if (!timer) return;
        if (event.command.event === 'cancelled') this.pending = this.pending.filter((candidate) => candidate !== timer);
        else if (event.command.to) timer.fireAt = event.command.to;
        return;
      }
      case 'activity':
        return this.decide(describeActivity(event.activity), { activityId: event.activity.id }, event.at, (context) =>
          evaluateRules(this.rules.proposed, { kind: 'activity_logged', activity: activityEvent(event.activity) }, context),
        );
      case 'archive':
        // Archiving cancels the timers and the open tasks; nothing happens to the account after it.
        this.pending = [];
        for (const task of this.tasks) task.open = false;
        this.archived = true;
        return;
    }
  }

  /**
   * Fires the pending timers due before `until` (at it too when `inclusive`), earliest first; a
   * timer they start fires in turn if it is due in time.
   */
  private fireTimersUntil(until: number, inclusive: boolean): void {
    const end = time(this.window.to);
    for (;;) {
      let next: ReplayTimer | undefined;
      let nextAt = Infinity;
      for (const timer of this.pending) {
        const at = this.firingTime(timer);
        if (at < nextAt || (at === nextAt && next && timer.sequence < next.sequence)) [next, nextAt] = [timer, at];
      }
      if (!next || nextAt >= end || nextAt > until || (nextAt === until && !inclusive)) return;
      if (++this.firings > maxFiringsPerAccount) {
        this.outcome.problems.push(`the proposed rules keep timers firing: the replay stopped after ${maxFiringsPerAccount} firings on this account`);
        this.pending = [];
        return;
      }
      this.fire(next, new Date(nextAt));
    }
  }

  /**
   * When a pending timer fires. One that stands for a real timer due at the same moment fires when
   * the real one did: never within the window if the real one was still pending at its end.
   */
  private firingTime(timer: ReplayTimer): number {
    const real = timer.realId ? this.realTimers.get(timer.realId) : undefined;
    if (real && Math.abs(time(real.fireAt) - time(timer.fireAt)) <= sameMomentMs) {
      if (real.state === 'PENDING') return Infinity;
      if (real.state === 'FIRED' && real.settledAt) return time(real.settledAt) < time(this.window.to) ? time(real.settledAt) : Infinity;
    }
    return time(timer.fireAt);
  }

  private fire(timer: ReplayTimer, at: Date): void {
    this.pending = this.pending.filter((candidate) => candidate !== timer);
    const { overdue } = timer;
    const what = `timer ${timer.kind} firing at ${at.toISOString()}`;
    if (!overdue) {
      this.decide(what, { timer }, at, (context) => applyTimerActions(timer.onFire, context, timer.origin, this.rules.proposed));
      return;
    }
    // fireTimer: an overdue check runs its own rule version, and only while the task is open. A task
    // not read was open when the window started (its check would have been cancelled otherwise).
    const task = overdue.task;
    if (!overdue.rule || (task && !task.open)) return;
    const taskEvent = { id: task?.id ?? timer.realId ?? 'task', type: task?.type ?? 'OTHER', dueAt: task?.dueAt ?? timer.fireAt };
    this.decide(what, { timer }, at, (context) => evaluateRules([overdue.rule!], { kind: 'task_overdue', task: taskEvent }, context));
  }

  /**
   * Decides one event and applies the decision as writeDecision does. A decision the rules cannot
   * make (a status loop, an unknown time zone) changes nothing, as the real transaction would be
   * rolled back, and is reported.
   */
  private decide(what: string, cause: Cause, now: Date, decideWith: (context: EvaluationContext) => Decision): void {
    const { account } = this.history;
    const context: EvaluationContext = {
      account: { id: account.id, status: this.status, segment: account.segment, ownerId: account.ownerId, wasClient: this.wasClient, fields: account.fields, timeZone: account.timeZone },
      now,
      calendar: this.rules.calendar,
    };
    try {
      this.applyDecision(decideWith(context), cause);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      this.outcome.problems.push(`${what}: the proposed rules would fail (${error.message})`);
    }
  }

  private applyDecision(decision: Decision, cause: Cause): void {
    const { timeZone } = this.history.account;
    // Everything that can fail is computed before anything changes.
    const newTasks = decision.tasks.map((planned) => {
      const causeKey = 'activityId' in cause ? `activity:${cause.activityId}` : cause.timer.realId ? `timer:${cause.timer.realId}` : undefined;
      const realId = this.takeReal(this.realTasksByCause, causeKey && `${causeKey}:${planned.type}`);
      const task: ReplayTask = { id: `replayed-task-${this.sequence++}`, ...(realId ? { realId } : {}), type: planned.type, dueAt: planned.dueAt, open: true };
      const checks = this.escalations
        .filter((rule) => rule.trigger.kind === 'task_overdue' && (!rule.trigger.taskTypes || rule.trigger.taskTypes.includes(planned.type)))
        .map((rule) => ({ rule, fireAt: addDuration((rule.trigger as { after: string }).after, planned.dueAt, timeZone) }));
      return { task, ruleKey: planned.why.ruleKey, checks };
    });

    if (decision.finalStatus !== this.status) {
      this.status = decision.finalStatus;
      if (decision.finalStatus === 'CLIENT') this.wasClient = true;
    }
    for (const cancel of decision.timerKindsToCancel) this.pending = this.pending.filter((timer) => timer.kind !== cancel.timerKind);
    for (const { task, ruleKey, checks } of newTasks) {
      this.tasks.push(task);
      this.outcome.tasks.push({ type: task.type, ruleKey, dueAt: task.dueAt });
      for (const { rule, fireAt } of checks) {
        const realId = task.realId ? this.takeReal(this.realTimersByCause, `task:${task.realId}:${rule.key}`) : undefined;
        this.start({ kind: 'task-overdue', fireAt, onFire: [], origin: { ruleId: rule.id, ruleKey: rule.key, ruleVersion: rule.version }, overdue: { rule, task } }, realId);
      }
    }
    for (const planned of decision.timersToStart) {
      const realId = 'activityId' in cause ? this.takeReal(this.realTimersByCause, `activity:${cause.activityId}:${planned.timerKind}`) : undefined;
      this.start({ kind: planned.timerKind, fireAt: planned.fireAt, onFire: planned.onFire, origin: { ...planned.why, timerKind: planned.timerKind } }, realId);
    }
    for (const email of decision.emails) this.outcome.emails.push({ what: templateEmail(email.templateKey), ruleKey: email.why.ruleKey });
    // A notification goes to the owner (or their manager): an account without an owner notifies nobody.
    if (this.history.account.ownerId) {
      for (const notification of decision.notifications) this.outcome.emails.push({ what: notificationEmail, ruleKey: notification.why.ruleKey });
    }
  }

  private start(timer: Omit<ReplayTimer, 'sequence' | 'realId'>, realId: string | undefined): void {
    this.pending.push({ ...timer, sequence: this.sequence++, ...(realId ? { realId } : {}) });
    this.outcome.timers.push({ kind: timer.kind, ruleKey: timer.origin.ruleKey, fireAt: timer.fireAt });
  }

  private takeReal(byCause: Map<string, string[]>, key: string | undefined): string | undefined {
    return key ? byCause.get(key)?.shift() : undefined;
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function activityEvent(activity: ActivityRow) {
  const { nextStep } = activity;
  return {
    id: activity.id,
    type: activity.type,
    outcome: activity.outcome,
    occurredAt: activity.occurredAt,
    ...(nextStep ? { nextStep: { ...nextStep, dueAt: new Date(nextStep.dueAt) } } : {}),
  };
}

const describeActivity = (activity: ActivityRow) => `${activity.type} ${activity.outcome} logged ${activity.loggedAt.toISOString()}`;
