import type { HomeTile } from './home-tiles';
import { ApprovalsTile } from './tiles/approvals-tile';
import { NotificationsTile } from './tiles/notifications-tile';
import { ObjectivesTile } from './tiles/objectives-tile';
import { PipelineTile } from './tiles/pipeline-tile';
import { QueryTile } from './tiles/query-tile';
import { TasksTile } from './tiles/tasks-tile';

/** One tile of the home page, by its kind; `index` makes its heading's id unique on the page. */
export function TileView({ tile, index }: { tile: HomeTile; index: number }) {
  const headingId = `tile-${index}-heading`;
  switch (tile.kind) {
    case 'my-tasks':
      return <TasksTile headingId={headingId} limit={tile.settings.limit} />;
    case 'my-pipeline':
      return <PipelineTile headingId={headingId} />;
    case 'saved-query':
      return <QueryTile headingId={headingId} settings={tile.settings} />;
    case 'notifications':
      return <NotificationsTile headingId={headingId} limit={tile.settings.limit} />;
    case 'approvals-waiting':
      return <ApprovalsTile headingId={headingId} limit={tile.settings.limit} />;
    case 'objectives-progress':
      return <ObjectivesTile headingId={headingId} limit={tile.settings.limit} />;
  }
}
