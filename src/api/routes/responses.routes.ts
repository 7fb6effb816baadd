import { listResponses } from '../../responses/list-responses';
import { recordResponse } from '../../responses/record-response';
import { ListResponsesQuery, RecordResponseRequest, RecordResponseResult, ResponsePage } from '../../responses/responses.schemas';
import { defineRoute } from '../route';

const everyRole = ['manager', 'marketer', 'admin'] as const;

export const responseRoutes = [
  defineRoute({
    method: 'post', path: '/responses', tag: 'Responses', roles: everyRole,
    summary: "Record an inbound response (call, reply, registration, web form) against a campaign's sub-source, for an account or contact fields (matched or created); it cancels pending re-contact timers",
    body: RecordResponseRequest,
    response: { status: 201, description: 'The response, its account, and what the inbound contact changed', schema: RecordResponseResult },
    errors: [409, 503],
    handler: ({ body, context, deps }) => recordResponse(context, body, { logger: deps.logger }),
  }),
  defineRoute({
    method: 'get', path: '/responses', tag: 'Responses', roles: everyRole,
    summary: 'List responses, latest first, of a campaign (and one of its sub-source codes), paginated by cursor',
    query: ListResponsesQuery,
    response: { status: 200, description: 'One page of responses', schema: ResponsePage },
    errors: [503],
    handler: ({ query, deps }) => listResponses(deps.db, query),
  }),
];
