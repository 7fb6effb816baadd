import { createMeasure, getMeasure, listMeasures, updateMeasure } from '../../event-measures/measure-catalog';
import { CreateMeasureRequest, ListMeasuresQuery, MeasureIdParams, MeasureList, MeasureView, UpdateMeasureRequest } from '../../event-measures/measures.schemas';
import { defineRoute } from '../route';

// Marketers define how events are measured; every role reads the measures the event reports show.
const planners = ['marketer', 'admin'] as const;
const tag = 'Event measures';

export const eventMeasureRoutes = [
  defineRoute({
    method: 'get', path: '/event-measures', tag, roles: 'any',
    summary: 'The measures event reports show besides their own figures, each with its definition in words; archived ones with includeArchived=true',
    query: ListMeasuresQuery,
    response: { status: 200, description: 'The measures, oldest first', schema: MeasureList },
    handler: ({ query, deps }) => listMeasures(deps.db, query),
  }),
  defineRoute({
    method: 'get', path: '/event-measures/:id', tag, roles: 'any',
    summary: 'One event measure',
    params: MeasureIdParams,
    response: { status: 200, description: 'The measure', schema: MeasureView },
    errors: [404],
    handler: ({ params, deps }) => getMeasure(deps.db, params.id),
  }),
  defineRoute({
    method: 'post', path: '/event-measures', tag, roles: planners,
    summary:
      'Define a measure of event effect: activities or status changes of the registrants’, attendees’ or no-shows’ accounts in a window of days, ' +
      'or a ratio of two report figures or measures; for every event or some kinds only',
    body: CreateMeasureRequest,
    response: { status: 201, description: 'The measure', schema: MeasureView },
    errors: [409],
    handler: ({ body, caller, deps }) => createMeasure(deps.db, caller.id, body),
  }),
  defineRoute({
    method: 'patch', path: '/event-measures/:id', tag, roles: planners,
    summary: 'Rename, redefine, scope or archive a measure (reports compute it anew each time); archiving one a ratio divides is refused (409)',
    params: MeasureIdParams,
    body: UpdateMeasureRequest,
    response: { status: 200, description: 'The measure', schema: MeasureView },
    errors: [404, 409],
    handler: ({ params, body, caller, deps }) => updateMeasure(deps.db, caller.id, params.id, body),
  }),
];
