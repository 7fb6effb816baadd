import type { Translation } from '../translation';
import { account } from './account';
import { admin } from './admin';
import { campaigns } from './campaigns';
import { common } from './common';
import { customerView } from './customer-view';
import { events } from './events';
import { executive } from './executive';
import { layout } from './layout';
import { manager } from './manager';
import { marketer } from './marketer';
import { statuses } from './statuses';
import { home } from './home';
import { people } from './people';
import { products } from './products';
import { queries } from './queries';

/**
 * Russian texts keyed by their English text. Each area of the console keeps its own file here, so
 * work on one page never edits another's list; a key in two files is caught by the i18n test.
 */
export const russianParts: Record<string, Record<string, Translation>> = {
  common,
  customerView,
  layout,
  account,
  admin,
  executive,
  manager,
  campaigns,
  events,
  marketer,
  statuses,
  home,
  people,
  products,
  queries,
};

export const russian: Record<string, Translation> = Object.assign({}, ...Object.values(russianParts));
