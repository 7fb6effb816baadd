import { CreateSavedViewBody, SavedView, SavedViewIdParams, SavedViewList, SavedViewRun } from '../../saved-views/saved-views.schemas';
import { createSavedView, deleteSavedView, listSavedViews, runSavedView } from '../../saved-views/saved-views';
import { defineRoute } from '../route';

export const savedViewRoutes = [
  defineRoute({
    method: 'post', path: '/views', tag: 'Saved views', roles: 'any',
    summary: "Save a view for the caller: deals-closing {days 1..365, default 30}, overdue-tasks {}, recontact-due {period: this-month | next-30-days}; a name is unique per user",
    body: CreateSavedViewBody,
    response: { status: 201, description: 'The saved view', schema: SavedView },
    errors: [409],
    handler: ({ body, caller, deps }) => createSavedView(deps.db, caller, body),
  }),
  defineRoute({
    method: 'get', path: '/views', tag: 'Saved views', roles: 'any',
    summary: "The caller's saved views, by name",
    response: { status: 200, description: 'The views', schema: SavedViewList },
    handler: ({ caller, deps }) => listSavedViews(deps.db, caller),
  }),
  defineRoute({
    method: 'get', path: '/views/:id/run', tag: 'Saved views', roles: 'any',
    summary: "Run one of the caller's saved views now: {view, items, total}",
    params: SavedViewIdParams,
    response: { status: 200, description: 'The view and what it finds now', schema: SavedViewRun },
    errors: [404],
    handler: ({ params, caller, deps }) => runSavedView(deps.db, caller, params.id),
  }),
  defineRoute({
    method: 'delete', path: '/views/:id', tag: 'Saved views', roles: 'any',
    summary: "Delete one of the caller's saved views (another user's view: 404)",
    params: SavedViewIdParams,
    response: { status: 204, description: 'Deleted' },
    errors: [404],
    handler: ({ params, caller, deps }) => deleteSavedView(deps.db, caller, params.id),
  }),
];
