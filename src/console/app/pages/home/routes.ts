import type { PageRoute } from '../../page-route';
import { msg } from '../../i18n/i18n';
import { HomePage } from './home-page';

/** Every role's start page: the tiles each user chose. */
export const homeRoutes: PageRoute[] = [{ path: '/home', title: msg('Home'), nav: { label: msg('Home'), order: 1 }, component: HomePage }];
