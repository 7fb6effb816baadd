import { randomUUID } from 'node:crypto';
import { loadAccountForCaller } from '../accounts/account-access';
import type { RequestContext } from '../auth/request-context';
import { AppError } from '../errors/app-error';
import { resolvePlanLinks } from '../plan-progress/plan-links';
import { applyActivity, effectViews } from './apply-activity';
import { activityContactView, resolveActivityContact } from './activity-contact';
import type { LogActivityRequest } from './lifecycle.schemas';

/**
 * Logs what happened with a client and answers what it changed, and which rules matched it and why
 * those that did nothing did nothing. The activity is stored as
 * PENDING (notes and the contact stay in PostgreSQL, out of the workflow's history); the account's
 * workflow applies it (applyActivity). If that fails, the pending row is removed.
 */
export async function logActivity(context: RequestContext, accountId: string, request: LogActivityRequest) {
  const { db, caller } = context;
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
  const effects = await applyActivity(context, { accountId, activityId: activity.id }, { discardOnAnyFailure: true });
  const { tasksCreated, timersStarted, timersCancelled, rulesMatched } = await effectViews(db, effects, activity.id);
  return {
    activity: { id: activity.id, type: activity.type, outcome: activity.outcome, occurredAt: activity.occurredAt.toISOString(), notes: activity.notes, ...activityContactView(contact), planId: activity.planId, objectiveId: activity.objectiveId },
    previousStatus: effects.previousStatus,
    status: effects.status,
    tasksCreated,
    timersStarted,
    timersCancelled,
    rulesMatched,
  };
}
