import type { PageRoute } from './page-route';
import type { Role } from './session';
import { accountRoutes } from './pages/account/routes';
import { adminRoutes } from './pages/admin/routes';
import { executiveRoutes } from './pages/executive/routes';
import { managerRoutes } from './pages/manager/routes';
import { marketerRoutes } from './pages/marketer/routes';

export const pageRoutes: PageRoute[] = [...managerRoutes, ...marketerRoutes, ...executiveRoutes, ...adminRoutes, ...accountRoutes];

export const mayOpen = (route: PageRoute, role: Role) => !route.roles || route.roles.includes(role);

/** Where each role lands after signing in. */
export const homeFor = (role: Role) => (role === 'marketer' ? '/campaigns' : '/my-day');
