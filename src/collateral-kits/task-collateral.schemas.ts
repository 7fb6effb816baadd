import { z } from 'zod';

export const TaskCollateralItem = z
  .object({
    itemId: z.uuid(),
    name: z.string(),
    kind: z.string(),
    version: z.int().meta({ description: 'The version the stage started with: the one the task offers, whatever was uploaded since' }),
    fileName: z.string(),
    mediaType: z.string(),
    sizeBytes: z.int(),
    downloadPath: z.string().meta({ description: 'GET it (with the API key) for the file', examples: ['/api/v1/tasks/…/collateral/…/file'] }),
  })
  .meta({ id: 'TaskCollateralItem' });
export type TaskCollateralItem = z.output<typeof TaskCollateralItem>;

export const TaskCollateral = z
  .object({
    callScript: TaskCollateralItem.nullable(),
    kit: z.object({ id: z.uuid(), name: z.string(), items: z.array(TaskCollateralItem) }).nullable(),
  })
  .meta({ id: 'TaskCollateral', description: "The call script and kit of the CALL_TASKS stage that made the task, as the stage started with them" });
export type TaskCollateral = z.output<typeof TaskCollateral>;
