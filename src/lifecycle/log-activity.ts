import { randomUUID } from 'node:crypto';
import { logActivityUpdate } from '../../workflows/account.messages';
import { loadAccountForCaller } from '../accounts/account-access';
import type { ApiDependencies, Caller } from '../api/route';
import { isDatabaseUnavailable } from '../db/prisma-errors';
import { AppError } from '../errors/app-error';
import { resolvePlanLinks } from '../plan-progress/plan-links';
import { updateAccountWorkflow } from './account-workflow-client';
import { activityContactView, resolveActivityContact } from './activity-contact';
import type { LogActivityRequest } from './lifecycle.schemas';
import { tasksByIds, timersByIds } from './lifecycle-views';

/**
 * Logs what happened with a client and answers what it changed. The activity is stored as
 * PENDING (notes and the contact stay in PostgreSQL, out of the workflow's history); the account's
 * workflow applies it through a Workflow Update, given only the activity's id. If the update
 * fails, the pending row is removed.
 */
export async function logActivity({ db, temporal }: ApiDependencies, caller: Caller, accountId: string, request: LogActivityRequest) {
  const account = await loadAccountForCaller(db, caller, accountId, { forWrite: true });
  if (account.status === 'NEW') throw new AppError('CONFLICT', `Account ${accountId} is NEW: take it into work first (POST /api/v1/accounts/${accountId}/take)`);
  // Checked before the row exists (400 naming body.planId / body.objectiveId); the ids go on the row only,
  // never into the workflow.
  const links = await resolvePlanLinks(db, { planId: request.planId, objectiveId: request.objectiveId });
  // Likewise checked before the row exists: a contact of another account is a 422 naming body.contactId.
  const contact = await resolveActivityContact(db, accountId, request.contactId);

  const activity = await db.activity.create({
    data: {
      id: randomUUID(),
      accountId,
      type: request.type,
      outcome: request.outcome,
      occurredAt: request.occurredAt ? new Date(request.occurredAt) : new Date(),
      notes: request.notes ?? null,
      contactId: contact?.id ?? null,
      nextStep: request.nextStep ?? undefined,
      loggedById: caller.id,
      planId: links.planId,
      objectiveId: links.objectiveId,
    },
  });
  let effects;
  try {
    effects = await updateAccountWorkflow(temporal, accountId, logActivityUpdate, { activityId: activity.id });
  } catch (error) {
    await db.activity.deleteMany({ where: { id: activity.id, state: 'PENDING' } });
    throw error;
  }
  // The activity is applied from here on: a 503 now would make the client log it a second time,
  // so the answer's reads wait for PostgreSQL to come back, as the workflow's write did.
  const [tasksCreated, timersStarted, timersCancelled] = await waitingForDatabase(() =>
    Promise.all([tasksByIds(db, effects.taskIds), timersByIds(db, effects.timersStarted.map((timer) => timer.id)), timersByIds(db, effects.timersEnded)]),
  );
  return {
    activity: { id: activity.id, type: activity.type, outcome: activity.outcome, occurredAt: activity.occurredAt.toISOString(), notes: activity.notes, ...activityContactView(contact), planId: activity.planId, objectiveId: activity.objectiveId },
    previousStatus: effects.previousStatus,
    status: effects.status,
    tasksCreated,
    timersStarted,
    timersCancelled,
  };
}

const READ_RETRY_MS = 500;
const READ_PATIENCE_MS = 20_000;

/** Runs `read` again while the database is unavailable, for up to READ_PATIENCE_MS. */
async function waitingForDatabase<T>(read: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + READ_PATIENCE_MS;
  for (;;) {
    try {
      return await read();
    } catch (error) {
      if (!isDatabaseUnavailable(error) || Date.now() + READ_RETRY_MS > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, READ_RETRY_MS));
    }
  }
}
