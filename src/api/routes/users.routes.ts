import { createUser } from '../../users/create-user';
import { deactivateUser, reactivateUser } from '../../users/deactivate-user';
import { listUsers } from '../../users/list-users';
import { reassignWork } from '../../users/reassign-work';
import { updateUser } from '../../users/update-user';
import { getUserWork } from '../../users/user-work';
import {
  CreatedUserResponse,
  CreateUserRequest,
  DeactivatedUserResponse,
  DeactivateUserRequest,
  ListUsersQuery,
  ReactivatedUserResponse,
  ReassignedWorkResponse,
  ReassignWorkRequest,
  UpdateUserRequest,
  UserDetailResponse,
  UserIdParams,
  UserListResponse,
  UserResponse,
} from '../../users/users.schemas';
import { toUserView, userViewSelect } from '../../users/user-view';
import { defineRoute } from '../route';

const admin = ['admin'] as const;

export const userRoutes = [
  defineRoute({
    method: 'post',
    path: '/users',
    tag: 'Users',
    summary: 'Create a user and their first API key; sends them a welcome e-mail through a workflow',
    roles: admin,
    body: CreateUserRequest,
    response: { status: 201, description: 'The user and their API key, shown only here', schema: CreatedUserResponse },
    errors: [409, 503],
    handler: ({ body, context }) => createUser(context, body),
  }),
  defineRoute({
    method: 'get',
    path: '/users',
    tag: 'Users',
    summary: 'The directory of users, by name: whom to pick as an approver, an owner or a manager (active users unless status says otherwise)',
    roles: 'any',
    query: ListUsersQuery,
    response: { status: 200, description: 'Every user matching (a small company directory: no paging)', schema: UserListResponse },
    handler: ({ query, deps }) => listUsers(deps.db, query),
  }),
  defineRoute({
    method: 'get',
    path: '/me',
    tag: 'Users',
    summary: 'The caller',
    roles: 'any',
    response: { status: 200, description: 'The user the API key belongs to', schema: UserResponse },
    handler: async ({ caller, deps }) => toUserView(await deps.db.user.findUniqueOrThrow({ where: { id: caller.id }, select: userViewSelect })),
  }),
  defineRoute({
    method: 'get',
    path: '/users/:id',
    tag: 'Users',
    summary: 'A user and the work in their hands: accounts in work, open tasks and pending approvals (what a reassignment would move)',
    roles: admin,
    params: UserIdParams,
    response: { status: 200, description: 'The user with their work', schema: UserDetailResponse },
    errors: [404],
    handler: ({ params, deps }) => getUserWork(deps.db, params.id),
  }),
  defineRoute({
    method: 'patch',
    path: '/users/:id',
    tag: 'Users',
    summary: 'Change a user’s name, role or manager (no cycles of managers; the last active admin stays admin); audited',
    roles: admin,
    params: UserIdParams,
    body: UpdateUserRequest,
    response: { status: 200, description: 'The user after the change', schema: UserResponse },
    errors: [404, 409],
    handler: ({ params, body, context }) => updateUser(context, params.id, body),
  }),
  defineRoute({
    method: 'post',
    path: '/users/:id/deactivate',
    tag: 'Users',
    summary: 'Deactivate a user who left: their keys stop working at once, their sessions end, their pending approvals go to each escalation target',
    roles: admin,
    params: UserIdParams,
    body: DeactivateUserRequest,
    response: { status: 200, description: 'The user, the sessions ended and the approvals rerouted', schema: DeactivatedUserResponse },
    errors: [404, 409, 503],
    handler: ({ params, body, context }) => deactivateUser(context, params.id, body),
  }),
  defineRoute({
    method: 'post',
    path: '/users/:id/reactivate',
    tag: 'Users',
    summary: 'Let a deactivated user work again: their keys work again (ended sessions stay ended)',
    roles: admin,
    params: UserIdParams,
    response: { status: 200, description: 'The user', schema: ReactivatedUserResponse },
    errors: [404, 409],
    handler: ({ params, context }) => reactivateUser(context, params.id),
  }),
  defineRoute({
    method: 'post',
    path: '/users/:id/reassign',
    tag: 'Users',
    summary: 'Move a user’s accounts in work (their workflows and timers keep running; each account’s history records the move), open tasks and pending approvals to another active user',
    roles: admin,
    params: UserIdParams,
    body: ReassignWorkRequest,
    response: { status: 200, description: 'How much moved', schema: ReassignedWorkResponse },
    errors: [404, 503],
    handler: ({ params, body, context }) => reassignWork(context, params.id, body),
  }),
];
