import { z } from 'zod';
import { Currency } from '../schemas/money.schemas';
import { Text } from '../schemas/text.schemas';

// What the collateral stock API takes and answers: locations, stock lines with their history,
// reservations for campaigns and events, shipments, returns and usage.

// The library's item statuses (collateral_items.status), spelled out here so the stock depends on the
// library's table only, not on its code.
const ItemStatus = z.enum(['DRAFT', 'APPROVED', 'RETIRED']).meta({ description: "The collateral item's status: only APPROVED items can be reserved" });

const Day = z.iso
  .date()
  .refine((day) => day >= '1900-01-01' && day <= '2999-12-31', { error: 'a day between 1900-01-01 and 2999-12-31' })
  .meta({ description: 'A day, YYYY-MM-DD', examples: ['2027-03-01'] });
const money = z.string().meta({ description: 'A decimal amount with two places, such as "1500.00"' });
const unitMoney = z.string().meta({ description: 'A cost per copy with four places, such as "0.3500"' });

/** A number of printed copies in one request. */
export const Quantity = z.int().min(1).max(1_000_000).meta({ description: 'Copies, 1 to 1,000,000', examples: [500] });

/** What one copy cost: not negative, at most four decimals (a leaflet may cost 0.0350). */
export const UnitCost = z
  .number()
  .min(0)
  .max(100_000)
  .refine((cost) => Math.abs(Math.round(cost * 10_000) - cost * 10_000) < 1e-6, { error: 'at most four decimals' })
  .meta({ description: 'What one copy cost, at most four decimals', examples: [0.35] });

export const StockLocationIdParams = z.strictObject({ id: z.uuid() });
export const StockIdParams = z.strictObject({ id: z.uuid() });
export const ReservationIdParams = z.strictObject({ id: z.uuid() });
export const ItemIdParams = z.strictObject({ itemId: z.uuid() });
export const WorkIdParams = z.strictObject({ id: z.uuid() });

export const CreateStockLocationRequest = z
  .strictObject({
    name: Text(200).meta({ examples: ['Paris warehouse'] }),
    address: Text(1000).optional().meta({ description: 'Where it is, for whoever picks up or ships' }),
  })
  .meta({ id: 'CreateStockLocationRequest' });
export type CreateStockLocationRequest = z.output<typeof CreateStockLocationRequest>;

export const StockLocationView = z
  .object({ id: z.uuid(), name: z.string(), address: z.string().nullable(), createdAt: z.iso.datetime() })
  .meta({ id: 'StockLocationView' });
export type StockLocationView = z.output<typeof StockLocationView>;
export const StockLocationList = z.object({ items: z.array(StockLocationView).meta({ description: 'By name' }) }).meta({ id: 'StockLocationList' });
export type StockLocationList = z.output<typeof StockLocationList>;

const stockLine = {
  itemId: z.uuid().meta({ description: 'The collateral item (GET /collateral/:id)' }),
  locationId: z.uuid().meta({ description: 'The stock location (GET /stock-locations)' }),
};

export const ReceiveStockRequest = z
  .strictObject({
    ...stockLine,
    quantity: Quantity,
    unitCost: UnitCost,
    currency: Currency.meta({ description: "The stock line's one currency: set by its first receipt, another one is refused (409: no conversion)" }),
    date: Day.optional().meta({ description: 'When it arrived; today (UTC) when left out' }),
    reference: Text(100).optional().meta({ description: "The printer's delivery note or invoice", examples: ['PRINT-2027-118'] }),
    note: Text(2000).optional(),
  })
  .meta({ id: 'ReceiveStockRequest' });
export type ReceiveStockRequest = z.output<typeof ReceiveStockRequest>;

export const CountStockRequest = z
  .strictObject({
    ...stockLine,
    countedQuantity: z.int().min(0).max(1_000_000_000).meta({ description: 'What is on the shelf: becomes the quantity on hand' }),
    date: Day.optional().meta({ description: 'When it was counted; today (UTC) when left out' }),
    note: Text(2000).optional(),
  })
  .meta({ id: 'CountStockRequest' });
export type CountStockRequest = z.output<typeof CountStockRequest>;

export const StockListQuery = z.strictObject({
  itemId: z.uuid().optional(),
  locationId: z.uuid().optional(),
  itemStatus: ItemStatus.optional().meta({ description: "The item's status; managers see APPROVED items' stock only" }),
  q: Text(200).optional().meta({ description: "The item's name contains (case-insensitive)" }),
});
export type StockListQuery = z.output<typeof StockListQuery>;

export const StockLineView = z
  .object({
    id: z.uuid(),
    itemId: z.uuid(),
    itemName: z.string(),
    itemKind: z.string().meta({ description: "The collateral item's kind: BROCHURE, FLYER..." }),
    itemStatus: ItemStatus,
    locationId: z.uuid(),
    locationName: z.string(),
    onHand: z.int().meta({ description: 'Copies on the shelf' }),
    reserved: z.int().meta({ description: 'Copies held by RESERVED reservations (not shipped yet)' }),
    available: z.int().meta({ description: 'onHand − reserved' }),
    waiting: z.int().meta({ description: 'Copies asked by WAITING reservations' }),
    waitingReservations: z.int(),
    value: money.meta({ description: 'What the copies on hand cost' }),
    averageUnitCost: unitMoney.nullable().meta({ description: 'value / onHand, four places; null when nothing is on hand' }),
    currency: z.string().nullable().meta({ description: 'Set by the first receipt' }),
  })
  .meta({ id: 'StockLineView' });
export type StockLineView = z.output<typeof StockLineView>;
export const StockList = z.object({ items: z.array(StockLineView).meta({ description: 'By item name, then location name' }) }).meta({ id: 'StockList' });
export type StockList = z.output<typeof StockList>;

export const stockMovementKinds = ['RECEIPT', 'COUNT', 'SHIPMENT', 'RETURN'] as const;
export const StockMovementView = z
  .object({
    id: z.uuid(),
    kind: z.enum(stockMovementKinds).meta({ description: 'RECEIPT: copies in; COUNT: set to what was counted; SHIPMENT: out for a reservation; RETURN: unused copies back' }),
    quantity: z.int().meta({ description: 'The change to the quantity on hand (negative: out)' }),
    onHandAfter: z.int(),
    valueChange: money.meta({ description: 'The change to the value (negative: out)' }),
    currency: z.string().nullable(),
    unitCost: unitMoney.nullable().meta({ description: 'RECEIPT: what one copy cost' }),
    countedQuantity: z.int().nullable().meta({ description: 'COUNT: what was on the shelf' }),
    reservationId: z.uuid().nullable().meta({ description: 'SHIPMENT, RETURN: the reservation' }),
    day: z.string(),
    reference: z.string().nullable(),
    note: z.string().nullable(),
    actorId: z.uuid().nullable(),
    actorName: z.string().nullable(),
    at: z.iso.datetime(),
  })
  .meta({ id: 'StockMovementView' });
export type StockMovementView = z.output<typeof StockMovementView>;

export const reservationStatuses = ['WAITING', 'RESERVED', 'SHIPPED', 'RELEASED'] as const;
export const ReservationStatus = z
  .enum(reservationStatuses)
  .meta({ id: 'CollateralReservationStatus', description: 'WAITING for stock, in the order made; RESERVED: held on the shelf; SHIPPED; RELEASED: no longer needed' });

export const ReservationView = z
  .object({
    id: z.uuid(),
    stockId: z.uuid(),
    itemId: z.uuid(),
    itemName: z.string(),
    locationId: z.uuid(),
    locationName: z.string(),
    campaignId: z.uuid().nullable(),
    eventId: z.uuid().nullable(),
    workName: z.string().meta({ description: "The campaign's or event's name" }),
    quantity: z.int(),
    neededBy: z.string().nullable(),
    note: z.string().nullable(),
    status: ReservationStatus,
    waitingPosition: z.int().nullable().meta({ description: 'WAITING: 1 for the first in line at its stock line' }),
    reservedAt: z.iso.datetime().nullable(),
    shippedOn: z.string().nullable(),
    destination: z.string().nullable(),
    shippedCost: money.nullable().meta({ description: 'What the shipped copies cost, at the average unit cost when they left' }),
    returnedQuantity: z.int(),
    returnedCost: money,
    usedCost: money.nullable().meta({ description: 'shippedCost − returnedCost: what the work used' }),
    costCurrency: z.string().nullable(),
    budgetEntryId: z.uuid().nullable().meta({ description: "The checkbook entry that charged the cost to the work's budget" }),
    releasedAt: z.iso.datetime().nullable(),
    releaseReason: z.string().nullable(),
    createdById: z.uuid().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'CollateralReservationView' });
export type ReservationView = z.output<typeof ReservationView>;

export const StockLineDetail = StockLineView.extend({
  reservations: z.array(ReservationView).meta({ description: 'Every reservation of the line, in the order made' }),
  movements: z.array(StockMovementView).meta({ description: 'Its history, oldest first' }),
}).meta({ id: 'StockLineDetail' });
export type StockLineDetail = z.output<typeof StockLineDetail>;

export const StockChange = z
  .object({
    stock: StockLineView,
    movement: StockMovementView,
    promotedReservationIds: z.array(z.uuid()).meta({ description: 'WAITING reservations that the new stock made RESERVED, in waiting order' }),
    demotedReservationIds: z.array(z.uuid()).meta({ description: 'COUNT: the newest RESERVED reservations that no longer fit, WAITING again' }),
  })
  .meta({ id: 'StockChange' });
export type StockChange = z.output<typeof StockChange>;

export const CreateReservationRequest = z
  .strictObject({
    ...stockLine,
    campaignId: z.uuid().optional(),
    eventId: z.uuid().optional(),
    quantity: Quantity,
    neededBy: Day.optional(),
    note: Text(2000).optional(),
    waitlist: z.boolean().default(false).meta({ description: 'true: when not enough is available, wait for stock (WAITING) instead of a 409' }),
  })
  .refine((body) => (body.campaignId === undefined) !== (body.eventId === undefined), { error: 'give campaignId or eventId, one of them', path: ['campaignId'] })
  .meta({ id: 'CreateCollateralReservationRequest' });
export type CreateReservationRequest = z.output<typeof CreateReservationRequest>;

export const ReservationListQuery = z.strictObject({
  status: ReservationStatus.optional(),
  stockId: z.uuid().optional(),
  itemId: z.uuid().optional(),
  locationId: z.uuid().optional(),
  campaignId: z.uuid().optional(),
  eventId: z.uuid().optional(),
  limit: z.coerce.number<string>().int().min(1).max(500).default(200),
});
export type ReservationListQuery = z.output<typeof ReservationListQuery>;
export const ReservationList = z.object({ items: z.array(ReservationView).meta({ description: 'Newest first' }) }).meta({ id: 'CollateralReservationList' });
export type ReservationList = z.output<typeof ReservationList>;

export const ShipReservationRequest = z
  .strictObject({
    destination: Text(500).optional().meta({ description: "Where it goes; the event's venue when left out (a campaign's reservation must say)" }),
    date: Day.optional().meta({ description: 'When it left; today (UTC) when left out. The checkbook entry has this date' }),
  })
  .meta({ id: 'ShipCollateralReservationRequest' });
export type ShipReservationRequest = z.output<typeof ShipReservationRequest>;

export const ReleaseReservationRequest = z
  .strictObject({ reason: Text(500).optional() })
  .meta({ id: 'ReleaseCollateralReservationRequest' });
export type ReleaseReservationRequest = z.output<typeof ReleaseReservationRequest>;

export const ReturnReservationRequest = z
  .strictObject({
    quantity: Quantity.meta({ description: 'Unused copies back on the shelf: at most what was shipped and not returned yet' }),
    date: Day.optional(),
    note: Text(2000).optional(),
  })
  .meta({ id: 'ReturnCollateralReservationRequest' });
export type ReturnReservationRequest = z.output<typeof ReturnReservationRequest>;

const usageCounts = {
  reserved: z.int().meta({ description: 'RESERVED, not shipped yet' }),
  waiting: z.int(),
  shipped: z.int(),
  returned: z.int(),
  used: z.int().meta({ description: 'shipped − returned' }),
};
const CostLine = z.object({ currency: z.string(), amount: money }).meta({ id: 'CollateralCost' });

export const WorkUsage = z
  .object({
    campaignId: z.uuid().nullable(),
    eventId: z.uuid().nullable(),
    name: z.string(),
    reservations: z.array(ReservationView).meta({ description: 'In the order made' }),
    items: z
      .array(z.object({ itemId: z.uuid(), itemName: z.string(), ...usageCounts, costs: z.array(CostLine) }))
      .meta({ description: 'Per item, released reservations left out' }),
    costs: z.array(CostLine).meta({ description: 'What the shipped copies cost, net of returns, per currency' }),
  })
  .meta({ id: 'CollateralWorkUsage' });
export type WorkUsage = z.output<typeof WorkUsage>;

export const ItemUsage = z
  .object({
    itemId: z.uuid(),
    itemName: z.string(),
    work: z
      .array(z.object({ campaignId: z.uuid().nullable(), eventId: z.uuid().nullable(), name: z.string(), ...usageCounts, costs: z.array(CostLine) }))
      .meta({ description: 'Each campaign and event that reserved it, by name; released reservations left out' }),
    costs: z.array(CostLine),
  })
  .meta({ id: 'CollateralItemUsage' });
export type ItemUsage = z.output<typeof ItemUsage>;
