import { accountWorkflow } from '../../workflows/account.workflow';
import { accountWorkflowId } from '../../workflows/account.messages';
import { loadAccountForCaller, isInPool } from '../accounts/account-access';
import type { RequestContext } from '../auth/request-context';
import { PATIENT_TRANSACTION } from '../db/patient-transaction';
import { AppError } from '../errors/app-error';
import { describeAccountWorkflow } from '../temporal/workflow-descriptions';

/**
 * NEW to POTENTIAL, owner becomes the caller: the one status change made by hand. The account's
 * workflow starts before the transaction commits, so a refusal from Temporal changes nothing.
 */
export async function takeAccount({ db, temporal, caller }: RequestContext, accountId: string) {
  const account = await loadAccountForCaller(db, caller, accountId, { forWrite: false });
  if (!isInPool(account)) {
    throw new AppError('CONFLICT', `Account ${accountId} is ${account.archivedAt ? 'archived' : `${account.status}${account.ownerId ? ', owned' : ''}`}: only an unowned NEW account can be taken into work`);
  }
  return db.$transaction(async (tx) => {
    // Conditional, so of two managers taking the same account at once only one wins.
    const { count } = await tx.account.updateMany({ where: { id: accountId, status: 'NEW', ownerId: null, archivedAt: null }, data: { status: 'POTENTIAL', ownerId: caller.id } });
    if (!count) throw new AppError('CONFLICT', `Account ${accountId} was just taken by someone else`);
    await tx.statusChange.create({ data: { accountId, fromStatus: 'NEW', toStatus: 'POTENTIAL', changedById: caller.id, reason: 'taken into work' } });
    const workflowId = accountWorkflowId(accountId);
    // Started with its search attributes: an admin finds it as POTENTIAL before its first task runs.
    await temporal.client.workflow.start(accountWorkflow, {
      workflowId,
      taskQueue: temporal.taskQueue,
      args: [{ accountId }],
      workflowIdConflictPolicy: 'USE_EXISTING',
      ...describeAccountWorkflow(accountId, { status: 'POTENTIAL', statusSince: new Date(), ownerId: caller.id, segment: account.segment }),
    });
    return { accountId, status: 'POTENTIAL' as const, ownerId: caller.id, workflowId };
  }, PATIENT_TRANSACTION);
}
