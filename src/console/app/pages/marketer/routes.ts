import type { PageRoute } from '../../page-route';

export const marketerRoutes: PageRoute[] = [];
