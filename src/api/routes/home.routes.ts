import { HomeRequest, HomeView } from '../../home/home.schemas';
import { getHome, saveHome } from '../../home/home-store';
import { MyObjectives, MyObjectivesQuery, MyPipeline, MyTaskCounts } from '../../home/home-reads.schemas';
import { getMyObjectives } from '../../home/my-objectives';
import { getMyPipeline } from '../../home/my-pipeline';
import { getMyTaskCounts } from '../../home/my-task-counts';
import { PreferencesView, UpdatePreferencesRequest } from '../../home/preferences.schemas';
import { getPreferences, updatePreferences } from '../../home/preferences-store';
import { defineRoute } from '../route';

// Everything here is the caller's own: their choices, their home page and the small reads its tiles need.
export const homeRoutes = [
  defineRoute({
    method: 'get', path: '/me/preferences', tag: 'Home', roles: 'any',
    summary: 'The caller’s display choices: language, time zone, date format and currency (the defaults en, UTC, locale, EUR until they choose)',
    response: { status: 200, description: 'The preferences', schema: PreferencesView },
    handler: ({ caller, deps }) => getPreferences(deps.db, caller.id),
  }),
  defineRoute({
    method: 'put', path: '/me/preferences', tag: 'Home', roles: 'any',
    summary: 'Change any of the caller’s display choices; the others keep their value. Only the console reads them: the API keeps its ISO values',
    body: UpdatePreferencesRequest,
    response: { status: 200, description: 'The preferences after the change', schema: PreferencesView },
    handler: ({ body, caller, deps }) => updatePreferences(deps.db, caller.id, body),
  }),
  defineRoute({
    method: 'get', path: '/me/home', tag: 'Home', roles: 'any',
    summary: 'The tiles of the caller’s home page in order; a user who never saved one gets their role’s default (saved: false)',
    response: { status: 200, description: 'The home page', schema: HomeView },
    handler: ({ caller, deps }) => getHome(deps.db, caller),
  }),
  defineRoute({
    method: 'put', path: '/me/home', tag: 'Home', roles: 'any',
    summary: 'Replace the tiles of the caller’s home page: {tiles: [{kind, settings}]} in the order shown (at most 12)',
    body: HomeRequest,
    response: { status: 200, description: 'The home page as saved', schema: HomeView },
    handler: ({ body, caller, deps }) => saveHome(deps.db, caller, body),
  }),
  defineRoute({
    method: 'get', path: '/me/pipeline', tag: 'Home', roles: 'any',
    summary: 'The caller’s open deals (theirs or on their accounts) by stage: counts, and amounts in their currency with other currencies beside it, never converted',
    response: { status: 200, description: 'The pipeline', schema: MyPipeline },
    handler: ({ caller, deps }) => getMyPipeline(deps.db, caller),
  }),
  defineRoute({
    method: 'get', path: '/me/task-counts', tag: 'Home', roles: ['manager', 'admin'],
    summary: 'How many of the caller’s open tasks are overdue and due later today (today in their time zone)',
    response: { status: 200, description: 'The counts', schema: MyTaskCounts },
    handler: ({ caller, deps }) => getMyTaskCounts(deps.db, caller),
  }),
  defineRoute({
    method: 'get', path: '/me/objectives', tag: 'Home', roles: 'any',
    summary: 'Objectives the caller created or of plans they wrote, on plans neither expired nor rejected, with their progress (least done first)',
    query: MyObjectivesQuery,
    response: { status: 200, description: 'The objectives', schema: MyObjectives },
    handler: ({ query, caller, deps }) => getMyObjectives(deps.db, caller, query),
  }),
];
