import type { PageRoute } from '../../page-route';
import { MyAccountPage } from './my-account-page';

/** Every role's own page. */
export const accountRoutes: PageRoute[] = [{ path: '/account', title: 'My account', nav: { label: 'My account', order: 90 }, component: MyAccountPage }];
