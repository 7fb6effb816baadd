import { listInstalledProducts } from '../../products/installed-base';
import { addLineItem, getDealLineItems, listAccountDeals, removeLineItem, updateLineItem } from '../../products/line-items';
import {
  AccountDealPage,
  AccountDealsQuery,
  CreateLineItemRequest,
  DealLineItems,
  DealParams,
  InstalledProductPage,
  InstalledProductsQuery,
  LineItemParams,
  UpdateLineItemRequest,
} from '../../products/line-items.schemas';
import { createProduct, getProduct, listProductFamilies, listProducts, setProductActive, updateProduct } from '../../products/product-catalog';
import { CreateProductRequest, ListProductsQuery, ProductFamilies, ProductIdParams, ProductPage, ProductView, UpdateProductRequest } from '../../products/products.schemas';
import { defineRoute } from '../route';

// Admins and marketers keep the catalog; every role reads it. Line items follow the deal: whoever may change it.
const catalogKeepers = ['admin', 'marketer'] as const;
const dealWriters = ['manager', 'admin'] as const;
const everyRole = ['manager', 'marketer', 'admin'] as const;
const tag = 'Products';

export const productRoutes = [
  defineRoute({
    method: 'post', path: '/products', tag, roles: catalogKeepers,
    summary: 'Add a product to the catalog: a code unique whatever its case, name, family, description and its price list per currency',
    body: CreateProductRequest,
    response: { status: 201, description: 'The product', schema: ProductView },
    errors: [409],
    handler: ({ body, caller, deps }) => createProduct(deps.db, caller, body),
  }),
  defineRoute({
    method: 'get', path: '/products', tag, roles: everyRole,
    summary: 'The catalog, newest first, filtered by family, text (code, name, description) and whether on offer (active), paginated by cursor',
    query: ListProductsQuery,
    response: { status: 200, description: 'One page of products', schema: ProductPage },
    handler: ({ query, deps }) => listProducts(deps.db, query),
  }),
  defineRoute({
    method: 'get', path: '/product-families', tag, roles: everyRole,
    summary: 'The product families in use, alphabetically',
    response: { status: 200, description: 'The families', schema: ProductFamilies },
    handler: ({ deps }) => listProductFamilies(deps.db),
  }),
  defineRoute({
    method: 'get', path: '/products/:id', tag, roles: everyRole,
    summary: 'One product with its price list',
    params: ProductIdParams,
    response: { status: 200, description: 'The product', schema: ProductView },
    errors: [404],
    handler: ({ params, deps }) => getProduct(deps.db, params.id),
  }),
  defineRoute({
    method: 'patch', path: '/products/:id', tag, roles: catalogKeepers,
    summary: 'Change a product; prices replaces the whole price list (deals keep the prices their line items were given)',
    params: ProductIdParams, body: UpdateProductRequest,
    response: { status: 200, description: 'The product', schema: ProductView },
    errors: [404, 409],
    handler: ({ params, body, caller, deps }) => updateProduct(deps.db, caller, params.id, body),
  }),
  defineRoute({
    method: 'post', path: '/products/:id/retire', tag, roles: catalogKeepers,
    summary: 'Retire a product: it stays on past deals and installed bases but is no longer added to deals',
    params: ProductIdParams,
    response: { status: 200, description: 'The product', schema: ProductView },
    errors: [404],
    handler: ({ params, caller, deps }) => setProductActive(deps.db, caller, params.id, false),
  }),
  defineRoute({
    method: 'post', path: '/products/:id/reactivate', tag, roles: catalogKeepers,
    summary: 'Offer a retired product again',
    params: ProductIdParams,
    response: { status: 200, description: 'The product', schema: ProductView },
    errors: [404],
    handler: ({ params, caller, deps }) => setProductActive(deps.db, caller, params.id, true),
  }),

  defineRoute({
    method: 'get', path: '/opportunities/:id/line-items', tag, roles: everyRole,
    summary: "A deal's line items with their totals and the deal's amount",
    params: DealParams,
    response: { status: 200, description: 'The line items', schema: DealLineItems },
    errors: [404],
    handler: ({ params, caller, deps }) => getDealLineItems(deps.db, caller, params.id),
  }),
  defineRoute({
    method: 'post', path: '/opportunities/:id/line-items', tag, roles: dealWriters,
    summary: "Add a product to a deal; the unit price defaults to the product's price in the deal's currency. The deal's amount becomes the total of its line items; a WON deal's installed base follows",
    params: DealParams, body: CreateLineItemRequest,
    response: { status: 201, description: 'The line items', schema: DealLineItems },
    errors: [404, 409],
    handler: ({ params, body, caller, deps }) => addLineItem(deps.db, caller, params.id, body),
  }),
  defineRoute({
    method: 'patch', path: '/opportunities/:id/line-items/:itemId', tag, roles: dealWriters,
    summary: 'Change a line item (quantity, unit price, discount, place); the amount follows',
    params: LineItemParams, body: UpdateLineItemRequest,
    response: { status: 200, description: 'The line items', schema: DealLineItems },
    errors: [404, 409],
    handler: ({ params, body, caller, deps }) => updateLineItem(deps.db, caller, params.id, params.itemId, body),
  }),
  defineRoute({
    method: 'delete', path: '/opportunities/:id/line-items/:itemId', tag, roles: dealWriters,
    summary: 'Remove a line item; the amount follows (without line items left it is 0 and can be set by hand again)',
    params: LineItemParams,
    response: { status: 200, description: 'The line items', schema: DealLineItems },
    errors: [404, 409],
    handler: ({ params, caller, deps }) => removeLineItem(deps.db, caller, params.id, params.itemId),
  }),
  defineRoute({
    method: 'get', path: '/accounts/:id/deals', tag, roles: everyRole,
    summary: "The account's deals (open, won, lost or all) with their products, most recently changed first, paginated by cursor",
    params: DealParams, query: AccountDealsQuery,
    response: { status: 200, description: 'One page of deals', schema: AccountDealPage },
    errors: [404],
    handler: ({ params, query, caller, deps }) => listAccountDeals(deps.db, caller, params.id, query),
  }),
  defineRoute({
    method: 'get', path: '/accounts/:id/installed-products', tag, roles: everyRole,
    summary: "The account's installed base: the products of its WON deals, since the day each was won, newest first, paginated by cursor",
    params: DealParams, query: InstalledProductsQuery,
    response: { status: 200, description: 'One page of installed products', schema: InstalledProductPage },
    errors: [404],
    handler: ({ params, query, caller, deps }) => listInstalledProducts(deps.db, caller, params.id, query),
  }),
];
