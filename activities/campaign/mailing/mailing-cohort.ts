import { CohortFilter } from '../../../src/campaigns/journey.schemas';
import type { Db } from '../../../src/db/prisma';
import { freezeStageCohort, type CohortCounts } from '../list/freeze-stage-cohort';
import { heartbeatWhile } from '../list/stage-row';
import { lockRunIfAny, parseOrRefuse, type RunInput } from '../list/stage-run';

/** Generous: the cohort of a 1,000,000-contact list freezes in seconds. */
const TRANSACTION_TIMEOUT_MS = 15 * 60_000;

/**
 * Freezes a MAILING run's cohort when its stage has one, in a transaction of its own (the
 * deliveries are inserted after its commit, idempotently). Answers null when the stage has no
 * cohort (the deliveries go to the target cell); otherwise the cohort's counts, or none when the run
 * is no longer running and never froze one (then it gets no deliveries: a cancelled stage mails no one).
 */
export async function freezeMailingCohort(db: Db, input: RunInput): Promise<{ counts?: CohortCounts } | null> {
  const work = db.$transaction(
    async (tx) => {
      const run = await lockRunIfAny(tx, input, 'MAILING');
      if (run.cohort === null) return null;
      if (!run.running) return { counts: (run.result.cohort as CohortCounts | undefined) ?? undefined };
      const cohort = parseOrRefuse(CohortFilter, run.cohort, `stage ${run.stageId} has an invalid cohort`);
      return { counts: await freezeStageCohort(tx, { ...input, cohort }) };
    },
    { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 60_000 },
  );
  return heartbeatWhile(work);
}
