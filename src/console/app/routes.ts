import type { PageRoute } from './page-route';
import type { Role } from './session';
import { accountRoutes } from './pages/account/routes';
import { adminRoutes } from './pages/admin/routes';
import { executiveRoutes } from './pages/executive/routes';
import { managerRoutes } from './pages/manager/routes';
import { marketerRoutes } from './pages/marketer/routes';
import { homeRoutes } from './pages/home/routes';
import { productRoutes } from './pages/products/routes';
import { queryRoutes } from './pages/queries/routes';

export const pageRoutes: PageRoute[] = [...homeRoutes, ...managerRoutes, ...marketerRoutes, ...productRoutes, ...queryRoutes, ...executiveRoutes, ...adminRoutes, ...accountRoutes];

export const mayOpen = (route: PageRoute, role: Role) => !route.roles || route.roles.includes(role);

/** Where every role lands after signing in: their own home page (its tiles differ by role). */
export const homeFor = (_role: Role) => '/home';
