import { accountDirectives } from '../../collateral/account-directives';
import { createDirective, deleteDirective, getDirective, listDirectives, updateDirective } from '../../collateral/directives';
import {
  AccountDirectives,
  AccountIdParams,
  CreateDirectiveRequest,
  DirectiveIdParams,
  DirectiveListQuery,
  DirectivePage,
  DirectiveView,
  UpdateDirectiveRequest,
} from '../../collateral/directives.schemas';
import { defineRoute } from '../route';

// Marketers and admins write the directives; every role reads them, and sellers see those that
// apply on each account's page.
const keepers = ['marketer', 'admin'] as const;
const tag = 'Messaging directives';

export const directiveRoutes = [
  defineRoute({
    method: 'get', path: '/directives', tag, roles: 'any',
    summary: 'Every messaging directive, newest first, filtered by status, product or team',
    query: DirectiveListQuery,
    response: { status: 200, description: 'A page of directives', schema: DirectivePage },
    handler: ({ query, deps }) => listDirectives(deps.db, query),
  }),
  defineRoute({
    method: 'post', path: '/directives', tag, roles: keepers,
    summary: "Write a directive for the whole company, a manager's team (teamLeadId), a product, or a team and a product, optionally for a period",
    body: CreateDirectiveRequest,
    response: { status: 201, description: 'The directive', schema: DirectiveView },
    handler: ({ body, caller, deps }) => createDirective(deps.db, caller, body),
  }),
  defineRoute({
    method: 'get', path: '/directives/:id', tag, roles: 'any',
    summary: 'One directive',
    params: DirectiveIdParams,
    response: { status: 200, description: 'The directive', schema: DirectiveView },
    errors: [404],
    handler: ({ params, deps }) => getDirective(deps.db, params.id),
  }),
  defineRoute({
    method: 'patch', path: '/directives/:id', tag, roles: keepers,
    summary: 'Change a directive, its scope or period, or archive it (status ARCHIVED); audited',
    params: DirectiveIdParams,
    body: UpdateDirectiveRequest,
    response: { status: 200, description: 'The directive', schema: DirectiveView },
    errors: [404],
    handler: ({ params, body, caller, deps }) => updateDirective(deps.db, caller, params.id, body),
  }),
  defineRoute({
    method: 'delete', path: '/directives/:id', tag, roles: keepers,
    summary: 'Delete a directive (the audit log keeps its text); archiving keeps it instead',
    params: DirectiveIdParams,
    response: { status: 204, description: 'Deleted' },
    errors: [404],
    handler: ({ params, caller, deps }) => deleteDirective(deps.db, caller, params.id),
  }),
  defineRoute({
    method: 'get', path: '/accounts/:id/directives', tag, roles: 'any',
    summary: "The directives that apply on the account's page today: company-wide, for the team of the caller or of the account's owner, and for the products of the plans and objectives applied to the account",
    params: AccountIdParams,
    response: { status: 200, description: 'The directives that apply', schema: AccountDirectives },
    errors: [404],
    handler: ({ params, caller, deps }) => accountDirectives(deps.db, caller, params.id),
  }),
];
