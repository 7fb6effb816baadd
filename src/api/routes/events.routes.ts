import { AppError } from '../../errors/app-error';
import { copyEvent, createEvent } from '../../events/event-create';
import { cancelEvent, scheduleEvent } from '../../events/event-lifecycle';
import { listEvents } from '../../events/event-list';
import { completeEventTask, listEventTasks } from '../../events/event-tasks';
import { updateEvent } from '../../events/event-update';
import { getEventView } from '../../events/event-view';
import {
  CancelEventRequest,
  CopyEventRequest,
  CreateEventRequest,
  EventIdParams,
  EventListQuery,
  EventPage,
  EventTaskList,
  EventTaskListQuery,
  EventTaskParams,
  EventTaskView,
  EventView,
  UpdateEventRequest,
} from '../../events/events.schemas';
import { defineRoute, type ApiDependencies } from '../route';

// Marketers plan events; managers read them (and register people, check in, complete tasks).
const planners = ['marketer', 'admin'] as const;
const tag = 'Events';

/** Where registration links point; the app always builds its routes with it. */
function publicUrlOf(deps: ApiDependencies): string {
  if (!deps.publicUrl) throw new AppError('INTERNAL', 'The app was built without its public URL');
  return deps.publicUrl;
}

export const eventRoutes = [
  defineRoute({
    method: 'post', path: '/events', tag, roles: planners,
    summary: 'Plan a DRAFT event: dates, venue or online link, capacity, owner and team, budget lines, offers, sub-sources (mirrored into its campaign) and tasks due relative to its dates',
    body: CreateEventRequest,
    response: { status: 201, description: 'The event', schema: EventView },
    errors: [409],
    handler: ({ body, caller, deps }) => createEvent(deps.db, caller.id, body, publicUrlOf(deps)),
  }),
  defineRoute({
    method: 'get', path: '/events', tag, roles: 'any',
    summary: 'Events, newest first, with their registration counts: filters status, campaignId, q (name, kind or venue); paginated by cursor',
    query: EventListQuery,
    response: { status: 200, description: 'A page of events', schema: EventPage },
    handler: ({ query, deps }) => listEvents(deps.db, query),
  }),
  defineRoute({
    method: 'get', path: '/events/:id', tag, roles: 'any',
    summary: 'An event: its plan, sub-sources, costs, tasks, registration counts and whether registration is open',
    params: EventIdParams,
    response: { status: 200, description: 'The event', schema: EventView },
    errors: [404],
    handler: ({ params, deps }) => getEventView(deps.db, params.id, publicUrlOf(deps)),
  }),
  defineRoute({
    method: 'patch', path: '/events/:id', tag, roles: planners,
    summary: 'Change a DRAFT or SCHEDULED event (lists replace); moving a scheduled one moves its task due times and resource bookings; a raised capacity gives seats to the waiting list',
    params: EventIdParams,
    body: UpdateEventRequest,
    response: { status: 200, description: 'The event', schema: EventView },
    errors: [404, 409],
    handler: ({ params, body, deps }) => updateEvent(deps.db, deps.temporal, deps.logger, params.id, body, publicUrlOf(deps)),
  }),
  defineRoute({
    method: 'post', path: '/events/:id/schedule', tag, roles: planners,
    summary: 'Schedule a DRAFT whose start and end are in the future: its workflow (event-<id>) opens registration and the tasks, reminds and counts no-shows',
    params: EventIdParams,
    response: { status: 200, description: 'The scheduled event', schema: EventView },
    errors: [404, 409, 503],
    handler: ({ params, caller, deps }) => scheduleEvent(deps.db, deps.temporal, caller.id, params.id, publicUrlOf(deps)),
  }),
  defineRoute({
    method: 'post', path: '/events/:id/cancel', tag, roles: planners,
    summary: 'Cancel an event: its tasks are cancelled, its resources released, and the registered and waiting people e-mailed',
    params: EventIdParams,
    body: CancelEventRequest,
    response: { status: 200, description: 'The cancelled event', schema: EventView },
    errors: [404, 409],
    handler: ({ params, body, caller, deps }) => cancelEvent(deps.db, deps.temporal, deps.logger, caller.id, params.id, body.reason, publicUrlOf(deps)),
  }),
  defineRoute({
    method: 'post', path: '/events/:id/copy', tag, roles: planners,
    summary: 'A new DRAFT from an event used as a template: everything but its dates (unless given), registrations, bookings and actual costs',
    params: EventIdParams,
    body: CopyEventRequest,
    response: { status: 201, description: 'The new event', schema: EventView },
    errors: [404],
    handler: ({ params, body, caller, deps }) => copyEvent(deps.db, caller.id, params.id, body, publicUrlOf(deps)),
  }),
  defineRoute({
    method: 'get', path: '/event-tasks', tag, roles: 'any',
    summary: 'Event tasks, the soonest due first: filters assigneeId (a user id or me), state, eventId',
    query: EventTaskListQuery,
    response: { status: 200, description: 'The tasks (at most 500)', schema: EventTaskList },
    handler: ({ query, caller, deps }) => listEventTasks(deps.db, caller.id, query),
  }),
  defineRoute({
    method: 'post', path: '/events/:id/tasks/:taskId/complete', tag, roles: 'any',
    summary: 'Mark an event task done',
    params: EventTaskParams,
    response: { status: 200, description: 'The task', schema: EventTaskView },
    errors: [404, 409],
    handler: ({ params, caller, deps }) => completeEventTask(deps.db, caller.id, params.id, params.taskId),
  }),
];
