import { allHandlersFinished, condition, proxyActivities, setHandler, uuid4 } from '@temporalio/workflow';
import type { ActivityOptions } from '@temporalio/workflow';
import type { PlanActivities } from '../activities/plan';
import { createMailSender } from './mail-sender';
import { decidePlanUpdate, planProgressQuery, replacePlanApproverUpdate, submitPlanUpdate, transitionsFrom, type PlanStatus, type PlanTransition } from './plan.messages';
import { refusal } from './refusal';
import { createSearchAttributePublisher } from './search-attribute-publisher';
import { planPeriodEndKey, planStatusKey } from './search-attributes';
import { createSerializer } from './serialize';

// A decision taken must reach PostgreSQL: retry until it lands, except refusals.
const retry: ActivityOptions['retry'] = {
  initialInterval: '1 second',
  maximumInterval: '1 minute',
  nonRetryableErrorTypes: ['NOT_FOUND', 'CONFLICT', 'FORBIDDEN', 'VALIDATION_FAILED'],
};
const plans = proxyActivities<PlanActivities>({ startToCloseTimeout: '1 minute', retry });

export interface PlanWorkflowInput {
  planId: string;
  /** The plan's status in PostgreSQL when the workflow starts (the API reads it just before). */
  status: PlanStatus;
  /**
   * Test only: expire at this time (ISO) once approved, instead of at the end of the period's last
   * day. The API never sets it; a test starts the workflow itself with it before submitting.
   */
  expireAt?: string;
}

/**
 * One per plan, started by its first submission: owns its approval routing (submit, approve and
 * reject are updates whose validators refuse an illegal transition before anything is recorded),
 * reminds approvers who have not answered, and expires the plan when its period ends. Holds the
 * status and times only; PostgreSQL holds the plan. Ends when the plan is EXPIRED.
 */
export async function planWorkflow({ planId, status: initial, expireAt: expireOverride }: PlanWorkflowInput): Promise<PlanStatus> {
  let state: PlanTransition = { status: initial, submittedAt: null, decidedAt: null, remindAt: null, expireAt: null };
  // Every transition, in order: the main loop acts on each (a rejection reaches its author even when resubmitted at once).
  const pending: PlanTransition[] = [];
  const serialized = createSerializer();
  const mail = createMailSender();
  const notify = async (kind: 'request' | 'reminder' | 'rejected' | 'approved', round: string) => mail.send((await plans.notifyPlanPeople({ planId, kind, round })).emailIds);

  const refuseUnless = (allowed: readonly PlanStatus[], action: string) => (_input?: object) => {
    if (!allowed.includes(state.status)) throw refusal(`The plan is ${state.status}: it cannot be ${action}`);
  };
  // An admin finds plans by status and period end in the Temporal UI (e.g. SUBMITTED ones, oldest period first).
  const publishSearchAttributes = createSearchAttributePublisher(PLAN_SEARCH_ATTRIBUTES);
  const apply = (next: PlanTransition) => {
    if (next.status !== state.status || next.submittedAt !== state.submittedAt || next.decidedAt !== state.decidedAt) pending.push(next);
    state = next;
    publishSearchAttributes([{ key: planStatusKey, value: next.status }, ...(next.periodEnd ? [{ key: planPeriodEndKey, value: new Date(next.periodEnd) }] : [])]);
    return next;
  };

  setHandler(
    submitPlanUpdate,
    ({ byUserId }) => serialized(async () => apply(await plans.transitionPlan({ planId, to: 'SUBMITTED', byUserId, requestId: uuid4() }))),
    { validator: refuseUnless(transitionsFrom.SUBMITTED, 'submitted') },
  );
  setHandler(
    decidePlanUpdate,
    ({ byUserId, decision, comment, onBehalf }) =>
      serialized(async () => apply(await plans.transitionPlan({ planId, to: decision, byUserId, requestId: uuid4(), ...(comment ? { comment } : {}), ...(onBehalf ? { onBehalf } : {}) }))),
    {
      validator: ({ decision }: { decision: 'APPROVED' | 'REJECTED' }) => {
        refuseUnless(transitionsFrom[decision], decision === 'APPROVED' ? 'approved' : 'rejected')();
      },
    },
  );
  // Reminders and decisions read the approvers from PostgreSQL: the activity rewrites them (and asks the new ones of a submission).
  setHandler(
    replacePlanApproverUpdate,
    (input) => serialized(async () => {
      const answer = await plans.replacePlanApprover({ planId, ...input });
      mail.send(answer.emailIds);
      return { changed: answer.changed, approverIds: answer.approverIds };
    }),
    // Not only SUBMITTED: a submission in flight may not have reached this run's state yet. The activity reads the row.
    { validator: refuseUnless(['DRAFT', 'SUBMITTED', 'REJECTED'], 'given another approver') },
  );
  setHandler(planProgressQuery, () => ({ status: state.status, remindAt: state.remindAt, expireAt: state.status === 'APPROVED' ? (expireOverride ?? state.expireAt) : null }));

  const waitUntil = async (at: string, woken: () => boolean, summary: string) => {
    const ms = Date.parse(at) - Date.now();
    if (ms > 0) await condition(woken, ms, { summary });
  };

  for (;;) {
    await condition(() => pending.length > 0);
    const current = pending.shift()!;
    if (current.status === 'EXPIRED') break;
    const superseded = () => pending.length > 0;
    if (current.status === 'SUBMITTED' && current.submittedAt) {
      await notify('request', current.submittedAt);
      if (current.remindAt && !superseded()) {
        await waitUntil(current.remindAt, superseded, `reminder at ${current.remindAt}`);
        if (!superseded()) await notify('reminder', current.submittedAt);
      }
    } else if (current.status === 'REJECTED' && current.decidedAt) {
      await notify('rejected', current.decidedAt);
    } else if (current.status === 'APPROVED' && current.decidedAt) {
      await notify('approved', current.decidedAt);
      const expireAt = expireOverride ?? current.expireAt!;
      // A durable timer: no update is valid once approved, so nothing wakes it early.
      await waitUntil(expireAt, () => false, `plan expires at ${expireAt}`);
      apply(await plans.expirePlan({ planId }));
    }
  }
  await condition(() => allHandlersFinished() && mail.idle());
  return state.status;
}

/** Version 3 of the plan workflow: it keeps its status and period end as search attributes. */
export const PLAN_SEARCH_ATTRIBUTES = 'plan-search-attributes';
