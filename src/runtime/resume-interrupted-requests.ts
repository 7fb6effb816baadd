import type { Db } from '../db/prisma';
import type { TemporalDeps } from '../temporal/temporal-deps';
import { resumePendingActivities } from '../lifecycle/resume-pending-activities';
import type { Logger } from '../logger';
import { resumeRunningApplications } from '../plan-apply/apply-to-accounts';
import { resumeRunningDirectMailRuns } from '../direct-mail/start-run';
import { resumeUnsentEventMail } from '../registrations/resume-event-mail';

const RETRY_MS = 5_000;

/**
 * At API start-up, in the background: finishes the requests an API process was killed in the middle
 * of, between their PostgreSQL commit and their call to Temporal (PENDING activities, RUNNING plan
 * applications, event e-mails not sent and RUNNING direct-mail runs, written before this start). Retried every few seconds until it succeeds (Temporal may
 * still be coming up); `stop` ends it without waiting for calls in flight (closing the connections ends them).
 */
export function resumeInterruptedRequests(deps: { db: Db; temporal: TemporalDeps }, logger: Logger): { stop(): void } {
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  void (async () => {
    // PostgreSQL's clock, the one that stamped the rows: what was written before now is nobody's.
    let before: Date | undefined;
    while (!stopped) {
      try {
        before ??= (await deps.db.$queryRaw<{ now: Date }[]>`SELECT now() AS now`)[0].now;
        const activities = await resumePendingActivities(deps, before);
        const applications = await resumeRunningApplications(deps, before);
        const eventsToldOfMail = await resumeUnsentEventMail(deps, before);
        const directMailRuns = await resumeRunningDirectMailRuns(deps, before);
        if (activities.applied || activities.removed || applications || eventsToldOfMail || directMailRuns) {
          logger.info({ activitiesApplied: activities.applied, activitiesRemoved: activities.removed, applicationsStarted: applications, eventsToldOfMail, directMailRunsStarted: directMailRuns }, 'resumed requests interrupted by an earlier stop');
        }
        return;
      } catch (error) {
        if (stopped) return;
        logger.warn({ err: error }, `resuming interrupted requests failed: retrying in ${RETRY_MS / 1000} s`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          retry = setTimeout(resolve, RETRY_MS);
        });
      }
    }
  })();
  return {
    stop() {
      stopped = true;
      clearTimeout(retry);
      wake?.();
    },
  };
}
