import type { PageRoute } from '../../page-route';

export const moreMarketerRoutes: PageRoute[] = [];
