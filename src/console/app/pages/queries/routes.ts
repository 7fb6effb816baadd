import type { PageRoute } from '../../page-route';
import { msg } from '../../i18n/i18n';
import { QueryBuilderPage } from './query-builder-page';
import { QueryListPage } from './query-list-page';
import { QueryRunPage } from './query-run-page';

// Every role saves queries; the API shows each only the rows they may see.
// Literal paths (`/queries/new`) come before the `:id` patterns they would also match.
export const queryRoutes: PageRoute[] = [
  { path: '/queries', title: msg('Saved queries'), nav: { label: msg('Saved queries'), order: 15 }, component: QueryListPage },
  { path: '/queries/new', title: msg('New saved query'), component: QueryBuilderPage },
  { path: '/queries/:id', title: msg('Saved query'), component: QueryRunPage },
  { path: '/queries/:id/edit', title: msg('Edit saved query'), component: QueryBuilderPage },
];
