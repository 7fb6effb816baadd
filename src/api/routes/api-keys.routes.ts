import { ApiKeyList, ApiKeyView, CreateApiKeyRequest, CreatedApiKey, OwnKeyParams, UserKeyParams } from '../../api-keys/api-keys.schemas';
import { issueApiKey } from '../../api-keys/issue-api-key';
import { listApiKeys } from '../../api-keys/list-api-keys';
import { revokeApiKey } from '../../api-keys/revoke-api-key';
import { UserIdParams } from '../../users/users.schemas';
import { defineRoute } from '../route';

const admin = ['admin'] as const;
const created = { status: 201, description: 'The key, and the key itself as apiKey: shown only in this answer', schema: CreatedApiKey } as const;
const revoked = { status: 200, description: 'The key, revoked: it fails from its next request on', schema: ApiKeyView } as const;
const list = { status: 200, description: 'The keys, newest first (never the keys themselves)', schema: ApiKeyList } as const;

/** Keys for scripts and integrations: a user manages their own, an admin anyone's. Every issue and revocation is audited. */
export const apiKeyRoutes = [
  defineRoute({
    method: 'get', path: '/me/keys', tag: 'API keys', roles: 'any',
    summary: 'Your API keys',
    response: list,
    handler: ({ caller, deps }) => listApiKeys(deps.db, caller.id),
  }),
  defineRoute({
    method: 'post', path: '/me/keys', tag: 'API keys', roles: 'any',
    summary: 'Create an API key for yourself, named, optionally expiring',
    body: CreateApiKeyRequest,
    response: created,
    errors: [409],
    handler: ({ caller, body, context }) => issueApiKey(context, caller.id, body),
  }),
  defineRoute({
    method: 'post', path: '/me/keys/:keyId/revoke', tag: 'API keys', roles: 'any',
    summary: 'Revoke one of your API keys',
    params: OwnKeyParams,
    response: revoked,
    errors: [404, 409],
    handler: ({ caller, params, context }) => revokeApiKey(context, caller.id, params.keyId),
  }),
  defineRoute({
    method: 'get', path: '/users/:id/keys', tag: 'API keys', roles: admin,
    summary: 'A user’s API keys',
    params: UserIdParams,
    response: list,
    errors: [404],
    handler: ({ params, deps }) => listApiKeys(deps.db, params.id),
  }),
  defineRoute({
    method: 'post', path: '/users/:id/keys', tag: 'API keys', roles: admin,
    summary: 'Issue an API key to a user (not a deactivated one)',
    params: UserIdParams,
    body: CreateApiKeyRequest,
    response: created,
    errors: [404, 409],
    handler: ({ params, body, context }) => issueApiKey(context, params.id, body),
  }),
  defineRoute({
    method: 'post', path: '/users/:id/keys/:keyId/revoke', tag: 'API keys', roles: admin,
    summary: 'Revoke one of a user’s API keys',
    params: UserKeyParams,
    response: revoked,
    errors: [404, 409],
    handler: ({ params, context }) => revokeApiKey(context, params.id, params.keyId),
  }),
];
