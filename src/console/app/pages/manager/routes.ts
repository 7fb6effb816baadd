import type { PageRoute } from '../../page-route';
import { AccountPage } from './account/account-page';
import { AccountsPage } from './accounts/accounts-page';
import { MyDayPage } from './my-day/my-day-page';
import { msg } from '../../i18n/i18n';

const workers = ['manager', 'admin'] as const;
const readers = ['manager', 'admin', 'marketer'] as const;

export const managerRoutes: PageRoute[] = [
  { path: '/my-day', title: msg('My day'), roles: workers, nav: { label: msg('My day'), order: 10 }, component: MyDayPage },
  { path: '/accounts', title: msg('Accounts'), roles: readers, nav: { label: msg('Accounts'), order: 20 }, component: AccountsPage },
  { path: '/accounts/:id', title: msg('Account'), roles: readers, component: AccountPage },
];
