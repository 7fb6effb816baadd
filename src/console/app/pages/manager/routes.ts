import type { PageRoute } from '../../page-route';
import { AccountPage } from './account/account-page';
import { AccountsPage } from './accounts/accounts-page';
import { MyDayPage } from './my-day/my-day-page';

const workers = ['manager', 'admin'] as const;
const readers = ['manager', 'admin', 'marketer'] as const;

export const managerRoutes: PageRoute[] = [
  { path: '/my-day', title: 'My day', roles: workers, nav: { label: 'My day', order: 10 }, component: MyDayPage },
  { path: '/accounts', title: 'Accounts', roles: readers, nav: { label: 'Accounts', order: 20 }, component: AccountsPage },
  { path: '/accounts/:id', title: 'Account', roles: readers, component: AccountPage },
];
