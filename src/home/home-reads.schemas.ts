import { z } from 'zod';
import { openStages } from '../opportunities/opportunities.schemas';

const Sum = z.object({ currency: z.string(), count: z.number().int(), amount: z.number() });

export const MyPipeline = z
  .object({
    currency: z.string().meta({ description: "The caller's currency (GET /me/preferences)" }),
    stages: z.array(
      z.object({
        stage: z.enum(openStages),
        count: z.number().int().meta({ description: 'Deals at this stage in every currency' }),
        amount: z.number().meta({ description: 'Sum of the deals in the caller’s currency' }),
        otherCurrencies: z.array(Sum).meta({ description: 'Deals in other currencies, each summed in its own: never converted' }),
      }),
    ),
  })
  .meta({ id: 'MyPipeline' });
export type MyPipeline = z.output<typeof MyPipeline>;

export const MyObjectivesQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(50).default(10) });
export type MyObjectivesQuery = z.output<typeof MyObjectivesQuery>;

export const MyObjectives = z
  .object({
    items: z.array(
      z.object({
        objectiveId: z.uuid(),
        name: z.string(),
        planId: z.uuid(),
        planName: z.string(),
        target: z.number(),
        unit: z.string(),
        done: z.number().int().meta({ description: 'Applied activities linked to the objective (as GET /objectives/:id/progress counts them)' }),
        ratio: z.number().nullable(),
      }),
    ),
    total: z.number().int(),
  })
  .meta({ id: 'MyObjectives' });
export type MyObjectives = z.output<typeof MyObjectives>;

export const MyTaskCounts = z
  .object({
    overdue: z.number().int().meta({ description: 'Open tasks past due' }),
    dueToday: z.number().int().meta({ description: 'Open tasks due later today, in the caller’s time zone' }),
    timeZone: z.string().meta({ description: 'Where "today" is: the caller’s preference' }),
  })
  .meta({ id: 'MyTaskCounts' });
export type MyTaskCounts = z.output<typeof MyTaskCounts>;
