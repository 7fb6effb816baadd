import type { PageRoute } from '../../../page-route';
import { DirectMailPage } from './direct-mail-page';
import { DirectMailRunPage } from './direct-mail-run-page';
import { msg } from '../../../i18n/i18n';

/** Personalised letters: every role follows the runs (the API lets them); marketers and admins start them. */
export const directMailRoutes: PageRoute[] = [
  { path: '/direct-mail', title: msg('Direct mail'), nav: { label: msg('Direct mail'), order: 57.5 }, component: DirectMailPage },
  { path: '/direct-mail/:id', title: msg('Direct-mail run'), component: DirectMailRunPage },
];
