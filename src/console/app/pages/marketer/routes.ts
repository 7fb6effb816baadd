import type { PageRoute } from '../../page-route';
import { moreMarketerRoutes } from './more-routes';

export const marketerRoutes: PageRoute[] = [...moreMarketerRoutes];
