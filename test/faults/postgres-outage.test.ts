import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startMailCatcher, type MailCatcher } from '../../src/mail-catcher/mail-catcher';
import { campaignWhen, createCampaign, marketingTeam, secondsFromNow, seedRecipients, template, type Marketing } from '../campaigns/workflow/helpers';
import { eventually } from '../support/eventually';
import { startTestApp, type TestApp } from '../support/test-app';
import { startOwnPostgres, type OwnPostgres } from './support/own-postgres';

/**
 * Issue 7, item 3: PostgreSQL stops for some seconds while activities are being logged and a
 * mailing runs. Requests meanwhile get a clear 503 (never a 500, never a hang); once it is back,
 * every accepted request is there exactly once and the mailing completes without duplicates.
 * Issue 14, part 5: the same holds for campaign responses recorded (POST /responses) meanwhile.
 *
 * The PostgreSQL stopped here is this file's own (other files share the run's), and so is the
 * SMTP catcher (the run's keeps the newest 10,000 messages of every file).
 */

const RECIPIENTS = 3000;
const RATE_PER_SECOND = 150;
const ACCOUNTS = 12;
const PACE_MS = 50;
// Room for new requests to arrive during the outage: those in flight when PostgreSQL stops may all
// wait for it (activities and responses alike), and with 16 slots a CI run once sent none meanwhile.
const MAX_IN_FLIGHT = 64;
const OUTAGE_MS = 5000;
// Every RESPONSE_EVERY-th request records a campaign response instead of logging an activity.
const RESPONSE_EVERY = 3;
// A request in flight when PostgreSQL stops may wait for it: the account workflow retries its
// write after 1, 2, 4, 8 … seconds (up to ~15 s after a 5-second outage), and an applied
// activity's answer waits up to 20 s to read what it made. Past this, it counts as a hang.
const REQUEST_TIMEOUT_MS = 30_000;

let pg: OwnPostgres;
let mail: MailCatcher;
let t: TestApp;
let server: http.Server;
let baseUrl: string;
let team: Marketing;
let manager: { id: string; key: string };

beforeAll(async () => {
  [pg, mail] = await Promise.all([startOwnPostgres(), startMailCatcher({ smtpPort: 0, httpPort: 0, maxMessages: 4 * RECIPIENTS })]);
  t = await startTestApp({ databaseUrl: pg.databaseUrl, smtpUrl: mail.smtpUrl });
  team = await marketingTeam(t);
  manager = await t.userWithKey('manager');
  server = http.createServer(t.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  if (server) await new Promise((resolve) => server.close(resolve));
  await t?.close();
  await Promise.all([pg?.dispose(), mail?.close()]);
}, 60_000);

interface Answer {
  seq: number;
  kind: 'activity' | 'response';
  accountId: string;
  /** What identifies the request's rows afterwards: an activity's notes, a response's occurredAt. */
  key: string;
  startedAt: number;
  endedAt: number;
  status: number | 'timeout' | 'network-error';
  body: unknown;
}

async function call(path: string, init: RequestInit & { key?: string } = {}): Promise<{ status: number | 'timeout' | 'network-error'; body: unknown }> {
  try {
    const response = await fetch(`${baseUrl}${path}`, {
      ...init,
      headers: { ...(init.key ? { Authorization: `Bearer ${init.key}` } : {}), ...(init.body ? { 'Content-Type': 'application/json' } : {}) },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: kept as text, which the assertions below refuse where JSON is due
    }
    return { status: response.status, body };
  } catch (error) {
    return { status: (error as Error).name === 'TimeoutError' ? 'timeout' : 'network-error', body: String(error) };
  }
}

async function accountsInWork(tag: string): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < ACCOUNTS; index++) {
    const created = await t.request.post('/api/v1/accounts').set({ Authorization: `Bearer ${manager.key}` }).send({ name: `${tag} client ${index}` });
    expect(created.status).toBe(201);
    const id: string = created.body.account.id;
    expect((await t.request.post(`/api/v1/accounts/${id}/take`).set({ Authorization: `Bearer ${manager.key}` })).status).toBe(200);
    ids.push(id);
  }
  return ids;
}

test('when PostgreSQL stops during logging and a mailing then requests get 503, and after it is back every accepted one is there once and the mailing completes without duplicates', async () => {
  const tag = `outage${Date.now()}`;
  const [accountIds, emails] = await Promise.all([accountsInWork(tag), seedRecipients(t, tag, RECIPIENTS, 'outage.test')]);
  expect(emails).toHaveLength(RECIPIENTS);

  // The mailing: LIST in two seconds, then MAILING at a rate that keeps it running through the outage.
  const segment = await t.request.post('/api/v1/segments').set(team.as(team.marketer)).send({ name: `Outage ${tag}`, criteria: { field: 'account.segment', op: 'eq', value: tag } });
  expect(segment.status).toBe(201);
  const templateKey = await template(t, team, `outage-${tag}`);
  const campaignName = `Outage ${tag}`;
  const campaign = await createCampaign(t, team, {
    name: campaignName,
    // The sub-sources the responses quote.
    sources: [
      { code: 'PRESS-A', name: 'Press A' },
      { code: 'WEB-1', name: 'Web form' },
    ],
    stages: [
      { type: 'LIST', startAt: secondsFromNow(2), settings: { segmentId: segment.body.id } },
      { type: 'MAILING', settings: { templateKey, ratePerSecond: RATE_PER_SECOND } },
    ],
  });
  expect((await t.request.post(`/api/v1/campaigns/${campaign.id}/schedule`).set(team.as(team.marketer))).status).toBe(200);
  const sent = () => t.database.db.mailDelivery.count({ where: { campaignId: campaign.id, state: 'SENT' } });

  // The logging: a request every PACE_MS, at most MAX_IN_FLIGHT at a time (those in flight when
  // PostgreSQL stops may wait for it; the others go on), until told to stop. Most log an activity
  // with notes naming it; every RESPONSE_EVERY-th records a response to the campaign for the same
  // accounts, named by its occurredAt (one millisecond per request, an hour ago: the response and
  // the activity it is logged as both keep it).
  const answers: Answer[] = [];
  const respondedFrom = Date.now() - 3_600_000;
  let logging = true;
  const generator = (async () => {
    const inFlight = new Set<Promise<void>>();
    for (let n = 1; logging; n++) {
      const kind: Answer['kind'] = n % RESPONSE_EVERY === 0 ? 'response' : 'activity';
      // Responses go round all the accounts too, among their activities.
      const accountId = accountIds[(kind === 'response' ? n / RESPONSE_EVERY : n) % accountIds.length];
      const key = kind === 'activity' ? `${tag} request ${n}` : new Date(respondedFrom + n).toISOString();
      const startedAt = Date.now();
      const request = (
        kind === 'activity'
          ? call(`/api/v1/accounts/${accountId}/activities`, {
              method: 'POST',
              key: manager.key,
              body: JSON.stringify({ type: 'CALL', outcome: n % 2 ? 'CONTACT_MADE' : 'NO_ANSWER', notes: key }),
            })
          : call('/api/v1/responses', {
              method: 'POST',
              key: manager.key,
              body: JSON.stringify({ campaignId: campaign.id, ...(n % 2 ? { sourceCode: 'PRESS-A', type: 'CALL' } : { sourceCode: 'WEB-1', type: 'WEB_FORM' }), accountId, occurredAt: key }),
            })
      ).then(({ status, body }) => {
        answers.push({ seq: n, kind, accountId, key, startedAt, endedAt: Date.now(), status, body });
        inFlight.delete(request);
      });
      inFlight.add(request);
      // Pacing, not synchronisation: the load is an open loop, bounded by MAX_IN_FLIGHT.
      await new Promise((resolve) => setTimeout(resolve, PACE_MS));
      while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  })();

  let outage: { stopping: number; down: number; starting: number; up: number } | undefined;
  const readyDuringOutage: { status: number | string; body: unknown }[] = [];
  try {
    // Both are really running: some mail is out (not all) and some activities were accepted.
    await eventually(async () => {
      expect(await sent()).toBeGreaterThan(RECIPIENTS / 10);
      expect(answers.filter((answer) => answer.status === 201).length).toBeGreaterThanOrEqual(10);
    }, 90_000);
    const sentBefore = await sent();
    expect(sentBefore).toBeLessThan(RECIPIENTS / 2);

    const stopping = Date.now();
    await pg.stop();
    const down = Date.now();
    // The deliberate outage; /ready is asked while it lasts.
    const outageOver = new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    const ready = await call('/ready');
    readyDuringOutage.push(ready);
    await outageOver;
    const starting = Date.now();
    await pg.start();
    outage = { stopping, down, starting, up: Date.now() };

    // Back: the API answers again, and goes on accepting activities and responses.
    await eventually(async () => expect((await call('/ready')).status).toBe(200), 30_000);
    await eventually(async () => {
      const acceptedSince = answers.filter((answer) => answer.status === 201 && answer.startedAt > outage!.up);
      expect(acceptedSince.filter((answer) => answer.kind === 'activity').length).toBeGreaterThanOrEqual(10);
      expect(acceptedSince.filter((answer) => answer.kind === 'response').length).toBeGreaterThanOrEqual(3);
    }, 60_000);
  } finally {
    logging = false;
    await generator;
  }

  // The mailing completes.
  const done = await campaignWhen(t, team, campaign.id, (view) => expect(view.status).toBe('COMPLETED'), 120_000);

  // What happened, gathered first and printed before any assertion, so a failure shows it too.
  const activityAnswers = answers.filter((answer) => answer.kind === 'activity');
  const responseAnswers = answers.filter((answer) => answer.kind === 'response');
  const accepted = activityAnswers.filter((answer) => answer.status === 201);
  const refused = activityAnswers.filter((answer) => answer.status === 503);
  const other = answers.filter((answer) => answer.status !== 201 && answer.status !== 503);
  const during = answers.filter((answer) => answer.endedAt >= outage!.stopping && answer.startedAt <= outage!.up);
  const maxLatency = Math.max(...answers.map((answer) => answer.endedAt - answer.startedAt));
  const rows = await t.database.db.activity.findMany({ where: { notes: { startsWith: `${tag} request ` } }, select: { notes: true, state: true, accountId: true } });
  const rowsByNotes = new Map<string, typeof rows>();
  for (const row of rows) rowsByNotes.set(row.notes!, [...(rowsByNotes.get(row.notes!) ?? []), row]);
  const refusedButStored = refused.filter((answer) => rowsByNotes.has(answer.key));
  // The responses: their rows and the activities they were logged as (notes naming the campaign), by occurredAt.
  const acceptedResponses = responseAnswers.filter((answer) => answer.status === 201);
  const refusedResponses = responseAnswers.filter((answer) => answer.status === 503);
  const responseRows = await t.database.db.response.findMany({ where: { campaignId: campaign.id }, select: { id: true, occurredAt: true, accountId: true, activityId: true } });
  const inboundRows = await t.database.db.activity.findMany({
    where: { accountId: { in: accountIds }, notes: { startsWith: `Inbound `, contains: `"${campaignName}"` } },
    select: { id: true, occurredAt: true, state: true, accountId: true },
  });
  const byOccurredAt = <T extends { occurredAt: Date }>(items: T[]) => {
    const map = new Map<string, T[]>();
    for (const item of items) map.set(item.occurredAt.toISOString(), [...(map.get(item.occurredAt.toISOString()) ?? []), item]);
    return map;
  };
  const responsesByKey = byOccurredAt(responseRows);
  const inboundByKey = byOccurredAt(inboundRows);
  const refusedResponsesStored = refusedResponses.filter((answer) => responsesByKey.has(answer.key) || inboundByKey.has(answer.key));
  const mails = mail.messages().filter((message) => message.to.some((to) => to.startsWith(`${tag}-`) && to.endsWith('@outage.test')));
  const idsByRecipient = new Map<string, Set<string | undefined>>();
  for (const message of mails) idsByRecipient.set(message.to.join(','), (idsByRecipient.get(message.to.join(',')) ?? new Set()).add(message.messageId));
  const duplicateCopies = mails.length - idsByRecipient.size;
  console.log(
    `PostgreSQL outage: down ${((outage!.starting - outage!.stopping) / 1000).toFixed(1)} s ` +
      `(stop took ${outage!.down - outage!.stopping} ms, start took ${outage!.up - outage!.starting} ms); ` +
      `activities ${activityAnswers.length}: accepted ${accepted.length}, refused (503) ${refused.length} ` +
      `(of which stored anyway ${refusedButStored.length}); ` +
      `responses ${responseAnswers.length}: accepted ${acceptedResponses.length}, refused (503) ${refusedResponses.length} ` +
      `(of which stored anyway ${refusedResponsesStored.length}); other answers ${other.length}; ` +
      `answered while it was down or coming back ${during.length} (201 ${during.filter((answer) => answer.status === 201).length}); ` +
      `slowest answer ${maxLatency} ms; mails ${mails.length} to ${idsByRecipient.size} recipients, duplicate copies (same Message-ID) ${duplicateCopies}`,
  );

  // --- The answers -------------------------------------------------------------------------------
  // Never a 500, never a hang, never a dropped connection: a 201 or a 503, for activities and responses alike.
  expect(other.map(({ seq: n, kind, status, body }) => ({ n, kind, status, body }))).toEqual([]);
  // A 503 is the API's error format, saying what is unavailable.
  for (const answer of [...refused, ...refusedResponses]) {
    expect({ n: answer.seq, kind: answer.kind, body: answer.body }).toEqual({
      n: answer.seq,
      kind: answer.kind,
      body: { error: { code: 'SERVICE_UNAVAILABLE', message: expect.stringMatching(/database/i), details: [] } },
    });
  }
  // Requests of both kinds were refused, and only while PostgreSQL was down (or stopping, or starting).
  expect(refused.length).toBeGreaterThan(0);
  expect(refusedResponses.length).toBeGreaterThan(0);
  expect([...refused, ...refusedResponses].filter((answer) => answer.endedAt < outage!.stopping || answer.startedAt > outage!.up).map(({ seq: n, kind }) => ({ n, kind }))).toEqual([]);
  // /ready names PostgreSQL while it is down, and only it.
  expect(readyDuringOutage).toEqual([{ status: 503, body: { status: 'not ready', checks: { postgres: 'down', temporal: 'up' } } }]);

  // --- The activities ----------------------------------------------------------------------------
  // No row but the requests' own.
  const notesSent = new Set(activityAnswers.map((answer) => answer.key));
  expect([...rowsByNotes.keys()].filter((notes) => !notesSent.has(notes))).toEqual([]);
  // Every accepted request exactly once, applied, on its account.
  for (const answer of accepted) {
    expect({ notes: answer.key, rows: rowsByNotes.get(answer.key) ?? [] }).toEqual({ notes: answer.key, rows: [{ notes: answer.key, state: 'APPLIED', accountId: answer.accountId }] });
  }
  // A refused request changed nothing: its activity is not there, neither PENDING nor applied (an
  // answer whose activity was applied waits for PostgreSQL to read what it made, up to 20 s, longer
  // than this outage). And no activity is left PENDING.
  expect(refusedButStored.map((answer) => ({ notes: answer.key, rows: rowsByNotes.get(answer.key) }))).toEqual([]);
  expect(await t.database.db.activity.count({ where: { state: 'PENDING' } })).toBe(0);

  // --- The mailing -------------------------------------------------------------------------------
  expect(done.stages[1].counts).toMatchObject({ recipients: RECIPIENTS, sent: RECIPIENTS, pending: 0, sending: 0 });
  // Exactly one delivery row per recipient, SENT.
  const deliveries = await t.database.db.mailDelivery.groupBy({ by: ['state'], where: { campaignId: campaign.id }, _count: { _all: true } });
  expect(deliveries.map((group) => ({ state: group.state, count: group._count._all }))).toEqual([{ state: 'SENT', count: RECIPIENTS }]);
  // At the SMTP server: each recipient, none missing or extra, with exactly one Message-ID (copies
  // resent after the outage, their send not yet recorded when it began, repeat it).
  expect(mails.filter((message) => message.to.length !== 1)).toEqual([]);
  expect([...idsByRecipient.keys()].sort()).toEqual([...emails].sort());
  expect([...idsByRecipient.entries()].filter(([, ids]) => ids.size !== 1 || [...ids].some((id) => !id))).toEqual([]);

  // --- The responses -----------------------------------------------------------------------------
  // No response, nor activity logged for one, but the requests' own.
  const occurredAtsSent = new Set(responseAnswers.map((answer) => answer.key));
  expect([...responsesByKey.keys(), ...inboundByKey.keys()].filter((key) => !occurredAtsSent.has(key))).toEqual([]);
  // Every accepted response exactly once, on its account, with exactly one activity, applied: the one
  // its answer named.
  for (const answer of acceptedResponses) {
    const body = answer.body as { response: { id: string; activityId: string; accountId: string; occurredAt: string } };
    expect({ occurredAt: answer.key, responses: responsesByKey.get(answer.key) ?? [], activities: inboundByKey.get(answer.key) ?? [] }).toEqual({
      occurredAt: answer.key,
      responses: [{ id: body.response.id, occurredAt: new Date(answer.key), accountId: answer.accountId, activityId: body.response.activityId }],
      activities: [{ id: body.response.activityId, occurredAt: new Date(answer.key), state: 'APPLIED', accountId: answer.accountId }],
    });
  }
  // A refused response changed nothing: neither the response nor its activity is there.
  expect(refusedResponsesStored.map((answer) => ({ n: answer.seq, occurredAt: answer.key, responses: responsesByKey.get(answer.key) ?? [], activities: inboundByKey.get(answer.key) ?? [] }))).toEqual([]);
}, 240_000);
