import { createObjective, getObjective, listObjectives, listPlanObjectives } from '../../objectives/objective-store';
import { CreateObjectiveRequest, ListObjectivesQuery, ObjectiveIdParams, ObjectiveList, ObjectivePage, ObjectiveView, PlanIdParams } from '../../objectives/objectives.schemas';
import { defineRoute } from '../route';

// Objectives are added by their plan's author (checked in the store) or an admin; anyone reads them.
const authors = ['marketer', 'manager', 'admin'] as const;

export const objectiveRoutes = [
  defineRoute({
    method: 'post', path: '/plans/:id/objectives', tag: 'Objectives', roles: authors,
    summary: 'Add an objective (kind, target, unit) to a plan that is neither EXPIRED nor REJECTED: its author or an admin',
    params: PlanIdParams,
    body: CreateObjectiveRequest,
    response: { status: 201, description: 'The objective', schema: ObjectiveView },
    errors: [404, 409],
    handler: ({ params, body, caller, deps }) => createObjective(deps.db, caller, params.id, body),
  }),
  defineRoute({
    method: 'get', path: '/plans/:id/objectives', tag: 'Objectives', roles: 'any',
    summary: 'A plan’s objectives, oldest first',
    params: PlanIdParams,
    response: { status: 200, description: 'The objectives', schema: ObjectiveList },
    errors: [404],
    handler: ({ params, deps }) => listPlanObjectives(deps.db, params.id),
  }),
  defineRoute({
    method: 'get', path: '/objectives', tag: 'Objectives', roles: 'any',
    summary: 'Objectives of plans that have not expired, newest first; appliesToAll=true lists those that apply to all accounts',
    query: ListObjectivesQuery,
    response: { status: 200, description: 'A page of objectives', schema: ObjectivePage },
    handler: ({ query, deps }) => listObjectives(deps.db, query),
  }),
  defineRoute({
    method: 'get', path: '/objectives/:id', tag: 'Objectives', roles: 'any',
    summary: 'One objective',
    params: ObjectiveIdParams,
    response: { status: 200, description: 'The objective', schema: ObjectiveView },
    errors: [404],
    handler: ({ params, deps }) => getObjective(deps.db, params.id),
  }),
];
