import { CancellationScope, isCancellation, sleep } from '@temporalio/workflow';

/**
 * A workflow's one Temporal timer for the earliest of its pending timers, set again only when that one
 * changes: a change that adds a later timer gives no timer command (before, every change cancelled the
 * timer and started a new one: two commands and two history events each time). When the earliest timer
 * ends or moves, the alarm is cancelled and set for the new earliest, so it never rings before a live
 * timer is due.
 */
export function createAlarm() {
  let armed: { fireAtMs: number; rang: boolean; scope: CancellationScope } | undefined;
  return {
    setFor(fireAt: string, summary: string): void {
      const fireAtMs = Date.parse(fireAt);
      if (armed && !armed.rang && armed.fireAtMs === fireAtMs) return;
      if (armed && !armed.rang) armed.scope.cancel();
      const alarm = { fireAtMs, rang: false, scope: new CancellationScope() };
      armed = alarm;
      alarm.scope
        .run(() => sleep(fireAtMs - Date.now(), { summary }))
        .then(
          () => void (alarm.rang = true),
          (error: unknown) => {
            if (!isCancellation(error)) throw error;
          },
        );
    },
    rang: (): boolean => armed?.rang ?? false,
  };
}
