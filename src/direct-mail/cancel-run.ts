import { WorkflowNotFoundError } from '@temporalio/client';
import { recordAudit } from '../audit/record-audit';
import type { RequestContext } from '../auth/request-context';
import { AppError } from '../errors/app-error';
import { directMailWorkflowId } from '../../workflows/direct-mail.messages';
import type { DirectMailRunView } from './direct-mail.schemas';
import { getDirectMailRun, noRun } from './run-view';

/**
 * Cancels a RUNNING run: the request is written first (a batch that finishes meanwhile writes
 * nothing, under the run's lock), then the workflow is cancelled and awaited, so the answer shows
 * the run CANCELLED with what it rendered until then. Letters not rendered stay PENDING.
 */
export async function cancelDirectMailRun({ db, temporal, caller }: RequestContext, id: string): Promise<DirectMailRunView> {
  await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM direct_mail_runs WHERE id = CAST(${id} AS uuid) FOR UPDATE`;
    const run = await tx.directMailRun.findUnique({ where: { id } });
    if (!run) throw noRun(id);
    if (run.status !== 'RUNNING') throw new AppError('CONFLICT', `Direct-mail run ${id} is ${run.status}: only a RUNNING run is cancelled`);
    if (run.cancelRequestedAt) return;
    await tx.directMailRun.update({ where: { id }, data: { cancelRequestedAt: new Date(), cancelledById: caller.id } });
    await recordAudit(tx, { actorId: caller.id, action: 'direct-mail.cancel', entityType: 'directMailRun', entityId: id, before: { status: 'RUNNING', rendered: run.rendered, skipped: run.skipped } });
  });
  const handle = temporal.client.workflow.getHandle(directMailWorkflowId(id));
  try {
    await handle.cancel();
    await handle.result();
  } catch (error) {
    // Ended on its own meanwhile: its last step saw the request and ended the run CANCELLED.
    if (!(error instanceof WorkflowNotFoundError)) throw error;
  }
  return getDirectMailRun(db, id);
}
