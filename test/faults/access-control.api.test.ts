import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Role } from '../../src/auth/caller';
import type { RouteDefinition } from '../../src/api/route';
import { apiRoutes } from '../../src/api/routes';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Who may call each route, written out by hand: a route added to apiRoutes without a line here (or a
 * line left behind by a removed route) fails the first test below, and every line is checked over HTTP.
 */
const ADMIN: readonly Role[] = ['admin'];
const ADMIN_MARKETER: readonly Role[] = ['admin', 'marketer'];
const ADMIN_MANAGER: readonly Role[] = ['admin', 'manager'];
const EVERY_ROLE: readonly Role[] = ['admin', 'marketer', 'manager'];

const expectedAccess: Record<string, readonly Role[]> = {
  'POST /users': ADMIN,
  'GET /me': EVERY_ROLE,
  'GET /users': EVERY_ROLE,

  // People and keys (issue 16).
  'GET /users/:id': ADMIN,
  'PATCH /users/:id': ADMIN,
  'POST /users/:id/deactivate': ADMIN,
  'POST /users/:id/reactivate': ADMIN,
  'POST /users/:id/reassign': ADMIN,
  'GET /users/:id/keys': ADMIN,
  'POST /users/:id/keys': ADMIN,
  'POST /users/:id/keys/:keyId/revoke': ADMIN,
  'GET /me/keys': EVERY_ROLE,
  'POST /me/keys': EVERY_ROLE,
  'POST /me/keys/:keyId/revoke': EVERY_ROLE,

  // Sessions (issue 16).
  'GET /me/sessions': EVERY_ROLE,
  'POST /me/sessions/:sessionId/revoke': EVERY_ROLE,
  'GET /users/:id/sessions': ADMIN,
  'POST /users/:id/sessions/:sessionId/revoke': ADMIN,

  // Audit and the rules' dry run (issue 16).
  'GET /audit': ADMIN,
  'POST /rules/dry-run': ADMIN,

  'POST /accounts': EVERY_ROLE,
  'GET /accounts': EVERY_ROLE,
  'GET /accounts/:id': EVERY_ROLE,
  'PATCH /accounts/:id': EVERY_ROLE,
  'POST /accounts/:id/contacts': EVERY_ROLE,
  'PATCH /accounts/:id/contacts/:contactId': EVERY_ROLE,
  'POST /accounts/:id/take': ADMIN_MANAGER,
  'POST /accounts/:id/activities': ADMIN_MANAGER,
  'PATCH /accounts/:id/timers/:timerId': ADMIN_MANAGER,
  'POST /accounts/:id/timers/:timerId/cancel': ADMIN_MANAGER,
  'GET /accounts/:id/timers': EVERY_ROLE,
  // The full customer view (issue 20): whoever may read the account.
  'GET /accounts/:id/campaigns': EVERY_ROLE,
  'GET /accounts/:id/mails': EVERY_ROLE,
  'GET /accounts/:id/responses': EVERY_ROLE,
  'GET /accounts/:id/events': EVERY_ROLE,
  'GET /accounts/:id/key-contacts': EVERY_ROLE,
  'POST /accounts/:id/archive': EVERY_ROLE,
  'POST /accounts/import': ADMIN_MARKETER,
  'POST /accounts/import/check': ADMIN_MARKETER,

  'GET /tasks': ADMIN_MANAGER,
  'GET /tasks/:id': ADMIN_MANAGER,
  'GET /tasks/:id/collateral/:itemId/file': ADMIN_MANAGER,
  'POST /tasks/:id/complete': ADMIN_MANAGER,
  'GET /notifications': EVERY_ROLE,
  'GET /approvals': EVERY_ROLE,

  'GET /rules': EVERY_ROLE,
  'GET /rules/:key': EVERY_ROLE,
  'GET /rules/:key/versions/:version': EVERY_ROLE,
  'POST /rules': ADMIN,
  'PUT /rules/:key': ADMIN,
  'GET /calendar': EVERY_ROLE,
  'PUT /calendar': ADMIN,

  'POST /templates': ADMIN_MARKETER,
  'GET /templates': EVERY_ROLE,
  'GET /templates/:key': EVERY_ROLE,
  'PUT /templates/:key': ADMIN_MARKETER,
  'POST /templates/:key/preview': ADMIN_MARKETER,

  'POST /segments': ADMIN_MARKETER,
  'GET /segments': EVERY_ROLE,
  'POST /segments/preview': EVERY_ROLE,
  'GET /segments/:id': EVERY_ROLE,
  'PUT /segments/:id': ADMIN_MARKETER,
  'GET /segments/:id/preview': EVERY_ROLE,

  'POST /campaigns': ADMIN_MARKETER,
  'GET /campaigns': EVERY_ROLE,
  'GET /campaigns/:id': EVERY_ROLE,
  'PATCH /campaigns/:id': ADMIN_MARKETER,
  'POST /campaigns/:id/copy': ADMIN_MARKETER,
  'POST /campaigns/:id/schedule': ADMIN_MARKETER,
  'POST /campaigns/:id/pause': ADMIN_MARKETER,
  'POST /campaigns/:id/resume': ADMIN_MARKETER,
  'POST /campaigns/:id/cancel': ADMIN_MARKETER,
  // Journeys (issue 17): an evergreen campaign's stop, and completing a campaign.
  'POST /campaigns/:id/stop': ADMIN_MARKETER,
  'POST /campaigns/:id/complete': ADMIN_MARKETER,
  'PATCH /campaigns/:id/stages/:stageId': ADMIN_MARKETER,
  // Any role may be named an approver; whether the caller is one is checked on the stage itself.
  'POST /campaigns/:id/stages/:stageId/approve': EVERY_ROLE,
  'POST /campaigns/:id/stages/:stageId/reject': EVERY_ROLE,
  'GET /settings/mailing': ADMIN_MARKETER,
  'PUT /settings/mailing': ADMIN,
  'GET /settings/budgets': ADMIN_MARKETER,
  'PUT /settings/budgets': ADMIN,

  'POST /plans': EVERY_ROLE,
  'GET /plans': EVERY_ROLE,
  'GET /plans/:id': EVERY_ROLE,
  'PATCH /plans/:id': EVERY_ROLE,
  'POST /plans/:id/children': EVERY_ROLE,
  'POST /plans/:id/submit': EVERY_ROLE,
  'POST /plans/:id/approve': EVERY_ROLE,
  'POST /plans/:id/reject': EVERY_ROLE,
  'POST /plans/:id/objectives': EVERY_ROLE,
  'GET /plans/:id/objectives': EVERY_ROLE,
  'POST /plans/:id/apply': EVERY_ROLE,
  'GET /objectives': EVERY_ROLE,
  'GET /objectives/:id': EVERY_ROLE,
  'GET /objectives/:id/progress': EVERY_ROLE,
  'POST /objectives/:id/apply': EVERY_ROLE,
  'GET /plan-applications/:id': EVERY_ROLE,

  'POST /opportunities': ADMIN_MANAGER,
  'GET /opportunities': EVERY_ROLE,
  'GET /opportunities/:id': EVERY_ROLE,
  'PATCH /opportunities/:id': ADMIN_MANAGER,

  // Products (issue 20).
  'POST /products': ADMIN_MARKETER,
  'GET /products': EVERY_ROLE,
  'GET /product-families': EVERY_ROLE,
  'GET /products/:id': EVERY_ROLE,
  'PATCH /products/:id': ADMIN_MARKETER,
  'POST /products/:id/retire': ADMIN_MARKETER,
  'POST /products/:id/reactivate': ADMIN_MARKETER,
  'GET /opportunities/:id/line-items': EVERY_ROLE,
  'POST /opportunities/:id/line-items': ADMIN_MANAGER,
  'PATCH /opportunities/:id/line-items/:itemId': ADMIN_MANAGER,
  'DELETE /opportunities/:id/line-items/:itemId': ADMIN_MANAGER,
  'GET /accounts/:id/deals': EVERY_ROLE,
  'GET /accounts/:id/installed-products': EVERY_ROLE,
  'POST /responses': EVERY_ROLE,
  'GET /responses': EVERY_ROLE,

  'GET /reports/funnel': EVERY_ROLE,
  'GET /reports/plans/:id': EVERY_ROLE,
  'GET /reports/campaigns/:id': EVERY_ROLE,

  // Saved queries (issue 20): anyone; a run shows only the rows the caller may see.
  'GET /queries/fields': EVERY_ROLE,
  'POST /queries/count': EVERY_ROLE,
  'POST /queries': EVERY_ROLE,
  'GET /queries': EVERY_ROLE,
  'GET /queries/:id': EVERY_ROLE,
  'PUT /queries/:id': EVERY_ROLE,
  'DELETE /queries/:id': EVERY_ROLE,
  'GET /queries/:id/rows': EVERY_ROLE,
  'GET /queries/:id/rows.csv': EVERY_ROLE,
  'GET /queries/:id/count': EVERY_ROLE,
  'GET /queries/:id/sum': EVERY_ROLE,

  // Events (issue 18).
  'POST /events': ADMIN_MARKETER,
  'GET /events': EVERY_ROLE,
  'GET /events/:id': EVERY_ROLE,
  'PATCH /events/:id': ADMIN_MARKETER,
  'POST /events/:id/schedule': ADMIN_MARKETER,
  'POST /events/:id/cancel': ADMIN_MARKETER,
  'POST /events/:id/copy': ADMIN_MARKETER,
  'GET /event-tasks': EVERY_ROLE,
  'POST /events/:id/tasks/:taskId/complete': EVERY_ROLE,
  'GET /resources': EVERY_ROLE,
  'POST /resources': ADMIN_MARKETER,
  'PATCH /resources/:id': ADMIN_MARKETER,
  'GET /resources/:id/bookings': EVERY_ROLE,
  'GET /events/:id/bookings': EVERY_ROLE,
  'POST /events/:id/bookings': ADMIN_MARKETER,
  'DELETE /events/:id/bookings/:bookingId': ADMIN_MARKETER,
  'POST /events/:id/registrations': EVERY_ROLE,
  'POST /events/:id/registrations/import': EVERY_ROLE,
  'GET /events/:id/registrations': EVERY_ROLE,
  'POST /events/:id/registrations/:registrationId/cancel': EVERY_ROLE,
  'POST /events/:id/registrations/:registrationId/payment': ADMIN_MARKETER,
  'POST /events/:id/registrations/:registrationId/check-in': EVERY_ROLE,
  'POST /events/:id/invitations': ADMIN_MARKETER,
  'GET /events/:id/report': EVERY_ROLE,
  'GET /event-measures': EVERY_ROLE,
  'GET /event-measures/:id': EVERY_ROLE,
  'POST /event-measures': ADMIN_MARKETER,
  'PATCH /event-measures/:id': ADMIN_MARKETER,
  'GET /budgets': EVERY_ROLE,
  'POST /budgets': ADMIN_MARKETER,
  'GET /budgets/:id': EVERY_ROLE,
  'PATCH /budgets/:id': ADMIN_MARKETER,
  'GET /budgets/:id/history': EVERY_ROLE,
  'POST /budgets/:id/allocations': ADMIN_MARKETER,
  'DELETE /budgets/:id/allocations/:allocationId': ADMIN_MARKETER,
  'GET /budgets/:id/checkbook': EVERY_ROLE,
  'POST /budgets/:id/entries': ADMIN_MARKETER,
  'PATCH /budgets/:id/entries/:entryId': ADMIN_MARKETER,
  'DELETE /budgets/:id/entries/:entryId': ADMIN_MARKETER,
  'POST /budgets/:id/merge': ADMIN_MARKETER,
  'GET /budget-transfers': EVERY_ROLE,
  'POST /budget-transfers': ADMIN_MARKETER,
  'GET /budget-transfers/:id': EVERY_ROLE,
  'POST /budget-transfers/:id/approve': EVERY_ROLE,
  'POST /budget-transfers/:id/reject': EVERY_ROLE,
  'POST /budget-transfers/:id/cancel': EVERY_ROLE,
  // Collateral library and messaging directives (issue 19).
  'GET /collateral': EVERY_ROLE,
  'POST /collateral': ADMIN_MARKETER,
  'GET /collateral/:id': EVERY_ROLE,
  'PATCH /collateral/:id': ADMIN_MARKETER,
  'POST /collateral/:id/versions': ADMIN_MARKETER,
  'GET /collateral/:id/versions/:number/file': EVERY_ROLE,
  'POST /collateral/:id/approve': ADMIN_MARKETER,
  'POST /collateral/:id/retire': ADMIN_MARKETER,
  'GET /directives': EVERY_ROLE,
  'POST /directives': ADMIN_MARKETER,
  'GET /directives/:id': EVERY_ROLE,
  'PATCH /directives/:id': ADMIN_MARKETER,
  'DELETE /directives/:id': ADMIN_MARKETER,
  'GET /accounts/:id/directives': EVERY_ROLE,
  'GET /budget-funding': EVERY_ROLE,
  'GET /budget-overruns': EVERY_ROLE,
  'POST /budget-overruns': ADMIN_MARKETER,
  'GET /budget-overruns/:id': EVERY_ROLE,
  'POST /budget-overruns/:id/approve': EVERY_ROLE,
  'POST /budget-overruns/:id/reject': EVERY_ROLE,
  'POST /budget-overruns/:id/cancel': EVERY_ROLE,
  // Collateral stock, reservations and usage (issue 19).
  'GET /stock-locations': EVERY_ROLE,
  'POST /stock-locations': ADMIN_MARKETER,
  'GET /collateral-stock': EVERY_ROLE,
  'GET /collateral-stock/:id': EVERY_ROLE,
  'POST /collateral-stock/receipts': ADMIN_MARKETER,
  'POST /collateral-stock/counts': ADMIN_MARKETER,
  'GET /collateral-stock/items/:itemId/usage': EVERY_ROLE,
  'GET /collateral-reservations': EVERY_ROLE,
  'POST /collateral-reservations': ADMIN_MARKETER,
  'GET /collateral-reservations/:id': EVERY_ROLE,
  'POST /collateral-reservations/:id/ship': ADMIN_MARKETER,
  'POST /collateral-reservations/:id/release': ADMIN_MARKETER,
  'POST /collateral-reservations/:id/return': ADMIN_MARKETER,
  'GET /campaigns/:id/collateral-usage': EVERY_ROLE,
  'GET /events/:id/collateral-usage': EVERY_ROLE,
  // Collateral kits (issue 19).
  'GET /collateral-kits': EVERY_ROLE,
  'POST /collateral-kits': ADMIN_MARKETER,
  'GET /collateral-kits/:id': EVERY_ROLE,
  'PATCH /collateral-kits/:id': ADMIN_MARKETER,
  'GET /campaigns/:id/attached-collateral': EVERY_ROLE,
  // Personalised letters (issue 19).
  'POST /collateral/:id/letter-template': ADMIN_MARKETER,
  'GET /direct-mail-runs': EVERY_ROLE,
  'POST /direct-mail-runs': ADMIN_MARKETER,
  'GET /direct-mail-runs/:id': EVERY_ROLE,
  'POST /direct-mail-runs/:id/cancel': ADMIN_MARKETER,
  'GET /direct-mail-runs/:id/files': EVERY_ROLE,
  'GET /direct-mail-runs/:id/skipped': EVERY_ROLE,
  'GET /direct-mail-runs/:id/files/:contactId': EVERY_ROLE,
  'GET /direct-mail-runs/:id/merged': EVERY_ROLE,

  // The seller's home: preferences, home page and its tiles' reads (issue 20).
  'GET /me/preferences': EVERY_ROLE,
  'PUT /me/preferences': EVERY_ROLE,
  'GET /me/home': EVERY_ROLE,
  'PUT /me/home': EVERY_ROLE,
  'GET /me/pipeline': EVERY_ROLE,
  'GET /me/task-counts': ADMIN_MANAGER,
  'GET /me/objectives': EVERY_ROLE,
  'POST /notifications/read': EVERY_ROLE,
};

const ROLES: readonly Role[] = ['admin', 'marketer', 'manager'];
const routeKey = (route: RouteDefinition) => `${route.method.toUpperCase()} ${route.path}`;
const routesByKey = new Map(apiRoutes.map((route) => [routeKey(route), route]));
const routeKeys = [...routesByKey.keys()];
const allowedRoles = (key: string): readonly Role[] => expectedAccess[key] ?? [];
const roleCases = (allowed: boolean) =>
  routeKeys.filter((key) => key in expectedAccess).flatMap((key) => ROLES.filter((role) => allowedRoles(key).includes(role) === allowed).map((role) => [key, role] as const));

// Values tried for a path parameter, first the one that passes its schema: ids that name nothing, a slug, a version.
const paramCandidates = () => [randomUUID(), 'no-such-record', '1'];

/** The route's path with each `:param` replaced by a value its params schema accepts but that names no record. */
function concretePath(route: RouteDefinition): string {
  const shape = (route.params as z.ZodObject | undefined)?.shape as Record<string, z.ZodType> | undefined;
  return `/api/v1${route.path}`.replace(/:(\w+)/g, (_match, name: string) => {
    const schema = shape?.[name];
    const value = schema ? paramCandidates().find((candidate) => schema.safeParse(candidate).success) : randomUUID();
    if (value === undefined) throw new Error(`No sample value for :${name} of ${routeKey(route)}: add one to paramCandidates`);
    return encodeURIComponent(value);
  });
}

type Credentials = { header?: string };

/** One request to the route: no body for routes without one, an empty JSON object for the others. */
function call(route: RouteDefinition, credentials: Credentials) {
  let request = t.request[route.method](concretePath(route));
  if (credentials.header !== undefined) request = request.set('Authorization', credentials.header);
  return route.body ? request.send({}) : request;
}

/** What a caller who may use the route gets for ids that name nothing or an empty body: never 401/403, never 5xx. */
const ANSWERS_OF_AN_ALLOWED_CALLER = [200, 201, 202, 204, 400, 404, 409, 422];

/** Not the 404 of an unknown route: the request reached the route it was meant for. */
function expectRouteMatched(response: { status: number; body: { error?: { message?: string } } }) {
  if (response.status === 404) expect(response.body.error?.message ?? '').not.toMatch(/^No route /);
}

let t: TestApp;
const keys = {} as Record<Role, string>;
let revokedAdminKey: string;

beforeAll(async () => {
  t = await startTestApp();
  const [admin, marketer, manager, revoked] = await Promise.all([t.userWithKey('admin'), t.userWithKey('marketer'), t.userWithKey('manager'), t.userWithKey('admin')]);
  Object.assign(keys, { admin: admin.key, marketer: marketer.key, manager: manager.key });
  await t.database.db.apiKey.updateMany({ where: { userId: revoked.id }, data: { revokedAt: new Date() } });
  revokedAdminKey = revoked.key;
});
afterAll(() => t.close());

describe('the access table', () => {
  test('when the table is compared with apiRoutes then every route has an entry and every entry a route', () => {
    const missing = routeKeys.filter((key) => !(key in expectedAccess));
    const extra = Object.keys(expectedAccess).filter((key) => !routesByKey.has(key));
    expect({ routesWithoutAnEntry: missing, entriesWithoutARoute: extra }).toEqual({ routesWithoutAnEntry: [], entriesWithoutARoute: [] });
  });

  test('when the table is compared with the roles each route declares then they agree', () => {
    const disagreeing = routeKeys
      .filter((key) => key in expectedAccess)
      .flatMap((key) => {
        const declared = routesByKey.get(key)!.roles;
        const declaredRoles = declared === 'any' ? ROLES : ROLES.filter((role) => declared.includes(role));
        const expected = ROLES.filter((role) => allowedRoles(key).includes(role));
        return declaredRoles.join() === expected.join() ? [] : [`${key}: declares ${declaredRoles.join(', ')}, table says ${expected.join(', ')}`];
      });
    expect(disagreeing).toEqual([]);
  });
});

describe('requests without a valid API key', () => {
  const unauthenticated = (response: { status: number; body: unknown }) => {
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  };

  test.each(routeKeys)('when %s is called without an Authorization header then 401', async (key) => {
    unauthenticated(await call(routesByKey.get(key)!, {}));
  });

  test.each(routeKeys)('when %s is called with a malformed Authorization header then 401', async (key) => {
    const response = await call(routesByKey.get(key)!, { header: `Basic ${keys.admin}` });
    unauthenticated(response);
    expect(response.body.error.message).toMatch(/^Malformed Authorization header/);
  });

  test.each(routeKeys)('when %s is called with a key nobody was given then 401', async (key) => {
    unauthenticated(await call(routesByKey.get(key)!, { header: `Bearer ${keys.admin}x` }));
  });

  test.each(routeKeys)("when %s is called with an admin's revoked key then 401", async (key) => {
    const response = await call(routesByKey.get(key)!, { header: `Bearer ${revokedAdminKey}` });
    unauthenticated(response);
    expect(response.body.error.message).toBe('Invalid or revoked API key');
  });
});

describe('requests by role', () => {
  test.each(roleCases(false))('when %s is called as %s then 403 FORBIDDEN, before any validation', async (key, role) => {
    const response = await call(routesByKey.get(key)!, { header: `Bearer ${keys[role]}` });
    expect(response.status).toBe(403);
    expect(response.body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining(`The role "${role}" may not`) });
  });

  test.each(roleCases(true))('when %s is called as %s with ids that name nothing and an empty body then neither 401/403 nor 5xx', async (key, role) => {
    const response = await call(routesByKey.get(key)!, { header: `Bearer ${keys[role]}` });
    if (!ANSWERS_OF_AN_ALLOWED_CALLER.includes(response.status)) throw new Error(`${key} called by a ${role} answered ${response.status}: ${JSON.stringify(response.body)}`);
    expectRouteMatched(response);
    // The sample path values pass the route's own schema: a 400 is about the body, never the path.
    if (response.status === 400) {
      const details: { path?: string }[] = response.body.error.details;
      expect(details.filter((detail) => detail.path?.startsWith('path.'))).toEqual([]);
    }
  });
});

describe("another manager's records", () => {
  let admin: { id: string; key: string };
  let marketer: { id: string; key: string };
  let owner: { id: string; key: string };
  let other: { id: string; key: string };
  let accountId: string;
  let contactId: string;
  let taskId: string;
  let opportunityId: string;
  let queryId: string;
  const as = (user: { key: string }) => ({ Authorization: `Bearer ${user.key}` });

  beforeAll(async () => {
    [admin, marketer, owner, other] = await Promise.all([t.userWithKey('admin'), t.userWithKey('marketer'), t.userWithKey('manager'), t.userWithKey('manager')]);
    const created = await t.request.post('/api/v1/accounts').set(as(admin)).send({ name: 'Owned Ltd', contacts: [{ name: 'Dana Buyer', email: 'dana@example.com' }] });
    expect(created.status).toBe(201);
    accountId = created.body.account.id;
    contactId = created.body.contacts[0].id;
    const taken = await t.request.post(`/api/v1/accounts/${accountId}/take`).set(as(owner));
    expect(taken.status).toBe(200);
    const call = await t.request.post(`/api/v1/accounts/${accountId}/activities`).set(as(owner)).send({ type: 'CALL', outcome: 'CONTACT_MADE' });
    expect(call.status).toBe(201);
    expect(call.body.tasksCreated).toEqual([expect.objectContaining({ assigneeId: owner.id, state: 'OPEN' })]);
    taskId = call.body.tasksCreated[0].id;
    const deal = await t.request.post('/api/v1/opportunities').set(as(owner)).send({ accountId, name: 'Big deal', amount: 1000, currency: 'EUR' });
    expect(deal.status).toBe(201);
    opportunityId = deal.body.id;
    const query = await t.request.post('/api/v1/queries').set(as(owner)).send({ name: 'My overdue tasks', entity: 'tasks', filters: [{ field: 'owner', op: 'eq', value: 'me' }] });
    expect(query.status).toBe(201);
    queryId = query.body.id;
  });

  const stored = () =>
    t.database.db.account.findUniqueOrThrow({ where: { id: accountId } }).then(async (account) => ({
      account,
      contacts: await t.database.db.contact.findMany({ where: { accountId }, orderBy: { id: 'asc' } }),
      activities: await t.database.db.activity.count({ where: { accountId } }),
      tasks: await t.database.db.task.findMany({ where: { accountId }, orderBy: { id: 'asc' } }),
      opportunity: await t.database.db.opportunity.findUniqueOrThrow({ where: { id: opportunityId } }),
    }));

  const writes = () => [
    ['PATCH /accounts/:id', t.request.patch(`/api/v1/accounts/${accountId}`).set(as(other)).send({ name: 'Hijacked' })],
    ['POST /accounts/:id/contacts', t.request.post(`/api/v1/accounts/${accountId}/contacts`).set(as(other)).send({ name: 'Eve Intruder' })],
    ['PATCH /accounts/:id/contacts/:contactId', t.request.patch(`/api/v1/accounts/${accountId}/contacts/${contactId}`).set(as(other)).send({ name: 'Eve Intruder' })],
    ['POST /accounts/:id/take', t.request.post(`/api/v1/accounts/${accountId}/take`).set(as(other))],
    ['POST /accounts/:id/activities', t.request.post(`/api/v1/accounts/${accountId}/activities`).set(as(other)).send({ type: 'CALL', outcome: 'REFUSED' })],
    ['PATCH /accounts/:id/timers/:timerId', t.request.patch(`/api/v1/accounts/${accountId}/timers/${randomUUID()}`).set(as(other)).send({ fireAt: new Date(Date.now() + 86_400_000).toISOString(), reason: 'mine now' })],
    ['POST /accounts/:id/timers/:timerId/cancel', t.request.post(`/api/v1/accounts/${accountId}/timers/${randomUUID()}/cancel`).set(as(other)).send({ reason: 'mine now' })],
    ['POST /accounts/:id/archive', t.request.post(`/api/v1/accounts/${accountId}/archive`).set(as(other)).send({ reason: 'junk' })],
    ['POST /tasks/:id/complete', t.request.post(`/api/v1/tasks/${taskId}/complete`).set(as(other))],
    ['PATCH /opportunities/:id', t.request.patch(`/api/v1/opportunities/${opportunityId}`).set(as(other)).send({ stage: 'LOST' })],
  ] as const;

  test("when another manager reads the account, its task and its deal then 404, as for an unknown id", async () => {
    for (const path of [`/api/v1/accounts/${accountId}`, `/api/v1/accounts/${accountId}/timers`, ...['campaigns', 'mails', 'responses', 'events', 'key-contacts'].map((section) => `/api/v1/accounts/${accountId}/${section}`), `/api/v1/tasks/${taskId}`, `/api/v1/opportunities/${opportunityId}`]) {
      const response = await t.request.get(path).set(as(other));
      expect({ path, status: response.status, code: response.body.error?.code }).toEqual({ path, status: 404, code: 'NOT_FOUND' });
    }
  });

  test('when another manager writes to the account, its contacts, timers, task or deal then 404 each time and nothing changes', async () => {
    const before = await stored();
    for (const [route, request] of writes()) {
      const response = await request;
      expect({ route, status: response.status, code: response.body.error?.code }).toEqual({ route, status: 404, code: 'NOT_FOUND' });
    }
    expect(await stored()).toEqual(before);
  });

  test('when another manager lists accounts, tasks and deals then the records of the owner are not among them', async () => {
    const accounts = await t.request.get('/api/v1/accounts').query({ limit: 200 }).set(as(other));
    expect(accounts.status).toBe(200);
    expect(accounts.body.items.map((item: { id: string }) => item.id)).not.toContain(accountId);
    const tasks = await t.request.get('/api/v1/tasks').set(as(other));
    expect(tasks.status).toBe(200);
    expect(tasks.body.items).toEqual([]);
    const deals = await t.request.get('/api/v1/opportunities').query({ accountId }).set(as(other));
    expect(deals.status).toBe(200);
    expect(deals.body.items).toEqual([]);
  });

  test("when another manager asks for the owner's task list then 403: a manager sees only their own tasks", async () => {
    const response = await t.request.get('/api/v1/tasks').query({ assignee: owner.id }).set(as(other));
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('FORBIDDEN');
  });

  test("when another manager names the owner's account in a new deal then 400 naming body.accountId and no deal is made", async () => {
    const count = await t.database.db.opportunity.count();
    const response = await t.request.post('/api/v1/opportunities').set(as(other)).send({ accountId, name: 'Stolen deal', amount: 5, currency: 'EUR' });
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([expect.objectContaining({ path: 'body.accountId' })]);
    expect(await t.database.db.opportunity.count()).toBe(count);
  });

  test("when a user outside the owner's team runs or deletes the owner's private query then 404 and the query stays", async () => {
    for (const user of [other, admin, marketer]) {
      expect((await t.request.get(`/api/v1/queries/${queryId}/rows`).set(as(user))).status).toBe(404);
      expect((await t.request.delete(`/api/v1/queries/${queryId}`).set(as(user))).status).toBe(404);
      const listed = await t.request.get('/api/v1/queries').set(as(user));
      expect(listed.body.items).not.toContainEqual(expect.objectContaining({ id: queryId }));
    }
    const mine = await t.request.get(`/api/v1/queries/${queryId}/rows`).set(as(owner));
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((item: { id: string }) => item.id)).toContain(taskId);
  });

  test('when the owner, an admin or a marketer reads the account and the owner its task and deal then 200', async () => {
    for (const user of [owner, admin, marketer]) {
      const response = await t.request.get(`/api/v1/accounts/${accountId}`).set(as(user));
      expect(response.status).toBe(200);
      expect(response.body.account).toMatchObject({ id: accountId, ownerId: owner.id });
    }
    expect((await t.request.get(`/api/v1/tasks/${taskId}`).set(as(owner))).status).toBe(200);
    expect((await t.request.get(`/api/v1/opportunities/${opportunityId}`).set(as(owner))).status).toBe(200);
    expect((await t.request.get('/api/v1/tasks').set(as(owner))).body.items).toContainEqual(expect.objectContaining({ id: taskId }));
  });
});
