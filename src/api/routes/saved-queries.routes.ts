import { fieldCatalog } from '../../saved-queries/field-catalog';
import { streamCsv } from '../../saved-queries/query-csv';
import { QueryCount, QueryFieldCatalog, QueryRows, QuerySum } from '../../saved-queries/query-results.schemas';
import { countRows, pageRows, runContext, sumRows } from '../../saved-queries/run-query';
import {
  ListQueriesQuery,
  QueryDefinition,
  RowsQuery,
  SavedQueryIdParams,
  SavedQueryPage,
  SavedQueryView,
  SaveQueryRequest,
  SumQuery,
} from '../../saved-queries/saved-queries.schemas';
import { createQuery, deleteQuery, getQuery, listQueries, replaceQuery, visibleQuery } from '../../saved-queries/saved-query-store';
import { defineRoute } from '../route';

const tag = 'Saved queries';

// Everyone saves queries; what a run finds is limited to the rows the caller may see anyway.
export const savedQueryRoutes = [
  defineRoute({
    method: 'get', path: '/queries/fields', tag, roles: 'any',
    summary: 'The fields of each entity a query may filter, sort and show, with their operators and values',
    response: { status: 200, description: 'The field catalog', schema: QueryFieldCatalog },
    handler: async () => fieldCatalog,
  }),
  defineRoute({
    method: 'post', path: '/queries/count', tag, roles: 'any',
    summary: 'Count what an unsaved definition finds now (the builder’s live count)',
    body: QueryDefinition,
    response: { status: 200, description: 'How many rows match', schema: QueryCount },
    handler: async ({ body, caller, deps }) => countRows(deps.db, body, await runContext(deps.db, caller)),
  }),
  defineRoute({
    method: 'post', path: '/queries', tag, roles: 'any',
    summary: 'Save a query {name, entity, match, filters, sort, columns, visibility}; a name is unique per owner',
    body: SaveQueryRequest,
    response: { status: 201, description: 'The saved query', schema: SavedQueryView },
    errors: [409],
    handler: ({ body, caller, deps }) => createQuery(deps.db, caller, body),
  }),
  defineRoute({
    method: 'get', path: '/queries', tag, roles: 'any',
    summary: "The caller's queries and those shared with their team, last changed first",
    query: ListQueriesQuery,
    response: { status: 200, description: 'A page of queries', schema: SavedQueryPage },
    handler: ({ query, caller, deps }) => listQueries(deps.db, caller, query),
  }),
  defineRoute({
    method: 'get', path: '/queries/:id', tag, roles: 'any',
    summary: 'One saved query (the caller’s own or shared with their team)',
    params: SavedQueryIdParams,
    response: { status: 200, description: 'The query', schema: SavedQueryView },
    errors: [404, 422],
    handler: ({ params, caller, deps }) => getQuery(deps.db, caller, params.id),
  }),
  defineRoute({
    method: 'put', path: '/queries/:id', tag, roles: 'any',
    summary: 'Replace one of the caller’s own queries (a team member’s: 403)',
    params: SavedQueryIdParams,
    body: SaveQueryRequest,
    response: { status: 200, description: 'The query', schema: SavedQueryView },
    errors: [404, 409],
    handler: ({ params, body, caller, deps }) => replaceQuery(deps.db, caller, params.id, body),
  }),
  defineRoute({
    method: 'delete', path: '/queries/:id', tag, roles: 'any',
    summary: 'Delete one of the caller’s own queries (a team member’s: 403)',
    params: SavedQueryIdParams,
    response: { status: 204, description: 'Deleted' },
    errors: [404],
    handler: ({ params, caller, deps }) => deleteQuery(deps.db, caller, params.id),
  }),
  defineRoute({
    method: 'get', path: '/queries/:id/rows', tag, roles: 'any',
    summary: 'Run a query: a page of rows with its columns, in its order; nextCursor continues it',
    params: SavedQueryIdParams,
    query: RowsQuery,
    response: { status: 200, description: 'A page of rows', schema: QueryRows },
    errors: [404, 422],
    handler: async ({ params, query, caller, deps }) => {
      const { definition } = await visibleQuery(deps.db, caller, params.id);
      return pageRows(deps.db, definition, await runContext(deps.db, caller), query);
    },
  }),
  defineRoute({
    method: 'get', path: '/queries/:id/rows.csv', tag, roles: 'any',
    summary: 'Run a query and download every row as CSV (streamed; labels as headers, times in ISO 8601)',
    params: SavedQueryIdParams,
    response: { status: 200, description: 'The rows as CSV', file: { mediaTypes: ['text/csv'] } },
    errors: [404, 422],
    handler: async ({ params, caller, deps, res }) => {
      const { view, definition } = await visibleQuery(deps.db, caller, params.id);
      const fileName = view.name.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'query';
      await streamCsv(deps.db, definition, await runContext(deps.db, caller), fileName, res);
    },
  }),
  defineRoute({
    method: 'get', path: '/queries/:id/count', tag, roles: 'any',
    summary: 'How many rows a saved query finds now (a home page tile)',
    params: SavedQueryIdParams,
    response: { status: 200, description: 'The count', schema: QueryCount },
    errors: [404, 422],
    handler: async ({ params, caller, deps }) => {
      const { definition } = await visibleQuery(deps.db, caller, params.id);
      return countRows(deps.db, definition, await runContext(deps.db, caller));
    },
  }),
  defineRoute({
    method: 'get', path: '/queries/:id/sum', tag, roles: 'any',
    summary: 'The total of a money field over what a saved query finds, per currency (a home page tile)',
    params: SavedQueryIdParams,
    query: SumQuery,
    response: { status: 200, description: 'The total', schema: QuerySum },
    errors: [404, 422],
    handler: async ({ params, query, caller, deps }) => {
      const { definition } = await visibleQuery(deps.db, caller, params.id);
      return sumRows(deps.db, definition, query.field, await runContext(deps.db, caller));
    },
  }),
];
