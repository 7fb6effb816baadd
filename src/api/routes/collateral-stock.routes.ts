import { campaignUsage, eventUsage, itemUsage } from '../../collateral-stock/collateral-usage';
import { countStock } from '../../collateral-stock/count-stock';
import { receiveStock } from '../../collateral-stock/receive-stock';
import { releaseReservation } from '../../collateral-stock/release-reservation';
import { getReservation, listReservations } from '../../collateral-stock/reservation-views';
import { reserveStock } from '../../collateral-stock/reserve-stock';
import { returnReservation } from '../../collateral-stock/return-reservation';
import { shipReservation } from '../../collateral-stock/ship-reservation';
import { createStockLocation, listStockLocations } from '../../collateral-stock/stock-locations';
import { getStockLine, listStock } from '../../collateral-stock/stock-views';
import {
  CountStockRequest,
  CreateReservationRequest,
  CreateStockLocationRequest,
  ItemIdParams,
  ItemUsage,
  ReceiveStockRequest,
  ReleaseReservationRequest,
  ReservationIdParams,
  ReservationList,
  ReservationListQuery,
  ReservationView,
  ReturnReservationRequest,
  ShipReservationRequest,
  StockChange,
  StockIdParams,
  StockLineDetail,
  StockList,
  StockListQuery,
  StockLocationList,
  StockLocationView,
  WorkIdParams,
  WorkUsage,
} from '../../collateral-stock/stock.schemas';
import { defineRoute } from '../route';

// Marketers and admins keep the printed stock; every role reads it (sellers: APPROVED items' stock).
const keepers = ['marketer', 'admin'] as const;
const tag = 'Collateral stock';

export const collateralStockRoutes = [
  defineRoute({
    method: 'get', path: '/stock-locations', tag, roles: 'any',
    summary: 'The places where printed collateral is kept, by name',
    response: { status: 200, description: 'The locations', schema: StockLocationList },
    handler: ({ deps }) => listStockLocations(deps.db),
  }),
  defineRoute({
    method: 'post', path: '/stock-locations', tag, roles: keepers,
    summary: 'Add a stock location (a name is one place, whatever its case: 409 when taken)',
    body: CreateStockLocationRequest,
    response: { status: 201, description: 'The location', schema: StockLocationView },
    errors: [409],
    handler: ({ body, caller, deps }) => createStockLocation(deps.db, caller, body),
  }),
  defineRoute({
    method: 'get', path: '/collateral-stock', tag, roles: 'any',
    summary: 'Stock by item and location: on hand, reserved, available, waiting, value and average unit cost',
    query: StockListQuery,
    response: { status: 200, description: 'The stock lines', schema: StockList },
    handler: ({ query, caller, deps }) => listStock(deps.db, caller, query),
  }),
  defineRoute({
    method: 'get', path: '/collateral-stock/:id', tag, roles: 'any',
    summary: 'A stock line with its reservations (in the order made) and its history of receipts, counts, shipments and returns',
    params: StockIdParams,
    response: { status: 200, description: 'The stock line', schema: StockLineDetail },
    errors: [404],
    handler: ({ params, caller, deps }) => getStockLine(deps.db, caller, params.id),
  }),
  defineRoute({
    method: 'post', path: '/collateral-stock/receipts', tag, roles: keepers,
    summary: "Receive printed copies at a location, at a unit cost in the line's currency; waiting reservations that now fit are reserved, in order",
    body: ReceiveStockRequest,
    response: { status: 201, description: 'The stock line after the receipt', schema: StockChange },
    errors: [409],
    handler: ({ body, caller, deps }) => receiveStock(deps.db, caller, body),
  }),
  defineRoute({
    method: 'post', path: '/collateral-stock/counts', tag, roles: keepers,
    summary: 'Record a count: on hand becomes what was counted; fewer than reserved sends the newest reservations back to waiting, more lets waiting ones through',
    body: CountStockRequest,
    response: { status: 200, description: 'The stock line after the count', schema: StockChange },
    errors: [409],
    handler: ({ body, caller, deps }) => countStock(deps.db, caller, body),
  }),
  defineRoute({
    method: 'get', path: '/collateral-stock/items/:itemId/usage', tag, roles: 'any',
    summary: 'Which campaigns and events used a collateral item: quantities reserved, waiting, shipped, returned and their cost',
    params: ItemIdParams,
    response: { status: 200, description: "The item's usage", schema: ItemUsage },
    errors: [404],
    handler: ({ params, caller, deps }) => itemUsage(deps.db, caller, params.itemId),
  }),
  defineRoute({
    method: 'get', path: '/collateral-reservations', tag, roles: 'any',
    summary: 'Reservations, newest first, filtered by status, stock line, item, location, campaign or event',
    query: ReservationListQuery,
    response: { status: 200, description: 'The reservations', schema: ReservationList },
    handler: ({ query, deps }) => listReservations(deps.db, query),
  }),
  defineRoute({
    method: 'post', path: '/collateral-reservations', tag, roles: keepers,
    summary: 'Reserve copies of an APPROVED item at a location for a campaign or an event; more than available is a 409 naming the amount over, or WAITING with waitlist: true',
    body: CreateReservationRequest,
    response: { status: 201, description: 'The reservation: RESERVED, or WAITING', schema: ReservationView },
    errors: [409],
    handler: ({ body, caller, deps }) => reserveStock(deps.db, caller, body),
  }),
  defineRoute({
    method: 'get', path: '/collateral-reservations/:id', tag, roles: 'any',
    summary: 'A reservation, with its place in the waiting list or its shipment and cost',
    params: ReservationIdParams,
    response: { status: 200, description: 'The reservation', schema: ReservationView },
    errors: [404],
    handler: ({ params, deps }) => getReservation(deps.db, params.id),
  }),
  defineRoute({
    method: 'post', path: '/collateral-reservations/:id/ship', tag, roles: keepers,
    summary: "Ship a RESERVED reservation (to the event's venue unless told otherwise): copies leave with their average cost, charged to the budget funding the work",
    params: ReservationIdParams,
    body: ShipReservationRequest,
    response: { status: 200, description: 'The SHIPPED reservation', schema: ReservationView },
    errors: [404, 409],
    handler: ({ params, body, caller, deps }) => shipReservation(deps.db, caller, params.id, body),
  }),
  defineRoute({
    method: 'post', path: '/collateral-reservations/:id/release', tag, roles: keepers,
    summary: 'Release a RESERVED or WAITING reservation: its copies go to the next in line',
    params: ReservationIdParams,
    body: ReleaseReservationRequest,
    response: { status: 200, description: 'The RELEASED reservation', schema: ReservationView },
    errors: [404, 409],
    handler: ({ params, body, caller, deps }) => releaseReservation(deps.db, caller, params.id, body),
  }),
  defineRoute({
    method: 'post', path: '/collateral-reservations/:id/return', tag, roles: keepers,
    summary: 'Return unused copies of a SHIPPED reservation to the shelf: their cost comes off the checkbook entry',
    params: ReservationIdParams,
    body: ReturnReservationRequest,
    response: { status: 200, description: 'The reservation', schema: ReservationView },
    errors: [404, 409],
    handler: ({ params, body, caller, deps }) => returnReservation(deps.db, caller, params.id, body),
  }),
  defineRoute({
    method: 'get', path: '/campaigns/:id/collateral-usage', tag, roles: 'any',
    summary: 'The collateral a campaign reserved and used: per item, quantities and cost',
    params: WorkIdParams,
    response: { status: 200, description: "The campaign's usage", schema: WorkUsage },
    errors: [404],
    handler: ({ params, deps }) => campaignUsage(deps.db, params.id),
  }),
  defineRoute({
    method: 'get', path: '/events/:id/collateral-usage', tag, roles: 'any',
    summary: 'The collateral an event reserved and used: per item, quantities and cost',
    params: WorkIdParams,
    response: { status: 200, description: "The event's usage", schema: WorkUsage },
    errors: [404],
    handler: ({ params, deps }) => eventUsage(deps.db, params.id),
  }),
];
