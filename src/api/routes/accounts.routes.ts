import { addContact } from '../../accounts/add-contact';
import { AccountIdParams, ContactInput, ContactParams, CreateAccountRequest, ListAccountsQuery, UpdateAccountRequest, UpdateContactRequest } from '../../accounts/accounts.schemas';
import { AccountList, AccountPageResponse, AccountResponse, ContactResponse, CreatedAccountResponse } from '../../accounts/account-views.schemas';
import { createAccount } from '../../accounts/create-account';
import { getAccountPage } from '../../accounts/get-account-page';
import { listAccounts } from '../../accounts/list-accounts';
import { updateAccount } from '../../accounts/update-account';
import { updateContact } from '../../accounts/update-contact';
import { defineRoute } from '../route';

const everyRole = ['manager', 'marketer', 'admin'] as const;

export const accountRoutes = [
  defineRoute({
    method: 'post',
    path: '/accounts',
    tag: 'Accounts',
    summary: 'Create an account with its contacts: always NEW and unowned, until a manager takes it into work',
    roles: everyRole,
    body: CreateAccountRequest,
    response: { status: 201, description: 'The account and its contacts', schema: CreatedAccountResponse },
    errors: [503],
    handler: ({ body, caller, deps }) => createAccount(deps.db, caller, body),
  }),
  defineRoute({
    method: 'get',
    path: '/accounts',
    tag: 'Accounts',
    summary: 'List accounts, newest first, filtered and paginated by cursor; a manager sees their own accounts and the NEW ones nobody owns',
    roles: everyRole,
    query: ListAccountsQuery,
    response: { status: 200, description: 'One page of accounts', schema: AccountList },
    errors: [503],
    handler: ({ query, caller, deps }) => listAccounts(deps.db, caller, query),
  }),
  defineRoute({
    method: 'get',
    path: '/accounts/:id',
    tag: 'Accounts',
    summary: "The account's page: status history, open tasks, pending timers, contacts and activities",
    roles: everyRole,
    params: AccountIdParams,
    response: { status: 200, description: 'The account page', schema: AccountPageResponse },
    errors: [404, 503],
    handler: ({ params, caller, deps }) => getAccountPage(deps.db, caller, params.id),
  }),
  defineRoute({
    method: 'patch',
    path: '/accounts/:id',
    tag: 'Accounts',
    summary: "Change an account's name, segment, time zone, fields or lead source (never its status or owner)",
    roles: everyRole,
    params: AccountIdParams,
    body: UpdateAccountRequest,
    response: { status: 200, description: 'The changed account', schema: AccountResponse },
    errors: [404, 409, 422, 503],
    handler: ({ params, body, caller, deps }) => updateAccount(deps.db, caller, params.id, body),
  }),
  defineRoute({
    method: 'post',
    path: '/accounts/:id/contacts',
    tag: 'Accounts',
    summary: 'Add a contact to an account',
    roles: everyRole,
    params: AccountIdParams,
    body: ContactInput,
    response: { status: 201, description: 'The contact', schema: ContactResponse },
    errors: [404, 409, 503],
    handler: ({ params, body, caller, deps }) => addContact(deps.db, caller, params.id, body),
  }),
  defineRoute({
    method: 'patch',
    path: '/accounts/:id/contacts/:contactId',
    tag: 'Accounts',
    summary: "Change a contact: name, e-mail, phone, title, time zone (null: the account's), or make it the primary contact",
    roles: everyRole,
    params: ContactParams,
    body: UpdateContactRequest,
    response: { status: 200, description: 'The contact', schema: ContactResponse },
    errors: [404, 409, 503],
    handler: ({ params, body, caller, deps }) => updateContact(deps.db, caller, params.id, params.contactId, body),
  }),
];
