import { z } from 'zod';
import type { Role } from '../auth/caller';

const Limit = z.number().int().min(1).max(20).meta({ description: 'How many rows the tile lists' });

/** Each kind of tile with the settings it takes: the kind decides which settings are valid. */
export const HomeTile = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('my-tasks').meta({ description: 'My open tasks due today (in my time zone) and overdue, with their counts' }),
      settings: z.strictObject({ limit: Limit.default(5) }).prefault({}),
    }),
    z.strictObject({
      kind: z.literal('my-pipeline').meta({ description: 'My open deals by stage: counts and amounts in my currency, other currencies beside it' }),
      settings: z.strictObject({}).prefault({}),
    }),
    z.strictObject({
      kind: z.literal('saved-query').meta({ description: 'A saved query I may see, shown as a list, a count or a sum of amounts' }),
      settings: z.strictObject({
        queryId: z.uuid().meta({ description: 'The saved query (GET /queries)' }),
        display: z.enum(['list', 'count', 'sum']).default('list'),
        limit: Limit.default(5),
      }),
    }),
    z.strictObject({
      kind: z.literal('notifications').meta({ description: 'My unread notifications, newest first' }),
      settings: z.strictObject({ limit: Limit.default(5) }).prefault({}),
    }),
    z.strictObject({
      kind: z.literal('approvals-waiting').meta({ description: 'What my approvals inbox shows as waiting for my decision' }),
      settings: z.strictObject({ limit: Limit.default(5) }).prefault({}),
    }),
    z.strictObject({
      kind: z.literal('objectives-progress').meta({ description: 'Objectives I created or of plans I wrote, with their progress' }),
      settings: z.strictObject({ limit: Limit.default(5) }).prefault({}),
    }),
  ])
  .meta({ id: 'HomeTile' });
export type HomeTile = z.output<typeof HomeTile>;
export type TileKind = HomeTile['kind'];

export const HomeRequest = z
  .strictObject({ tiles: z.array(HomeTile).max(12).meta({ description: 'The tiles in the order they are shown' }) })
  .meta({ id: 'HomeRequest' });
export type HomeRequest = z.output<typeof HomeRequest>;

export const HomeView = z
  .object({
    tiles: z.array(HomeTile),
    /** False while the user has never saved: the tiles are their role's default. */
    saved: z.boolean().meta({ description: 'false: the user never saved a home page and sees their role’s default' }),
  })
  .meta({ id: 'HomeView' });
export type HomeView = z.output<typeof HomeView>;

/** What a user who never saved sees: the work of their role first. */
export function defaultTiles(role: Role): HomeTile[] {
  const tile = (kind: Exclude<TileKind, 'saved-query' | 'my-pipeline'>): HomeTile => ({ kind, settings: { limit: 5 } });
  if (role === 'marketer') return [tile('approvals-waiting'), tile('objectives-progress'), tile('notifications')];
  if (role === 'manager') return [tile('my-tasks'), { kind: 'my-pipeline', settings: {} }, tile('notifications'), tile('approvals-waiting')];
  return [tile('approvals-waiting'), tile('my-tasks'), { kind: 'my-pipeline', settings: {} }, tile('objectives-progress'), tile('notifications')];
}
