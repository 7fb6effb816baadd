import type { PageRoute } from '../../page-route';
import { msg } from '../../i18n/i18n';
import { ProductCatalogPage } from './product-catalog-page';

// Every role reads the catalog (sellers pick products for their deals); admins and marketers keep it.
export const productRoutes: PageRoute[] = [{ path: '/products', title: msg('Products'), nav: { label: msg('Products'), order: 35 }, component: ProductCatalogPage }];
