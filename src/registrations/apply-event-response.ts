import type { Db } from '../db/prisma';
import { applyActivity } from '../lifecycle/apply-activity';
import type { Logger } from '../logger';
import { signalConditionsChanged } from '../responses/response-conditions';
import type { TemporalDeps } from '../temporal/temporal-deps';
import type { EventResponseWritten } from './record-event-response';

export interface RegistrationDeps {
  db: Db;
  temporal: TemporalDeps;
  logger?: Logger;
}

/**
 * After commit: hands the activity of an account in work to its workflow (the rules run, a pending
 * re-contact timer is cancelled), and tells the campaign when its response met a stage's condition.
 * A Temporal failure does not fail the registration, which is committed: the activity stays PENDING
 * and the start-up sweep (src/lifecycle/resume-pending-activities.ts) applies it later. A refusal by the
 * workflow removes the activity and its response (applyActivity), with the lead source it set.
 */
export async function applyEventResponse(deps: RegistrationDeps, written: EventResponseWritten, campaignId: string | null): Promise<void> {
  if (!written.inPool) {
    const { accountId, activityId, leadSource, leadSourceSet } = written;
    try {
      await applyActivity(deps, { accountId, activityId }, {
        discardOnAnyFailure: false,
        undo: async (tx) => {
          if (leadSourceSet) await tx.account.updateMany({ where: { id: accountId, leadSource }, data: { leadSource: null } });
        },
      });
    } catch (error) {
      deps.logger?.warn({ err: error, accountId, activityId }, 'an event registration was recorded, but its account activity could not be applied now: the start-up sweep applies it');
    }
  }
  if (written.metCondition && campaignId) await signalConditionsChanged(deps.temporal, campaignId, deps.logger);
}
