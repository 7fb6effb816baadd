import type { Caller } from '../auth/caller';
import type { DbClient } from '../db/prisma';
import { AppError, invalidField } from '../errors/app-error';
import { fieldOf } from '../saved-queries/entity-fields';
import { getQuery } from '../saved-queries/saved-query-store';
import { defaultTiles, HomeTile, type HomeRequest, type HomeView } from './home.schemas';

/** The caller's tiles in order; never saved (or saved by an older release in a shape no longer valid): their role's default. */
export async function getHome(db: DbClient, caller: Caller): Promise<HomeView> {
  const row = await db.userPreference.findUnique({ where: { userId: caller.id }, select: { homeTiles: true } });
  const saved = Array.isArray(row?.homeTiles) ? row.homeTiles.map((tile) => HomeTile.safeParse(tile)) : null;
  if (!saved || saved.some((tile) => !tile.success)) return { tiles: defaultTiles(caller.role), saved: false };
  return { tiles: saved.map((tile) => tile.data!).filter((tile) => mayShow(caller, tile)), saved: true };
}

/**
 * Replaces the caller's tiles. A tile of work the role does not have (a marketer's tasks) and a saved
 * query the caller may not see are refused at their path. A query deleted later makes its tile say so.
 */
export async function saveHome(db: DbClient, caller: Caller, request: HomeRequest): Promise<HomeView> {
  for (const [index, tile] of request.tiles.entries()) {
    if (!mayShow(caller, tile)) throw invalidField(`body.tiles.${index}.kind`, `a ${caller.role} has no tasks: choose another kind of tile`);
    if (tile.kind === 'saved-query') await checkQuery(db, caller, tile.settings, `body.tiles.${index}.settings`);
  }
  await db.userPreference.upsert({ where: { userId: caller.id }, create: { userId: caller.id, homeTiles: request.tiles }, update: { homeTiles: request.tiles }, select: { userId: true } });
  return { tiles: request.tiles, saved: true };
}

type QuerySettings = Extract<HomeTile, { kind: 'saved-query' }>['settings'];

/** The query exists and the caller may see it; a sum needs an amount to add up (a query of deals). */
async function checkQuery(db: DbClient, caller: Caller, settings: QuerySettings, path: string): Promise<void> {
  const query = await getQuery(db, caller, settings.queryId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw invalidField(`${path}.queryId`, 'no saved query of yours or shared with your team has this id: pick one from GET /queries');
    // A query that no longer fits its fields still exists: its tile says what to do.
    if (error instanceof AppError && error.code === 'RULE_VIOLATION') return null;
    throw error;
  });
  if (query && settings.display === 'sum' && fieldOf(query.entity, 'amount')?.type !== 'money') {
    throw invalidField(`${path}.display`, `a query of ${query.entity} has no amounts to sum: show it as a list or a count`);
  }
}

// Tasks are a manager's and an admin's work (GET /tasks): a marketer's home has no task tile.
const mayShow = (caller: Caller, tile: HomeTile) => !(tile.kind === 'my-tasks' && caller.role === 'marketer');
