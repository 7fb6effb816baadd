import type { PageRoute } from '../../page-route';

export const managerRoutes: PageRoute[] = [];
