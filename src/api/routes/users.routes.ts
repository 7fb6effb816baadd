import { createUser } from '../../users/create-user';
import { CreatedUserResponse, CreateUserRequest, ListUsersQuery, UserListResponse, UserResponse } from '../../users/users.schemas';
import { toUserView, userViewSelect } from '../../users/user-view';
import { defineRoute } from '../route';

export const userRoutes = [
  defineRoute({
    method: 'post',
    path: '/users',
    tag: 'Users',
    summary: 'Create a user and their first API key; sends them a welcome e-mail through a workflow',
    roles: ['admin'],
    body: CreateUserRequest,
    response: { status: 201, description: 'The user and their API key, shown only here', schema: CreatedUserResponse },
    errors: [409, 503],
    handler: ({ body, deps }) => createUser(deps, body),
  }),
  defineRoute({
    method: 'get',
    path: '/users',
    tag: 'Users',
    summary: 'The directory of users, by name: whom to pick as an approver or an owner',
    roles: 'any',
    query: ListUsersQuery,
    response: { status: 200, description: 'Every user (a small company directory: no paging)', schema: UserListResponse },
    handler: async ({ query, deps }) => ({
      items: (await deps.db.user.findMany({ where: { role: query.role }, select: userViewSelect, orderBy: [{ name: 'asc' }, { id: 'asc' }] })).map(toUserView),
    }),
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
];
