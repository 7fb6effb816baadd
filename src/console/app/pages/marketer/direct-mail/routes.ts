import type { PageRoute } from '../../../page-route';
import { DirectMailPage } from './direct-mail-page';
import { DirectMailRunPage } from './direct-mail-run-page';

/** Personalised letters: every role follows the runs (the API lets them); marketers and admins start them. */
export const directMailRoutes: PageRoute[] = [
  { path: '/direct-mail', title: 'Direct mail', nav: { label: 'Direct mail', order: 57.5 }, component: DirectMailPage },
  { path: '/direct-mail/:id', title: 'Direct-mail run', component: DirectMailRunPage },
];
