import type { ProductView } from '../../../../products/products.schemas';
import type { Role } from '../../session';

export type { ProductView };
export type ProductPrice = ProductView['prices'][number];

/** Admins and marketers keep the catalog; every role reads it. */
export const mayKeepCatalog = (role: Role | undefined) => role === 'admin' || role === 'marketer';

/** The price a new line item takes: the latest started price in the currency (a price without a start day applies always). */
export function currentPrice(product: Pick<ProductView, 'prices'>, currency: string, today = new Date().toISOString().slice(0, 10)): number | undefined {
  const started = product.prices.filter((price) => price.currency === currency && (price.validFrom === null || price.validFrom <= today));
  started.sort((a, b) => (a.validFrom ?? '').localeCompare(b.validFrom ?? ''));
  return started.at(-1)?.unitPrice;
}

/** quantity × unit price × (1 − discount/100), to the cent, as the API computes a line's total. */
export function lineTotal(quantity: number, unitPrice: number, discountPercent: number): number {
  return Math.round(quantity * unitPrice * (100 - discountPercent)) / 100;
}
