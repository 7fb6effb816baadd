import { bookResource, deleteBooking, listEventBookings, listResourceBookings } from '../../resources/event-bookings';
import { createResource, listResources, updateResource } from '../../resources/resource-catalog';
import {
  BookingList,
  BookingView,
  CreateBookingRequest,
  CreateResourceRequest,
  EventBookingParams,
  EventBookingsParams,
  ListResourcesQuery,
  ResourceIdParams,
  ResourceList,
  ResourceView,
  UpdateResourceRequest,
} from '../../resources/resources.schemas';
import { defineRoute } from '../route';

// Marketers plan events and their resources; managers see what is booked.
const planners = ['marketer', 'admin'] as const;
const tag = 'Resources';

export const resourceRoutes = [
  defineRoute({
    method: 'get', path: '/resources', tag, roles: 'any',
    summary: 'The catalog of resources events book (rooms, kits, counted equipment, consumables with their stock), by name; archived ones with includeArchived=true',
    query: ListResourcesQuery,
    response: { status: 200, description: 'The resources', schema: ResourceList },
    handler: ({ query, deps }) => listResources(deps.db, query),
  }),
  defineRoute({
    method: 'post', path: '/resources', tag, roles: planners,
    summary: 'Add a resource to the catalog: FIXED (one at a time), COUNTED (units shared by overlapping events) or CONSUMABLE (stock)',
    body: CreateResourceRequest,
    response: { status: 201, description: 'The resource', schema: ResourceView },
    errors: [409],
    handler: ({ body, caller, deps }) => createResource(deps.db, caller.id, body),
  }),
  defineRoute({
    method: 'patch', path: '/resources/:id', tag, roles: planners,
    summary: 'Rename, restock, describe or archive a resource; a COUNTED quantity below what coming events hold at one time is refused',
    params: ResourceIdParams,
    body: UpdateResourceRequest,
    response: { status: 200, description: 'The resource', schema: ResourceView },
    errors: [404, 409],
    handler: ({ params, body, caller, deps }) => updateResource(deps.db, caller.id, params.id, body),
  }),
  defineRoute({
    method: 'get', path: '/resources/:id/bookings', tag, roles: 'any',
    summary: 'The bookings of a resource, soonest first',
    params: ResourceIdParams,
    response: { status: 200, description: 'The bookings', schema: BookingList },
    errors: [404],
    handler: ({ params, deps }) => listResourceBookings(deps.db, params.id),
  }),
  defineRoute({
    method: 'get', path: '/events/:id/bookings', tag, roles: 'any',
    summary: 'The resources booked for an event',
    params: EventBookingsParams,
    response: { status: 200, description: 'The bookings', schema: BookingList },
    errors: [404],
    handler: ({ params, deps }) => listEventBookings(deps.db, params.id),
  }),
  defineRoute({
    method: 'post', path: '/events/:id/bookings', tag, roles: planners,
    summary: 'Book a resource for the event’s span (a consumable: reserve from stock); a FIXED resource already booked then, too few COUNTED units free, or too little stock: 409 naming the events holding it',
    params: EventBookingsParams,
    body: CreateBookingRequest,
    response: { status: 201, description: 'The booking', schema: BookingView },
    errors: [404, 409],
    handler: ({ params, body, caller, deps }) => bookResource(deps.db, caller.id, params.id, body),
  }),
  defineRoute({
    method: 'delete', path: '/events/:id/bookings/:bookingId', tag, roles: planners,
    summary: 'Delete a booking of the event; a consumable goes back to stock (a COMPLETED event keeps its bookings: 409)',
    params: EventBookingParams,
    response: { status: 204, description: 'Deleted' },
    errors: [404, 409],
    handler: ({ params, deps }) => deleteBooking(deps.db, params.id, params.bookingId),
  }),
];
