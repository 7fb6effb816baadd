import type { PageRoute } from '../../page-route';
import { MyAccountPage } from './my-account-page';
import { msg } from '../../i18n/i18n';

/** Every role's own page. */
export const accountRoutes: PageRoute[] = [{ path: '/account', title: msg('My account'), nav: { label: msg('My account'), order: 90 }, component: MyAccountPage }];
