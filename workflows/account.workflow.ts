import { allHandlersFinished, condition, continueAsNew, patched, proxyLocalActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { AccountActivities } from '../activities/account';
import type { AccountEffects, PendingTimer } from './account.messages';
import {
  archiveAccountUpdate,
  cancelTimerUpdate,
  completeTaskUpdate,
  logActivityUpdate,
  ownerChangedSignal,
  pendingTimersQuery,
  rescheduleTimerUpdate,
} from './account.messages';
import { createAlarm } from './alarm';
import { createMailSender } from './mail-sender';
import { refusal } from './refusal';
import { accountOwnerIdKey, accountSegmentKey, accountStatusKey, accountStatusSinceKey } from './search-attributes';
import { createSerializer } from './serialize';

// Local activities: each is one short PostgreSQL transaction, run inside the workflow task, so
// logging an activity costs one round trip to Temporal instead of three.
const activities = proxyLocalActivities<AccountActivities>({
  startToCloseTimeout: '30 seconds',
  // A decision already taken must reach PostgreSQL: retry until it lands.
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', nonRetryableErrorTypes: ['NOT_FOUND', 'CONFLICT', 'RULE_VIOLATION'] },
});

export const SEARCH_ATTRIBUTES_AT_START = 'search-attributes-at-start';
// Version 4, taken once at the start of a run: the start-up (pending timers, search attributes) runs
// before any update, a change that keeps the status upserts nothing, and the timer is set again only
// when the earliest pending timer changes (workflows/alarm.ts). Before, an update-with-start ran
// beside the start-up's local activities, and a replay that met their results in one activation ordered
// their commands otherwise than the run had (a nondeterminism error after a worker was killed).
export const QUIET_CHANGES = 'quiet-changes';

export interface AccountWorkflowInput {
  accountId: string;
  /** Carried over by continue-as-new; absent on a first start, when they are read from PostgreSQL. */
  timers?: PendingTimer[];
  /** Continue as new past this many history events (tests); otherwise when Temporal suggests it. */
  continueAsNewAfterEvents?: number;
}

/** One per account in work: owns its status machine and its timers, holds ids and times only. */
export async function accountWorkflow({ accountId, timers: carried, continueAsNewAfterEvents }: AccountWorkflowInput): Promise<void> {
  // First, before any handler can run: a run recorded before version 4 keeps the old ways to its end.
  const quiet = patched(QUIET_CHANGES);
  const historyIsLong = () => workflowInfo().continueAsNewSuggested || (continueAsNewAfterEvents !== undefined && workflowInfo().historyLength >= continueAsNewAfterEvents);
  const timers = new Map<string, PendingTimer>();
  let archived = false;
  let wake = false;
  // Set once a change has given its status: newer than what the start-up read may have seen.
  let statusUpserted = false;
  const alarm = createAlarm();
  const serialized = createSerializer();
  const mail = createMailSender();
  // Continuing as new (or ending) waits for the mail handed to the sender.
  const readyToContinueAsNew = () => historyIsLong() && mail.idle();

  const apply = (effects: AccountEffects): AccountEffects => {
    const earliestBefore = earliestTimer(timers)?.fireAt;
    for (const id of effects.timersEnded) timers.delete(id);
    for (const timer of effects.timersStarted) timers.set(timer.id, timer);
    if (effects.archived) archived = true;
    // One upsert per change, as since version 1; a status it did not have also moves its date (workflow time).
    const entered = workflowInfo().typedSearchAttributes.get(accountStatusKey) !== effects.status;
    if (entered || !quiet) upsertSearchAttributes([{ key: accountStatusKey, value: effects.status }, ...(entered ? [{ key: accountStatusSinceKey, value: new Date() }] : [])]);
    statusUpserted = true;
    mail.send(effects.emailIds);
    // Version 4 wakes the main loop only when what it waits for moved: a change that adds a later timer
    // leaves it asleep (waking it gave no command, only work on every logged call).
    if (!quiet || archived || earliestTimer(timers)?.fireAt !== earliestBefore) wake = true;
    return effects;
  };
  // Refused before it is recorded in history: an archived account takes no more changes.
  const rejectIfArchived = (_input: object) => {
    if (archived) throw refusal('The account is archived');
  };

  const startUp = async () => {
    for (const timer of carried ?? (await activities.loadPendingTimers({ accountId }))) timers.set(timer.id, timer);
    // Version 3: an admin finds a run by its owner and segment too, from its first task (docs/versioning.md).
    if (patched(SEARCH_ATTRIBUTES_AT_START)) {
      const { status, statusSince, ownerId, segment } = await activities.loadAccountSearchAttributes({ accountId });
      // Before version 4 an update that came with the start (update-with-start) ran beside this read: when it
      // has upserted its status already, that status is newer than the one read here, which must not overwrite it.
      // Fewer attributes in the same upsert change no command: no patch (docs/versioning.md).
      upsertSearchAttributes([
        ...(statusUpserted ? [] : [{ key: accountStatusKey, value: status }, { key: accountStatusSinceKey, value: statusSince ? new Date(statusSince) : null }]),
        { key: accountOwnerIdKey, value: ownerId },
        { key: accountSegmentKey, value: segment },
      ]);
    }
  };
  // Queued before the handlers are set (setting one runs the updates that came with the start), so every
  // update waits for it.
  const startedUp = quiet ? serialized(startUp) : undefined;

  setHandler(logActivityUpdate, (input) => serialized(async () => apply(await activities.applyLoggedActivity({ accountId, ...input }))), { validator: rejectIfArchived });
  setHandler(rescheduleTimerUpdate, (input) => serialized(async () => apply(await activities.rescheduleTimer({ accountId, ...input }))), { validator: rejectIfArchived });
  setHandler(cancelTimerUpdate, (input) => serialized(async () => apply(await activities.cancelTimer({ accountId, ...input }))), { validator: rejectIfArchived });
  setHandler(completeTaskUpdate, (input) => serialized(async () => apply(await activities.completeTask({ accountId, ...input }))), { validator: rejectIfArchived });
  setHandler(archiveAccountUpdate, (input) => serialized(async () => apply(await activities.archiveAccount({ accountId, ...input }))), { validator: rejectIfArchived });
  setHandler(pendingTimersQuery, () => [...timers.values()].sort((a, b) => a.fireAt.localeCompare(b.fireAt)));
  // A new handler, no patch: histories recorded before it hold no ownerChanged signal, so their replay
  // runs none of it and meets no new command (docs/versioning.md). Serialized with the updates, so two
  // quick reassignments upsert their owners in order.
  setHandler(ownerChangedSignal, () =>
    serialized(async () => {
      const { ownerId } = await activities.loadAccountSearchAttributes({ accountId });
      if ((workflowInfo().typedSearchAttributes.get(accountOwnerIdKey) ?? null) !== ownerId) upsertSearchAttributes([{ key: accountOwnerIdKey, value: ownerId }]);
    }),
  );

  await (startedUp ?? startUp());

  while (!archived) {
    const next = earliestTimer(timers);
    const waitMs = next ? Date.parse(next.fireAt) - Date.now() : undefined;
    if (waitMs === undefined || waitMs > 0) {
      wake = false;
      const woken = () => wake || archived || readyToContinueAsNew();
      const summary = next && `${next.kind} timer ${next.id} fires at ${next.fireAt}`;
      if (waitMs === undefined) await condition(woken);
      else if (quiet) {
        alarm.setFor(next!.fireAt, summary!);
        await condition(() => woken() || alarm.rang());
      } else await condition(woken, waitMs, { summary });
    }
    const due = [...timers.values()].filter((timer) => Date.parse(timer.fireAt) <= Date.now());
    for (const timer of due) {
      await serialized(async () => {
        if (timers.has(timer.id)) apply(await activities.fireTimer({ accountId, timerId: timer.id }));
      });
    }
    if (readyToContinueAsNew() && !archived) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof accountWorkflow>({ accountId, timers: [...timers.values()], continueAsNewAfterEvents });
    }
  }
  await condition(() => allHandlersFinished() && mail.idle());
}

// Among timers due at the same time, the first set wins: the same one a stable sort put first before.
function earliestTimer(timers: ReadonlyMap<string, PendingTimer>): PendingTimer | undefined {
  let earliest: PendingTimer | undefined;
  for (const timer of timers.values()) if (earliest === undefined || timer.fireAt.localeCompare(earliest.fireAt) < 0) earliest = timer;
  return earliest;
}
