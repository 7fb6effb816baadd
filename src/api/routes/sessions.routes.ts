import { AppError } from '../../errors/app-error';
import { listSessions } from '../../sessions/list-sessions';
import { revokeSession } from '../../sessions/revoke-session';
import { sessionCookieHash } from '../../sessions/session-auth';
import { sessionSettingsOf } from '../../sessions/session-settings';
import { OwnSessionParams, SessionListQuery, SessionListResponse, SessionResponse, UserIdParams, UserSessionParams } from '../../sessions/sessions.schemas';
import { defineRoute } from '../route';

export const sessionRoutes = [
  defineRoute({
    method: 'get',
    path: '/me/sessions',
    tag: 'Sessions',
    summary: "The caller's console sessions, newest first; `current` marks the one this request came with",
    roles: 'any',
    query: SessionListQuery,
    response: { status: 200, description: 'The sessions', schema: SessionListResponse },
    handler: ({ query, caller, deps, req }) => listSessions(deps.db, sessionSettingsOf(req), { userId: caller.id, query, currentHash: sessionCookieHash(req) }),
  }),
  defineRoute({
    method: 'post',
    path: '/me/sessions/:sessionId/revoke',
    tag: 'Sessions',
    summary: 'End one of the caller\'s sessions (signs that browser out at its next request)',
    roles: 'any',
    params: OwnSessionParams,
    response: { status: 200, description: 'The revoked session', schema: SessionResponse },
    errors: [404, 409],
    handler: ({ params, caller, deps, req }) =>
      revokeSession(deps.db, sessionSettingsOf(req), { userId: caller.id, sessionId: params.sessionId, actorId: caller.id, currentHash: sessionCookieHash(req) }),
  }),
  defineRoute({
    method: 'get',
    path: '/users/:id/sessions',
    tag: 'Sessions',
    summary: "A user's console sessions, newest first",
    roles: ['admin'],
    params: UserIdParams,
    query: SessionListQuery,
    response: { status: 200, description: 'The sessions', schema: SessionListResponse },
    errors: [404],
    handler: async ({ params, query, deps, req }) => {
      if (!(await deps.db.user.findUnique({ where: { id: params.id }, select: { id: true } }))) throw new AppError('NOT_FOUND', `No user ${params.id}`);
      return listSessions(deps.db, sessionSettingsOf(req), { userId: params.id, query, currentHash: sessionCookieHash(req) });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/users/:id/sessions/:sessionId/revoke',
    tag: 'Sessions',
    summary: "End one of a user's sessions; recorded in the audit log as session.revoke",
    roles: ['admin'],
    params: UserSessionParams,
    response: { status: 200, description: 'The revoked session', schema: SessionResponse },
    errors: [404, 409],
    handler: ({ params, caller, deps, req }) =>
      revokeSession(deps.db, sessionSettingsOf(req), { userId: params.id, sessionId: params.sessionId, actorId: caller.id, currentHash: sessionCookieHash(req) }),
  }),
];
