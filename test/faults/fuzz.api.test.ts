import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { apiRoutes } from '../../src/api/routes/index';
import { startTestApp, type TestApp } from '../support/test-app';
import { hostileParams, hostileRequests, hostileStrings, hostileValues, seededRandom, sendHostile, type FuzzRequest } from './hostile-input';

// FUZZ_REQUESTS_PER_ROUTE scales the run down for a quick local look; CI runs the default.
const PER_ROUTE = Number(process.env.FUZZ_REQUESTS_PER_ROUTE ?? 250);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);

let t: TestApp;
let server: Server;
let baseUrl: string;
const keys: Record<'admin' | 'marketer' | 'manager', string> = { admin: '', marketer: '', manager: '' };
const known: Record<string, string> = {};
let checksumSql = '';

beforeAll(async () => {
  t = await startTestApp();
  const [admin, marketer, manager] = await Promise.all([t.userWithKey('admin'), t.userWithKey('marketer'), t.userWithKey('manager')]);
  Object.assign(keys, { admin: admin.key, marketer: marketer.key, manager: manager.key });
  server = t.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // A few real records, so that requests whose body passes reach the handlers with ids that exist.
  const account = await t.request.post('/api/v1/accounts').set({ Authorization: `Bearer ${admin.key}` })
    .send({ name: 'Fuzz Co', contacts: [{ name: 'Fay Fuzz', email: 'fay@fuzz.example' }] });
  expect(account.status).toBe(201);
  known.account = account.body.account.id;
  known.contact = account.body.contacts[0].id;
  expect((await t.request.post(`/api/v1/accounts/${known.account}/take`).set({ Authorization: `Bearer ${manager.key}` })).status).toBe(200);
  const template = await t.request.post('/api/v1/templates').set({ Authorization: `Bearer ${marketer.key}` })
    .send({ key: 'fuzz-template', name: 'Fuzz', subject: 'Hello {{ contact.name }}', text: 'Hi {{ contact.name }}' });
  expect(template.status).toBe(201);
  const segment = await t.request.post('/api/v1/segments').set({ Authorization: `Bearer ${marketer.key}` })
    .send({ name: 'Fuzz segment', criteria: { field: 'account.name', op: 'contains', value: 'Fuzz' } });
  expect(segment.status).toBe(201);
  known.segment = segment.body.id;

  // One statement over every table: its row count and a sum of its rows' hashes.
  const tables = await t.database.db.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY table_name`;
  // Two things legitimately change on requests that are refused after authentication, and only they are
  // left out: an API key's lastUsedAt (written on its first request of each minute) and the rate limiter's
  // windows (every unsubscribe page request counts).
  const rowText: Record<string, string> = { api_keys: `(to_jsonb(x) - 'last_used_at')::text` };
  checksumSql = tables
    .filter(({ name }) => name !== 'rate_limit_windows')
    .map(({ name }) => `SELECT '${name}' AS name, count(*)::int AS n, COALESCE(sum(hashtext(${rowText[name] ?? 'x::text'})::bigint), 0)::text AS h FROM "${name}" x`)
    .join(' UNION ALL ');
}, 120_000);
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await t?.close();
});

async function checksum(): Promise<Map<string, string>> {
  const rows = await t.database.db.$queryRawUnsafe<{ name: string; n: number; h: string }[]>(checksumSql);
  return new Map(rows.map((row) => [row.name, `${row.n}:${row.h}`]));
}

function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after].filter(([name, value]) => before.get(name) !== value).map(([name]) => name);
}

/**
 * The next transaction id PostgreSQL will assign: any write (even one rolled back) assigns one, so
 * while it stays the same nothing was written and the full checksum can be skipped. It counts the
 * whole cluster, where other test files write too: when it moves, the checksum decides.
 */
async function nextXid(): Promise<string> {
  const [row] = await t.database.db.$queryRaw<{ xid: string }[]>`SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xid`;
  return row.xid;
}

/** After an accepted write, its workflow may still be writing: the checksum once it held for 200 ms. */
async function settledChecksum(): Promise<Map<string, string>> {
  let previous = await checksum();
  for (let quiet = 0, polls = 0; quiet < 2; polls++) {
    if (polls > 100) throw new Error('this test database kept changing for 10 s after an accepted request');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const current = await checksum();
    quiet = changedTables(previous, current).length === 0 ? quiet + 1 : 0;
    previous = current;
  }
  return previous;
}

function fill(name: string): string {
  if (name === 'id' || name === 'accountId') return known.account;
  if (name === 'contactId') return known.contact;
  if (name === 'key') return 'fuzz-template';
  if (name === 'version') return '1';
  if (name === 'token') return 'not-a-token';
  return randomUUID();
}

const send = (request: FuzzRequest, key: string) => sendHostile(baseUrl, request, key);

test('when at least 10,000 hostile requests hit every route then none answers 5xx, every refusal is a 4xx in the error format, and no refused request changes the database', async () => {
  const random = seededRandom(SEED);
  const requests: FuzzRequest[] = apiRoutes.flatMap((route) => hostileRequests(route, fill, random, PER_ROUTE));
  for (const token of hostileParams) {
    requests.push({ method: 'get', url: `/unsubscribe/${token}`, why: 'unsubscribe token hostile' });
    requests.push({ method: 'post', url: `/unsubscribe/${token}`, body: { raw: 'List-Unsubscribe=One-Click', contentType: 'application/x-www-form-urlencoded' }, why: 'unsubscribe token hostile' });
  }
  // The public event pages: an event id or a cancellation token that is hostile, and hostile form fields.
  for (const token of hostileParams) {
    requests.push({ method: 'get', url: `/events/${token}/register?source=${encodeURIComponent(token)}&invite=${encodeURIComponent(token)}`, why: 'event id hostile' });
    requests.push({ method: 'post', url: `/events/${token}/register`, body: { raw: 'name=A&email=a%40b.c', contentType: 'application/x-www-form-urlencoded' }, why: 'event id hostile' });
    requests.push({ method: 'get', url: `/event-registrations/${token}/cancel`, why: 'event cancellation token hostile' });
    requests.push({ method: 'post', url: `/event-registrations/${token}/cancel`, body: { raw: '', contentType: 'application/x-www-form-urlencoded' }, why: 'event cancellation token hostile' });
  }
  for (const value of [...hostileStrings, ...hostileValues.map((hostile) => JSON.stringify(hostile))]) {
    const field = String(value);
    const form = new URLSearchParams({ name: field, email: field, source: field, invite: field }).toString();
    requests.push({ method: 'post', url: `/events/${randomUUID()}/register`, body: { raw: form, contentType: 'application/x-www-form-urlencoded' }, why: 'registration form hostile' });
  }
  // The public sign-in routes: a link's token, and the request for a link (202 for any well-formed address).
  for (const token of hostileParams) {
    requests.push({ method: 'get', url: `/auth/email-link/${token}`, why: 'sign-in link token hostile' });
    requests.push({ method: 'post', url: `/auth/email-link/${token}`, body: { raw: '', contentType: 'application/x-www-form-urlencoded' }, why: 'sign-in link token hostile' });
  }
  for (const value of [...hostileStrings, ...hostileValues]) {
    requests.push({ method: 'post', url: '/auth/email-link', body: { json: { email: value } }, why: 'body.email hostile' });
    requests.push({ method: 'post', url: '/auth/email-link', body: { json: value }, why: 'body of the wrong shape' });
  }
  for (const raw of ['{"email":', '\u0000', 'email=a@b.c']) requests.push({ method: 'post', url: '/auth/email-link', body: { raw, contentType: 'application/json' }, why: 'malformed JSON' });
  if (!process.env.FUZZ_REQUESTS_PER_ROUTE) expect(requests.length).toBeGreaterThanOrEqual(10_000);

  const serverErrors: string[] = [];
  const badRefusals: string[] = [];
  const changesByRefused: string[] = [];
  const statuses = new Map<number, number>();
  let accepted = 0;
  let before = await checksum();
  let xid = await nextXid();
  for (const [index, request] of requests.entries()) {
    // Mostly an admin (who passes every role check, so the input reaches validation); some managers and marketers.
    const role = index % 10 === 7 ? 'manager' : index % 10 === 8 ? 'marketer' : 'admin';
    const answer = await send(request, keys[role]);
    statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    const label = `${request.method.toUpperCase()} ${request.url.slice(0, 120)} (${request.why}, ${role})`;
    if (answer.status >= 500) serverErrors.push(`${label}: ${answer.status} ${answer.text.slice(0, 200)}`);
    if (answer.status < 400) {
      accepted++;
      // A write may go on in its workflow for a while; a read that wrote nothing needs no new baseline.
      xid = await nextXid();
      before = request.method === 'get' ? await checksum() : await settledChecksum();
      continue;
    }
    if (request.url.startsWith('/api/v1/') || request.url === '/auth/email-link') {
      let parsed: { error?: { code?: unknown; message?: unknown } } = {};
      try {
        parsed = JSON.parse(answer.text);
      } catch {
        // left empty: reported below
      }
      if (typeof parsed.error?.code !== 'string' || typeof parsed.error?.message !== 'string') badRefusals.push(`${label}: ${answer.status} ${answer.text.slice(0, 120)}`);
    }
    // A refused request must leave every table as it was.
    const xidAfter = await nextXid();
    if (xidAfter === xid) continue;
    xid = xidAfter;
    const after = await checksum();
    const changed = changedTables(before, after);
    if (changed.length > 0) changesByRefused.push(`${label}: ${answer.status} changed ${changed.join(', ')}`);
    before = after;
  }

  console.log(
    `fuzz: ${requests.length} requests over ${apiRoutes.length} routes, the unsubscribe pages, the public event pages and the sign-in routes (seed ${SEED}); ` +
      `answers ${[...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}: ${n}`).join(', ')}; ` +
      `${accepted} accepted, ${serverErrors.length} 5xx, ${changesByRefused.length} refused requests that changed the database`,
  );
  expect(serverErrors).toEqual([]);
  expect(badRefusals).toEqual([]);
  expect(changesByRefused).toEqual([]);
}, 900_000);
