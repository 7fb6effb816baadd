// Issue 7, item 4: the API process is killed (SIGKILL) while requests are in flight, several times,
// and restarted each time. Afterwards PostgreSQL holds no half-written record: each multi-row write
// landed whole or not at all, and every request answered 2xx before a kill is fully there.
import { randomUUID } from 'node:crypto';
import { eventually } from '../support/eventually';
import { testService } from '../support/test-services';
import { startTestApp, TEST_PUBLIC_URL, type TestApp } from '../support/test-app';
import { startApiProcess, type ApiProcess } from './support/api-process';
import { startTcpProxy } from './support/tcp-proxy';

jest.setTimeout(180_000);

const KILLS = Number(process.env.API_KILLS ?? 5);
const CONCURRENCY = 8;
const ADMIN_API_KEY = `crm_faults_${randomUUID().replace(/-/g, '')}`;
const run = randomUUID().slice(0, 8);

let t: TestApp;
let manager: { id: string; key: string };
let marketer: { id: string; key: string };
let admin: { id: string; key: string };
let campaignId: string;
let planTargets: string[];

type Kind = 'create' | 'import' | 'responseNew' | 'responseExisting' | 'take' | 'log' | 'planApply';

interface Sent {
  kind: Kind;
  tag: string;
  /** HTTP status when answered; undefined when the kill cut the request. */
  status?: number;
  body?: any;
  cut: boolean;
  /** What the request was meant to write: contacts of an account, rows of an import, accounts of a plan. */
  size?: number;
  accountId?: string;
  planId?: string;
}

beforeAll(async () => {
  t = await startTestApp();
  [manager, marketer, admin] = await Promise.all([t.userWithKey('manager'), t.userWithKey('marketer'), t.userWithKey('admin')]);
  const db = t.database.db;
  const campaign = await db.campaign.create({
    data: { name: `Killed API ${run}`, currency: 'EUR', sources: { create: [{ code: 'WEB', name: 'Web form' }] } },
  });
  campaignId = campaign.id;
  // Accounts for plans to be applied to, with the history every account starts with.
  planTargets = Array.from({ length: 300 }, () => randomUUID());
  await db.account.createMany({ data: planTargets.map((id, i) => ({ id, name: `Target ${run} ${i}`, status: 'NEW' as const })) });
  await db.statusChange.createMany({ data: planTargets.map((accountId) => ({ accountId, fromStatus: null, toStatus: 'NEW' as const, changedById: admin.id, reason: 'created' })) });
});
afterAll(async () => {
  // A test that failed half-way leaves none of its API processes running.
  await Promise.all(processes.map((started) => started.kill()));
  await t?.close();
});

const processes: ApiProcess[] = [];
async function startApi(options: Parameters<typeof startApiProcess>[0]): Promise<ApiProcess> {
  const started = await startApiProcess(options);
  processes.push(started);
  return started;
}

const as = (user: { key: string }) => ({ Authorization: `Bearer ${user.key}`, 'Content-Type': 'application/json' });
const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)];
const between = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

/** Resolves as soon as `condition` holds, checked every few milliseconds (the moment of a kill). */
async function until(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

test('SIGKILL of the API mid-request, several times: every multi-row write is whole or absent, every 2xx is fully there', async () => {
  const db = t.database.db;
  const apiOptions = { databaseUrl: t.database.url, taskQueue: t.temporal.taskQueue, adminApiKey: ADMIN_API_KEY, publicUrl: TEST_PUBLIC_URL };

  // The API of the moment, replaced after each kill; requests wait while it restarts.
  const killed = new Set<ApiProcess>();
  let api: Promise<ApiProcess> = startApi(apiOptions);
  let live = await api;

  const sent: Sent[] = [];
  const pool: string[] = []; // NEW accounts answered 201: to be taken
  const inWork: string[] = []; // accounts answered 200 to a take: activities and responses go there
  let counter = 0;
  let inFlight = 0;
  let answered = 0;
  let stopping = false;
  const unexpected: string[] = [];

  // A few accounts in work from the start, through the in-process app on the same database and queue.
  for (let i = 0; i < 6; i++) {
    const created = await t.request.post('/api/v1/accounts').set(as(manager)).send({ name: `Seed ${run} ${i}` });
    expect(created.status).toBe(201);
    expect((await t.request.post(`/api/v1/accounts/${created.body.account.id}/take`).set(as(manager))).status).toBe(200);
    inWork.push(created.body.account.id);
  }

  /** One request of a random kind: its record goes into `sent` before it is fired. */
  function nextRequest(): { record: Sent; user: { key: string }; method: string; path: string; body?: object; prepare?: () => Promise<void> } {
    const tag = `K${run}-${++counter}`;
    const roll = Math.random() * 16;
    if (roll < 3) {
      const size = between(2, 6);
      const contacts = Array.from({ length: size }, (_, i) => ({ name: `${tag} c${i}`, email: `${tag.toLowerCase()}-c${i}@faults.example`, isPrimary: i === 0 }));
      return { record: { kind: 'create', tag, cut: false, size }, user: manager, method: 'POST', path: '/api/v1/accounts', body: { name: tag, segment: 'faults', contacts } };
    }
    if (roll < 4.2) {
      const size = between(150, 350);
      const rows = Array.from({ length: size }, (_, i) => ({ accountName: `${tag} r${i}`, segment: 'faults', contact: { name: `${tag} p${i}`, email: `${tag.toLowerCase()}-r${i}@faults.example` } }));
      return { record: { kind: 'import', tag, cut: false, size }, user: marketer, method: 'POST', path: '/api/v1/accounts/import', body: { rows } };
    }
    if (roll < 6) {
      const contact = { name: `${tag} p`, email: `${tag.toLowerCase()}@faults.example`, accountName: tag };
      return { record: { kind: 'responseNew', tag, cut: false }, user: marketer, method: 'POST', path: '/api/v1/responses', body: { campaignId, sourceCode: 'WEB', type: 'WEB_FORM', contact } };
    }
    if (roll < 8 && pool.length > 0) {
      const accountId = pool.splice(Math.floor(Math.random() * pool.length), 1)[0];
      return { record: { kind: 'take', tag, cut: false, accountId }, user: manager, method: 'POST', path: `/api/v1/accounts/${accountId}/take` };
    }
    if (roll < 9.5) {
      const accountId = pick(inWork);
      return { record: { kind: 'responseExisting', tag, cut: false, accountId }, user: marketer, method: 'POST', path: '/api/v1/responses', body: { campaignId, sourceCode: 'WEB', type: 'CALL', accountId } };
    }
    if (roll < 15) {
      const accountId = pick(inWork);
      const body = { type: pick(['CALL', 'MEETING', 'EMAIL'] as const), outcome: pick(['CONTACT_MADE', 'NO_ANSWER', 'INTERESTED', 'MEETING_HELD'] as const), notes: tag };
      return { record: { kind: 'log', tag, cut: false, accountId }, user: manager, method: 'POST', path: `/api/v1/accounts/${accountId}/activities`, body };
    }
    const size = between(20, 150);
    const accountIds = [...planTargets].sort(() => Math.random() - 0.5).slice(0, size);
    const record: Sent = { kind: 'planApply', tag, cut: false, size };
    return {
      record,
      user: admin,
      method: 'POST',
      path: '',
      body: { accountIds },
      // A fresh APPROVED plan for each application, so its plan_accounts are this request's alone.
      prepare: async () => {
        const year = new Date().getUTCFullYear();
        const plan = await db.plan.create({
          data: { name: tag, periodStart: new Date(Date.UTC(year, 0, 1)), periodEnd: new Date(Date.UTC(year, 11, 31)), authorId: admin.id, approverIds: [], status: 'APPROVED' },
        });
        record.planId = plan.id;
      },
    };
  }

  async function client(): Promise<void> {
    while (!stopping) {
      const request = nextRequest();
      await request.prepare?.();
      const path = request.record.kind === 'planApply' ? `/api/v1/plans/${request.record.planId}/apply` : request.path;
      const target = await api;
      if (stopping) return;
      sent.push(request.record);
      inFlight++;
      try {
        const response = await fetch(`${target.url}${path}`, { method: request.method, headers: as(request.user), body: request.body ? JSON.stringify(request.body) : undefined });
        const text = await response.text();
        request.record.status = response.status;
        try {
          request.record.body = text ? JSON.parse(text) : undefined;
        } catch {
          request.record.body = text;
        }
        answered++;
        if (response.status >= 500) unexpected.push(`${request.record.kind} ${response.status}: ${text.slice(0, 300)}`);
        if (request.record.kind === 'create' && response.status === 201) pool.push(request.record.body.account.id);
        if (request.record.kind === 'take' && response.status === 200) inWork.push(request.record.accountId!);
      } catch (error) {
        request.record.cut = true;
        // Only a request to a process that was killed may fail without an answer.
        if (!killed.has(target)) {
          const cause = (error as { cause?: { code?: string } }).cause?.code ?? '';
          const first = unexpected.length === 0 ? `; the API said: ${target.output().slice(-1_500)}` : '';
          unexpected.push(`${request.record.kind} failed on a live API: ${(error as Error).message} ${cause}${first}`);
        }
      } finally {
        inFlight--;
      }
    }
  }

  const clients = Array.from({ length: CONCURRENCY }, () => client());
  let kills = 0;
  try {
    for (let k = 0; k < KILLS; k++) {
      // A random moment once the new process has answered a few requests, with several in flight.
      const target = answered + between(5, 30);
      await until(() => answered >= target && inFlight >= 3);
      // Requests from now on wait for the next process; those in flight on this one are cut.
      let restarted!: (process: ApiProcess) => void;
      api = new Promise<ApiProcess>((resolve) => (restarted = resolve));
      killed.add(live);
      await live.kill();
      kills++;
      try {
        live = await startApi(apiOptions);
      } finally {
        // A failed restart ends the workload: waiting clients see `stopping` and return.
        if (killed.has(live)) stopping = true;
        restarted(live);
      }
    }
    // Keep going for a while on the last process, then stop.
    const target = answered + 30;
    await until(() => answered >= target);
  } finally {
    stopping = true;
    await Promise.all(clients);
  }

  // Per request, by its tag: whole or absent, and present when it was answered 2xx.
  const failures: string[] = [...unexpected];
  const ok = (record: Sent) => record.status !== undefined && record.status >= 200 && record.status < 300;
  const counts = { accounts: 0, contacts: 0, importRows: 0, activities: 0, responses: 0, planAccounts: 0 };

  // Every account a request of this test created, with what hangs on it, by the request's tag.
  const rows = await db.$queryRaw<{ name: string; contacts: number; responses: number; changes: number }[]>`
    SELECT a.name,
      (SELECT count(*)::int FROM contacts c WHERE c.account_id = a.id) AS contacts,
      (SELECT count(*)::int FROM responses r WHERE r.account_id = a.id) AS responses,
      (SELECT count(*)::int FROM status_changes s WHERE s.account_id = a.id) AS changes
    FROM accounts a WHERE a.name LIKE ${`K${run}-%`}`;
  const byTag = new Map<string, typeof rows>();
  for (const row of rows) {
    const tag = row.name.split(' ')[0];
    byTag.set(tag, [...(byTag.get(tag) ?? []), row]);
  }

  for (const record of sent.filter((r) => r.kind === 'create')) {
    const accounts = byTag.get(record.tag) ?? [];
    if (accounts.length > 1) failures.push(`${record.tag}: ${accounts.length} accounts`);
    if (ok(record) && accounts.length !== 1) failures.push(`${record.tag}: answered ${record.status} but absent`);
    for (const account of accounts) {
      counts.accounts++;
      counts.contacts += account.contacts;
      if (account.contacts !== record.size) failures.push(`${record.tag}: ${account.contacts} of ${record.size} contacts`);
    }
  }

  for (const record of sent.filter((r) => r.kind === 'import')) {
    const accounts = byTag.get(record.tag) ?? [];
    const contacts = accounts.reduce((sum, account) => sum + account.contacts, 0);
    if (accounts.length !== 0 && (accounts.length !== record.size || contacts !== record.size)) failures.push(`${record.tag}: import of ${record.size} rows left ${accounts.length} accounts, ${contacts} contacts`);
    if (ok(record) && (accounts.length !== record.size || record.body.created.accounts !== record.size)) failures.push(`${record.tag}: import answered ${record.status} but ${accounts.length} of ${record.size} accounts`);
    counts.importRows += accounts.length;
  }

  for (const record of sent.filter((r) => r.kind === 'responseNew')) {
    const accounts = byTag.get(record.tag) ?? [];
    if (accounts.length > 1) failures.push(`${record.tag}: ${accounts.length} accounts from one response`);
    if (ok(record) && accounts.length !== 1) failures.push(`${record.tag}: response answered ${record.status} but no account`);
    for (const account of accounts) {
      if (account.contacts !== 1 || account.responses !== 1 || account.changes !== 1) {
        failures.push(`${record.tag}: response-created account with ${account.contacts} contacts, ${account.responses} responses, ${account.changes} status changes`);
      }
    }
  }

  for (const record of sent.filter((r) => r.kind === 'take')) {
    const account = await db.account.findUniqueOrThrow({ where: { id: record.accountId } });
    const changes = await db.statusChange.findMany({ where: { accountId: record.accountId } });
    const taken = changes.filter((change) => change.fromStatus === 'NEW' && change.toStatus === 'POTENTIAL');
    if (account.status === 'NEW' ? taken.length !== 0 || account.ownerId !== null : taken.length !== 1 || account.ownerId !== manager.id) {
      failures.push(`${record.accountId}: status ${account.status}, owner ${account.ownerId}, ${taken.length} take status changes`);
    }
    if (ok(record) && account.status === 'NEW') failures.push(`${record.accountId}: take answered ${record.status} but still NEW`);
  }

  for (const record of sent.filter((r) => r.kind === 'log')) {
    const activities = await db.activity.findMany({ where: { notes: record.tag } });
    if (activities.length > 1) failures.push(`${record.tag}: ${activities.length} activities`);
    if (ok(record) && activities[0]?.state !== 'APPLIED') failures.push(`${record.tag}: activity answered ${record.status} but ${activities[0]?.state ?? 'absent'}`);
  }

  for (const record of sent.filter((r) => r.kind === 'responseExisting' && ok(r))) {
    const response = await db.response.findUnique({ where: { id: record.body.response.id } });
    const activity = response?.activityId ? await db.activity.findUnique({ where: { id: response.activityId } }) : null;
    if (activity?.state !== 'APPLIED') failures.push(`${record.tag}: response answered ${record.status} but its activity is ${activity?.state ?? 'absent'}`);
  }

  // A plan application whose request was cut is finished by its workflow (or was never written).
  const planRecords = sent.filter((r) => r.kind === 'planApply');
  await eventually(async () => {
    const running = await db.planApplication.count({ where: { state: 'RUNNING' } });
    if (running) throw new Error(`${running} plan application(s) still RUNNING`);
  }, 20_000).catch((error: Error) => failures.push(error.message));
  for (const record of planRecords) {
    const applications = await db.planApplication.findMany({ where: { planId: record.planId } });
    const rows = await db.planAccount.count({ where: { planId: record.planId } });
    counts.planAccounts += rows;
    if (applications.length > 1) failures.push(`${record.tag}: ${applications.length} applications`);
    if (applications.length === 0 && rows !== 0) failures.push(`${record.tag}: ${rows} plan accounts without an application`);
    for (const application of applications) {
      if (application.state !== 'COMPLETED' || application.matched !== record.size || rows !== record.size) {
        failures.push(`${record.tag}: application ${application.state}, matched ${application.matched}, ${rows} of ${record.size} plan accounts`);
      }
    }
    if (ok(record) && (applications.length !== 1 || record.body.matched !== record.size)) failures.push(`${record.tag}: apply answered ${record.status} but ${applications.length} applications`);
  }

  // Over the whole database: every account's history starts with NEW and ends with its status;
  // every response has its activity; no activity is left PENDING once the API is back.
  const [noHistory] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM accounts a
    WHERE NOT EXISTS (SELECT 1 FROM status_changes s WHERE s.account_id = a.id AND s.from_status IS NULL AND s.to_status = 'NEW')`;
  if (noHistory.n) failures.push(`${noHistory.n} account(s) without their initial NEW status change`);
  // Walk each account's history from NEW (changes of one transaction share their time): it must end at its status.
  const accounts = await db.account.findMany({ select: { id: true, status: true } });
  const changes = await db.statusChange.findMany({ select: { accountId: true, fromStatus: true, toStatus: true }, where: { fromStatus: { not: null } }, orderBy: { changedAt: 'asc' } });
  const changesOf = new Map<string, typeof changes>();
  for (const change of changes) changesOf.set(change.accountId, [...(changesOf.get(change.accountId) ?? []), change]);
  let wrongStatus = 0;
  for (const account of accounts) {
    const remaining = [...(changesOf.get(account.id) ?? [])];
    let status: string = 'NEW';
    for (;;) {
      const next = remaining.findIndex((change) => change.fromStatus === status);
      if (next < 0) break;
      status = remaining.splice(next, 1)[0].toStatus;
    }
    if (status !== account.status || remaining.length > 0) wrongStatus++;
  }
  if (wrongStatus) failures.push(`${wrongStatus} account(s) whose status history does not lead to their status`);
  const [responsesWithoutActivity] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM responses r LEFT JOIN activities a ON a.id = r.activity_id WHERE a.id IS NULL`;
  if (responsesWithoutActivity.n) failures.push(`${responsesWithoutActivity.n} response(s) without their activity`);
  let pendingLeft = 0;
  await eventually(async () => {
    pendingLeft = await db.activity.count({ where: { state: 'PENDING' } });
    if (pendingLeft) throw new Error(`${pendingLeft} activit(y/ies) still PENDING after the API restarted`);
  }, 20_000).catch((error: Error) => failures.push(error.message));
  counts.activities = await db.activity.count();
  counts.responses = await db.response.count();

  await live.stop();

  const cut = sent.filter((record) => record.cut).length;
  const byKind = Object.fromEntries((['create', 'import', 'responseNew', 'responseExisting', 'take', 'log', 'planApply'] as const).map((kind) => [kind, sent.filter((r) => r.kind === kind).length]));
  console.log(
    `api-killed: ${sent.length} requests sent (${JSON.stringify(byKind)}), ${sent.filter(ok).length} answered 2xx, ` +
      `${sent.filter((r) => r.status !== undefined && !ok(r)).length} answered otherwise, ${cut} cut by a kill, ${kills} kills; ` +
      `checked ${counts.accounts} created accounts with ${counts.contacts} contacts, ${counts.importRows} imported accounts, ` +
      `${counts.activities} activities, ${counts.responses} responses, ${counts.planAccounts} plan accounts; ` +
      `${pendingLeft} PENDING activities left, ${failures.length} invariant failures`,
  );
  expect(failures).toEqual([]);
  expect(kills).toBe(KILLS);
  expect(cut).toBeGreaterThan(0);
});

test('SIGKILL after the request committed its rows and before its call reached Temporal: the restarted API finishes what it left', async () => {
  const db = t.database.db;
  const tag = `W${run}`;
  // The API talks to Temporal through a proxy that can drop its packets: its calls to Temporal then
  // hang after PostgreSQL has committed, and the kill lands exactly between the two.
  const proxy = await startTcpProxy(testService('temporalAddress'));
  const apiOptions = { databaseUrl: t.database.url, taskQueue: t.temporal.taskQueue, adminApiKey: ADMIN_API_KEY, publicUrl: TEST_PUBLIC_URL };
  let api = await startApi({ ...apiOptions, temporalAddress: proxy.address });

  const created = await t.request.post('/api/v1/accounts').set(as(manager)).send({ name: `${tag} in work` });
  const inWork: string = created.body.account.id;
  expect((await t.request.post(`/api/v1/accounts/${inWork}/take`).set(as(manager))).status).toBe(200);
  const toTake: string = (await t.request.post('/api/v1/accounts').set(as(manager)).send({ name: `${tag} to take` })).body.account.id;
  const year = new Date().getUTCFullYear();
  const plan = await db.plan.create({
    data: { name: tag, periodStart: new Date(Date.UTC(year, 0, 1)), periodEnd: new Date(Date.UTC(year, 11, 31)), authorId: admin.id, approverIds: [], status: 'APPROVED' },
  });
  const accountIds = planTargets.slice(0, 40);

  proxy.hold();
  const post = (user: { key: string }, path: string, body?: object) =>
    fetch(`${api.url}/api/v1${path}`, { method: 'POST', headers: as(user), body: body ? JSON.stringify(body) : undefined }).then(
      (response) => response.status,
      () => 'cut' as const,
    );
  const requests = [
    post(manager, `/accounts/${inWork}/activities`, { type: 'CALL', outcome: 'CONTACT_MADE', notes: tag }),
    post(marketer, '/responses', { campaignId, sourceCode: 'WEB', type: 'CALL', accountId: inWork }),
    post(admin, `/plans/${plan.id}/apply`, { accountIds }),
    post(manager, `/accounts/${toTake}/take`),
  ];
  // Each request has written what it writes before calling Temporal (the take holds its transaction open).
  await eventually(async () => {
    expect(await db.activity.count({ where: { notes: tag, state: 'PENDING' } })).toBe(1);
    expect(await db.response.count({ where: { accountId: inWork } })).toBe(1);
    expect(await db.planApplication.count({ where: { planId: plan.id, state: 'RUNNING' } })).toBe(1);
    const [open] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'`;
    expect(open.n).toBeGreaterThanOrEqual(1);
  });
  await api.kill();
  expect(await Promise.all(requests)).toEqual(['cut', 'cut', 'cut', 'cut']);
  const response = await db.response.findFirstOrThrow({ where: { accountId: inWork } });
  const left = {
    activity: (await db.activity.findFirstOrThrow({ where: { notes: tag } })).state,
    responseActivity: (await db.activity.findUniqueOrThrow({ where: { id: response.activityId! } })).state,
    application: (await db.planApplication.findFirstOrThrow({ where: { planId: plan.id } })).state,
    taken: (await db.account.findUniqueOrThrow({ where: { id: toTake } })).status,
  };
  // What the killed requests left: the take rolled back with its transaction; the others committed.
  expect(left).toEqual({ activity: 'PENDING', responseActivity: 'PENDING', application: 'RUNNING', taken: 'NEW' });

  proxy.release();
  api = await startApi(apiOptions);
  try {
    // The restarted API hands what was left to the workflows: applied once, as if the request had lived.
    await eventually(async () => {
      const activity = await db.activity.findFirstOrThrow({ where: { notes: tag } });
      expect(activity.state).toBe('APPLIED');
      expect((await db.activity.findUniqueOrThrow({ where: { id: response.activityId! } })).state).toBe('APPLIED');
      expect(await db.planApplication.findFirstOrThrow({ where: { planId: plan.id } })).toMatchObject({ state: 'COMPLETED', matched: accountIds.length, added: accountIds.length });
    }, 20_000);
    expect(await db.planAccount.count({ where: { planId: plan.id } })).toBe(accountIds.length);
    expect(await db.activity.count({ where: { accountId: inWork } })).toBe(2);
    expect(await db.statusChange.count({ where: { accountId: toTake } })).toBe(1);
    // The account whose take was cut is still in the pool, and can be taken.
    const retake = await fetch(`${api.url}/api/v1/accounts/${toTake}/take`, { method: 'POST', headers: as(manager) });
    expect(retake.status).toBe(200);
    console.log(`api-killed (between commit and Temporal): 4 requests cut; left ${JSON.stringify(left)}; after restart: activities APPLIED, application COMPLETED with ${accountIds.length} plan accounts, take retried 200`);
  } finally {
    await api.stop();
    await proxy.close();
  }
});
