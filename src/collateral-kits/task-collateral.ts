import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { loadAccountForCaller } from '../accounts/account-access';
import type { Caller } from '../auth/caller';
import type { FrozenItem, FrozenTaskCollateral } from './stage-collateral';
import type { TaskCollateral, TaskCollateralItem } from './task-collateral.schemas';

// The call script and kit a campaign's call task shows: those its CALL_TASKS stage froze when it
// started (startedSettings.collateral), downloaded through the task, so a seller gets exactly the
// version the stage planned even after a newer one was uploaded or the item retired.

export const taskCollateralPath = (taskId: string, itemId: string) => `/api/v1/tasks/${taskId}/collateral/${itemId}/file`;

function frozenOf(startedSettings: unknown): FrozenTaskCollateral | null {
  const collateral = (startedSettings as { collateral?: Partial<FrozenTaskCollateral> } | null)?.collateral;
  if (!collateral || typeof collateral !== 'object') return null;
  return { callScript: collateral.callScript ?? null, kit: collateral.kit ?? null, leftOut: [] };
}

const toItem = (taskId: string, item: FrozenItem): TaskCollateralItem => ({
  itemId: item.itemId,
  name: item.name,
  kind: item.kind,
  version: item.version,
  fileName: item.fileName,
  mediaType: item.mediaType,
  sizeBytes: item.sizeBytes,
  downloadPath: taskCollateralPath(taskId, item.itemId),
});

/** Each task with its `collateral` (null for tasks whose stage attached none), the stages read in one query. */
export async function withTaskCollateral<T extends { id: string; campaignStageId: string | null }>(db: DbClient, tasks: readonly T[]): Promise<(T & { collateral: TaskCollateral | null })[]> {
  const stageIds = [...new Set(tasks.map((task) => task.campaignStageId).filter((id): id is string => id !== null))];
  const stages = stageIds.length ? await db.campaignStage.findMany({ where: { id: { in: stageIds }, type: 'CALL_TASKS' }, select: { id: true, startedSettings: true } }) : [];
  const frozen = new Map(stages.map((stage) => [stage.id, frozenOf(stage.startedSettings)]));
  return tasks.map((task) => {
    const collateral = task.campaignStageId ? frozen.get(task.campaignStageId) : null;
    return {
      ...task,
      collateral: collateral
        ? {
            callScript: collateral.callScript ? toItem(task.id, collateral.callScript) : null,
            kit: collateral.kit ? { id: collateral.kit.id, name: collateral.kit.name, items: collateral.kit.items.map((item) => toItem(task.id, item)) } : null,
          }
        : null,
    };
  });
}

/**
 * The frozen version of one item a task shows, for a caller who may see the task (its assignee, an
 * admin, or a manager who may read its account), or a 404 naming what is missing.
 */
export async function taskCollateralFile(db: DbClient, caller: Caller, taskId: string, itemId: string): Promise<FrozenItem> {
  const task = await db.task.findUnique({ where: { id: taskId }, select: { id: true, accountId: true, assigneeId: true, campaignStageId: true } });
  if (!task) throw new AppError('NOT_FOUND', `No task ${taskId}`, [{ path: 'path.id', message: 'no such task' }]);
  if (caller.role === 'manager' && task.assigneeId !== caller.id) await loadAccountForCaller(db, caller, task.accountId, { forWrite: false });
  const stage = task.campaignStageId ? await db.campaignStage.findUnique({ where: { id: task.campaignStageId }, select: { startedSettings: true } }) : null;
  const frozen = frozenOf(stage?.startedSettings ?? null);
  const items = frozen ? [...(frozen.callScript ? [frozen.callScript] : []), ...(frozen.kit?.items ?? [])] : [];
  const item = items.find((candidate) => candidate.itemId === itemId);
  if (!item) throw new AppError('NOT_FOUND', `Task ${task.id} offers no collateral item ${itemId}`, [{ path: 'path.itemId', message: 'not a call script or kit item of the task' }]);
  return item;
}
