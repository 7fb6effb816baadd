import { AccountIdParams } from '../../accounts/accounts.schemas';
import { listAccountCampaigns } from '../../customer-view/account-campaigns';
import { listAccountEvents } from '../../customer-view/account-events';
import { listAccountMails } from '../../customer-view/account-mails';
import { listAccountResponses } from '../../customer-view/account-responses';
import { AccountCampaignPage, AccountEventPage, AccountMailPage, AccountResponsePage, CustomerViewQuery, KeyContactPage } from '../../customer-view/customer-view.schemas';
import { listKeyContacts } from '../../customer-view/key-contacts';
import { defineRoute } from '../route';

// Whoever may read the account reads these (a manager: their own accounts and the NEW pool; 404 otherwise).
const everyRole = ['manager', 'marketer', 'admin'] as const;
const tag = 'Customer view';

/** The full customer view: the account page's sections that are paged on their own. */
export const customerViewRoutes = [
  defineRoute({
    method: 'get', path: '/accounts/:id/campaigns', tag, roles: everyRole,
    summary: "Campaigns whose lists held the account's contacts, latest listed first: which contacts, in which cell, and the stages that worked on them",
    params: AccountIdParams, query: CustomerViewQuery,
    response: { status: 200, description: 'A page of campaigns', schema: AccountCampaignPage },
    errors: [404, 503],
    handler: ({ params, query, caller, deps }) => listAccountCampaigns(deps.db, caller, params.id, query),
  }),
  defineRoute({
    method: 'get', path: '/accounts/:id/mails', tag, roles: everyRole,
    summary: "Mails meant for the account's contacts (campaign mailings, rule and event e-mails), latest first, with their delivery status: sent, skipped and why, bounced, failed, and unsubscribes",
    params: AccountIdParams, query: CustomerViewQuery,
    response: { status: 200, description: 'A page of mails', schema: AccountMailPage },
    errors: [404, 503],
    handler: ({ params, query, caller, deps }) => listAccountMails(deps.db, caller, params.id, query),
  }),
  defineRoute({
    method: 'get', path: '/accounts/:id/responses', tag, roles: everyRole,
    summary: "The account's responses to campaigns, latest first, each with its campaign and sub-source",
    params: AccountIdParams, query: CustomerViewQuery,
    response: { status: 200, description: 'A page of responses', schema: AccountResponsePage },
    errors: [404, 503],
    handler: ({ params, query, caller, deps }) => listAccountResponses(deps.db, caller, params.id, query),
  }),
  defineRoute({
    method: 'get', path: '/accounts/:id/events', tag, roles: everyRole,
    summary: "Events the account's contacts registered for, latest registration first, and whether they attended",
    params: AccountIdParams, query: CustomerViewQuery,
    response: { status: 200, description: 'A page of event registrations', schema: AccountEventPage },
    errors: [404, 503],
    handler: ({ params, query, caller, deps }) => listAccountEvents(deps.db, caller, params.id, query),
  }),
  defineRoute({
    method: 'get', path: '/accounts/:id/key-contacts', tag, roles: everyRole,
    summary: "The account's contacts by importance: the primary contact, then by latest and most frequent engagement (activities, responses, events attended)",
    params: AccountIdParams, query: CustomerViewQuery,
    response: { status: 200, description: 'A page of contacts', schema: KeyContactPage },
    errors: [404, 503],
    handler: ({ params, query, caller, deps }) => listKeyContacts(deps.db, caller, params.id, query),
  }),
];
