import { z } from 'zod';
import { Currency, Money } from '../schemas/money.schemas';
import { PageCursorParam } from '../schemas/page-cursor';
import { Text } from '../schemas/text.schemas';

/** A calendar day: YYYY-MM-DD that exists (2026-02-30 does not), years 1900-9999. */
export const ProductDay = z
  .string()
  .refine((text) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || text < '1900-01-01') return false;
    const date = new Date(`${text}T00:00:00.000Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
  }, { error: 'must be a real date as YYYY-MM-DD (from 1900)' })
  .meta({ examples: ['2026-01-01'] });

const ProductCode = Text(50)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, { error: 'letters, digits, dots, dashes, slashes and underscores, starting with a letter or a digit (for example CRM-PRO)' })
  .meta({ description: 'Unique whatever its case: CRM-PRO and crm-pro are the same code', examples: ['CRM-PRO'] });

const ProductPrice = z
  .strictObject({
    currency: Currency,
    unitPrice: Money.meta({ description: 'Price of one unit in that currency' }),
    validFrom: ProductDay.nullable().optional().meta({ description: 'The day the price applies from; none: always. Of the prices of one currency, the latest one started applies' }),
  })
  .meta({ id: 'ProductPrice' });

/** The price list, checked as a whole: one price per currency and start day. */
const PriceList = z
  .array(ProductPrice)
  .max(100)
  .superRefine((prices, ctx) => {
    const seen = new Set<string>();
    prices.forEach((price, index) => {
      const key = `${price.currency}|${price.validFrom ?? ''}`;
      if (seen.has(key)) {
        ctx.addIssue({
          code: 'custom', path: [index],
          message: `a second ${price.currency} price ${price.validFrom ? `from ${price.validFrom}` : 'without a start day'}: give each currency one price per start day`,
        });
      }
      seen.add(key);
    });
  })
  .meta({ description: 'The price list per currency (ISO 4217); replaces the whole list when given' });

export const CreateProductRequest = z
  .strictObject({
    code: ProductCode,
    name: Text(200),
    family: Text(100).meta({ description: 'The product line, for example "Software" or "Services"' }),
    description: Text(2000).nullable().optional(),
    prices: PriceList.default([]),
  })
  .meta({ id: 'CreateProductRequest' });
export type CreateProductRequest = z.output<typeof CreateProductRequest>;

export const UpdateProductRequest = z
  .strictObject({
    code: ProductCode.optional(),
    name: Text(200).optional(),
    family: Text(100).optional(),
    description: Text(2000).nullable().optional(),
    prices: PriceList.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { error: 'nothing to change: give at least one field', when: (payload) => payload.issues.length === 0 })
  .meta({ id: 'UpdateProductRequest' });
export type UpdateProductRequest = z.output<typeof UpdateProductRequest>;

export const ProductIdParams = z.strictObject({ id: z.uuid() });

export const ListProductsQuery = z.strictObject({
  family: Text(100).optional().meta({ description: 'Only this family (whatever its case)' }),
  q: Text(200).optional().meta({ description: 'Text found in the code, name or description' }),
  active: z
    .enum(['true', 'false'])
    .transform((text) => text === 'true')
    .optional()
    .meta({ description: 'true: products on offer; false: retired ones; absent: both' }),
  limit: z.coerce.number<string>().int().min(1).max(200).default(50),
  cursor: PageCursorParam.optional(),
});
export type ListProductsQuery = z.output<typeof ListProductsQuery>;

export const ProductView = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    family: z.string(),
    description: z.string().nullable(),
    active: z.boolean().meta({ description: 'false once retired: kept on past deals and installed bases, no longer added to deals' }),
    retiredAt: z.iso.datetime().nullable(),
    prices: z.array(z.object({ currency: z.string(), unitPrice: z.number(), validFrom: z.iso.date().nullable() })).meta({ description: 'By currency, then start day' }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Product' });
export type ProductView = z.output<typeof ProductView>;

export const ProductPage = z
  .object({ items: z.array(ProductView), nextCursor: z.string().nullable().meta({ description: 'Pass it as cursor for the next page; null on the last page' }) })
  .meta({ id: 'ProductPage' });
export type ProductPage = z.output<typeof ProductPage>;

export const ProductFamilies = z.object({ items: z.array(z.string()) }).meta({ id: 'ProductFamilies' });

/** productIds of an objective or a plan: each id once, each a product of the catalog (checked in the store). */
export const ProductIds = z
  .array(z.uuid())
  .max(50)
  .refine((ids) => new Set(ids).size === ids.length, { error: 'must not name a product twice' })
  .meta({ description: 'Products of the catalog it is about; its progress is also read per product' });

export const ProductRef = z.object({ id: z.uuid(), code: z.string(), name: z.string() }).meta({ id: 'ProductRef' });
export type ProductRef = z.output<typeof ProductRef>;

export const ProductFigures = z
  .object({
    productId: z.uuid(),
    code: z.string(),
    name: z.string(),
    currency: z.string().nullable().meta({ description: 'Currency of the amounts; null on the line of a product no deal sold yet' }),
    wonDeals: z.number().int().meta({ description: 'WON deals with this product' }),
    wonQuantity: z.number().meta({ description: 'Units of it on those deals' }),
    won: z.number().meta({ description: 'Its line amounts on WON deals' }),
    pipeline: z.number().meta({ description: 'Its line amounts on open deals (prospecting to negotiation)' }),
  })
  .meta({ id: 'ProductFigures', description: "One product's line items on the deals counted, in one currency (amounts are never converted)" });
export type ProductFigures = z.output<typeof ProductFigures>;
