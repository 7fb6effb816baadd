import type { PageRoute } from '../../page-route';

export const executiveRoutes: PageRoute[] = [];
