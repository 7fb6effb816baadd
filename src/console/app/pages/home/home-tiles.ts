import type { HomeTile } from '../../../../home/home.schemas';
import { msg } from '../../i18n/i18n';
import type { Role } from '../../session';

export type { HomeTile };
export type TileKind = HomeTile['kind'];

/** Each kind of tile by the name the user reads, in the order "Add a tile" offers them. */
export const tileNames: Record<TileKind, string> = {
  'my-tasks': msg('My tasks due today and overdue'),
  'my-pipeline': msg('My pipeline'),
  'saved-query': msg('Saved query'),
  notifications: msg('Unread notifications'),
  'approvals-waiting': msg('Approvals waiting for me'),
  'objectives-progress': msg('Objectives’ progress'),
};

/** The kinds a role may put on its home page: tasks are a manager's and an admin's work. */
export const kindsFor = (role: Role) => (Object.keys(tileNames) as TileKind[]).filter((kind) => kind !== 'my-tasks' || role !== 'marketer');

/** A new tile of `kind` with its default settings (a saved-query tile waits for its query). */
export function newTile(kind: TileKind, queryId = ''): HomeTile {
  if (kind === 'my-pipeline') return { kind, settings: {} };
  if (kind === 'saved-query') return { kind, settings: { queryId, display: 'list', limit: 5 } };
  return { kind, settings: { limit: 5 } };
}

/** How many rows a tile lists, for the kinds that list. */
export const tileLimit = (tile: HomeTile) => ('limit' in tile.settings ? tile.settings.limit : undefined);
