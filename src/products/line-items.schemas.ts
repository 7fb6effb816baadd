import { z } from 'zod';
import { Money } from '../schemas/money.schemas';
import { PageCursorParam } from '../schemas/page-cursor';
import { OpportunityStage } from '../opportunities/opportunities.schemas';

const twoDecimals = (amount: number) => Math.abs(Math.round(amount * 100) - amount * 100) < 1e-6;

const Quantity = z
  .number()
  .gt(0, { error: 'must be more than 0' })
  .max(9_999_999_999.99)
  .refine(twoDecimals, { error: 'at most two decimals' })
  .meta({ description: 'How many units; more than 0, at most two decimals', examples: [3] });

const Discount = z
  .number()
  .min(0, { error: 'must be a percentage from 0 to 100' })
  .max(100, { error: 'must be a percentage from 0 to 100' })
  .refine(twoDecimals, { error: 'at most two decimals' })
  .meta({ description: 'Discount in percent, 0 to 100', examples: [10] });

export const CreateLineItemRequest = z
  .strictObject({
    productId: z.uuid().meta({ description: 'A product of the catalog that is not retired' }),
    quantity: Quantity,
    unitPrice: Money.optional().meta({ description: "Price of one unit in the deal's currency; absent: the product's current price in that currency" }),
    discountPercent: Discount.default(0),
  })
  .meta({ id: 'CreateLineItemRequest' });
export type CreateLineItemRequest = z.output<typeof CreateLineItemRequest>;

export const UpdateLineItemRequest = z
  .strictObject({
    quantity: Quantity.optional(),
    unitPrice: Money.optional(),
    discountPercent: Discount.optional(),
    position: z.number().int().min(1).max(1000).optional().meta({ description: 'Move the line to this place (1: first)' }),
  })
  .refine((body) => Object.keys(body).length > 0, { error: 'nothing to change: give at least one field', when: (payload) => payload.issues.length === 0 })
  .meta({ id: 'UpdateLineItemRequest' });
export type UpdateLineItemRequest = z.output<typeof UpdateLineItemRequest>;

export const DealParams = z.strictObject({ id: z.uuid() });
export const LineItemParams = z.strictObject({ id: z.uuid(), itemId: z.uuid() });

export const LineItemView = z
  .object({
    id: z.uuid(),
    productId: z.uuid(),
    productCode: z.string(),
    productName: z.string(),
    productFamily: z.string(),
    quantity: z.number(),
    unitPrice: z.number(),
    discountPercent: z.number(),
    total: z.number().meta({ description: 'quantity × unitPrice × (1 − discountPercent/100), rounded to the cent' }),
    position: z.number().int(),
  })
  .meta({ id: 'LineItem' });
export type LineItemView = z.output<typeof LineItemView>;

export const DealLineItems = z
  .object({
    opportunityId: z.uuid(),
    name: z.string(),
    stage: OpportunityStage,
    currency: z.string(),
    amount: z.number().meta({ description: "The deal's amount: the sum of the line totals while it has line items" }),
    items: z.array(LineItemView).meta({ description: 'In their order (position)' }),
  })
  .meta({ id: 'DealLineItems' });
export type DealLineItems = z.output<typeof DealLineItems>;

// ---- On the account page ----

export const AccountDealsQuery = z.strictObject({
  state: z.enum(['open', 'won', 'lost', 'all']).default('all').meta({ description: 'open: prospecting to negotiation; won; lost; all' }),
  limit: z.coerce.number<string>().int().min(1).max(100).default(20),
  cursor: PageCursorParam.optional(),
});
export type AccountDealsQuery = z.output<typeof AccountDealsQuery>;

export const AccountDeal = DealLineItems.extend({
  expectedCloseDate: z.iso.date().nullable(),
  updatedAt: z.iso.datetime(),
}).meta({ id: 'AccountDeal' });
export type AccountDeal = z.output<typeof AccountDeal>;

export const AccountDealPage = z.object({ items: z.array(AccountDeal), nextCursor: z.string().nullable() }).meta({ id: 'AccountDealPage' });
export type AccountDealPage = z.output<typeof AccountDealPage>;

export const InstalledProductsQuery = z.strictObject({
  limit: z.coerce.number<string>().int().min(1).max(200).default(50),
  cursor: PageCursorParam.optional(),
});
export type InstalledProductsQuery = z.output<typeof InstalledProductsQuery>;

export const InstalledProductView = z
  .object({
    id: z.uuid(),
    productId: z.uuid(),
    productCode: z.string(),
    productName: z.string(),
    productFamily: z.string(),
    quantity: z.number(),
    since: z.iso.date().meta({ description: 'The day the deal was won' }),
    sourceOpportunityId: z.uuid(),
    sourceOpportunityName: z.string(),
  })
  .meta({ id: 'InstalledProduct' });
export type InstalledProductView = z.output<typeof InstalledProductView>;

export const InstalledProductPage = z
  .object({ items: z.array(InstalledProductView), nextCursor: z.string().nullable() })
  .meta({ id: 'InstalledProductPage', description: 'Newest first (since, then id)' });
export type InstalledProductPage = z.output<typeof InstalledProductPage>;
