import http from 'node:http';
import net from 'node:net';
import { startMailCatcher, type CaughtMessage, type MailCatcher } from '../../src/mail-catcher/mail-catcher';
import { accountWorkflowId } from '../../workflows/account.messages';
import { eventually } from '../support/eventually';
import { recordHistory } from '../support/histories';
import { startTestApp, TEST_PUBLIC_URL, type TestApp } from '../support/test-app';

/**
 * Issue 14, part 4: rule e-mails and notification e-mails go through the mail outbox, sent after
 * the Workflow Update has answered, by an activity of their own with its own retries. So while the
 * SMTP server refuses every connection, logging an activity and recording a response still answer
 * (201 with their effects), and once SMTP is back every e-mail goes out, each exactly once.
 *
 * The SMTP "server" is a loopback port nobody listens on (every connection is refused) until the
 * test starts a mail catcher of its own on that very port. The app, its worker and its database
 * are this file's own, so everything the catcher receives was sent for this test.
 */

// Past this an answer counts as a hang: an update that waits for SMTP would wait much longer.
const REQUEST_TIMEOUT_MS = 30_000;
// After SMTP is back, delivery retries at most 30 s apart: a few of those, and then some.
const DELIVERY_TIMEOUT_MS = 120_000;
const DOMAIN = new URL(TEST_PUBLIC_URL).hostname;
const RULE_KEY = 'contact-mail-and-notice';
const TEMPLATE_KEY = 'smtp-outage-contact';
const NOTICE = 'The client spoke with us: see the account';

const run = Date.now();
const ownerEmail = `owner.${run}@smtp-outage.test`;

let t: TestApp;
let server: http.Server;
let baseUrl: string;
let smtpPort: number;
let mail: MailCatcher | undefined;
let admin: { id: string; key: string };
let manager: { id: string; key: string };
let marketer: { id: string; key: string };

/**
 * A loopback port nothing listens on, so that a connection to it is refused; chosen below the
 * ephemeral range (32768 and up on Linux), so no outgoing connection (the mailer's own included,
 * which could otherwise connect to itself) ever holds it, and the catcher can bind it later.
 */
async function portNobodyListensOn(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

/** What a TCP connection to the port meets: 'refused', or 'accepted' when something listens there. */
function connectTo(port: number): Promise<'refused' | 'accepted' | string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('accepted');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED' ? 'refused' : String(error.code)));
  });
}

beforeAll(async () => {
  smtpPort = await portNobodyListensOn();
  t = await startTestApp({ smtpUrl: `smtp://127.0.0.1:${smtpPort}` });
  [admin, manager, marketer] = await Promise.all([t.userWithKey('admin'), t.userWithKey('manager', ownerEmail), t.userWithKey('marketer')]);
  server = http.createServer(t.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  if (server) await new Promise((resolve) => server.close(resolve));
  // SMTP up again if a failure left it down, so that nothing still waiting for it holds the worker's shutdown.
  if (smtpPort && !mail) mail = await startMailCatcher({ smtpPort, httpPort: 0 }).catch(() => undefined);
  await t?.close();
  await mail?.close();
}, 90_000);

const as = (user: { key: string }) => ({ Authorization: `Bearer ${user.key}` });

interface Answer {
  label: string;
  status: number | 'timeout' | 'network-error';
  body: any;
  endedAt: number;
}

/** A request over a real socket, given REQUEST_TIMEOUT_MS to answer. */
async function call(label: string, path: string, user: { key: string }, body: object): Promise<Answer> {
  try {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { ...as(user), 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // kept as text: the assertions below want JSON
    }
    return { label, status: response.status, body: parsed, endedAt: Date.now() };
  } catch (error) {
    return { label, status: (error as Error).name === 'TimeoutError' ? 'timeout' : 'network-error', body: String(error), endedAt: Date.now() };
  }
}

/** An account with a primary contact, created and taken into work by the manager (its owner). */
async function accountInWork(name: string): Promise<string> {
  const created = await t.request
    .post('/api/v1/accounts')
    .set(as(manager))
    .send({ name, contacts: [{ name: `${name} Buyer`, email: `buyer.${run}@${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.test`, isPrimary: true }] });
  if (created.status !== 201) throw new Error(`POST /accounts answered ${created.status}: ${JSON.stringify(created.body)}`);
  const id: string = created.body.account.id;
  const taken = await t.request.post(`/api/v1/accounts/${id}/take`).set(as(manager));
  if (taken.status !== 200) throw new Error(`take answered ${taken.status}: ${JSON.stringify(taken.body)}`);
  return id;
}

type Step =
  | { kind: 'activity'; type: string; outcome: string; triggers: boolean }
  | { kind: 'response'; type: 'CALL' | 'REPLY'; triggers: true };

test('when the SMTP server refuses every connection then activities and responses still answer 201 while it is down, and once it is back every rule e-mail and notification e-mail goes out exactly once', async () => {
  // --- Fixtures, through the API ----------------------------------------------------------------
  // The template the rule sends, and the rule: a contact with the client (a call that reached them,
  // an interested meeting, an inbound response: all INTERESTED or CONTACT_MADE) e-mails the owner
  // and notifies them (a notification is e-mailed to its recipient too). The default rules stay.
  const template = await t.request
    .post('/api/v1/templates')
    .set(as(marketer))
    .send({ key: TEMPLATE_KEY, name: 'Contact made', subject: 'Contact made with {{ account.name }}', text: 'Hello {{ owner.name }}, {{ contact.name }} of {{ account.name }} spoke with us.' });
  expect(template.status).toBe(201);
  const rule = await t.request
    .post('/api/v1/rules')
    .set(as(admin))
    .send({
      key: RULE_KEY,
      name: 'Tell the owner when the client spoke with us',
      trigger: { kind: 'activity_logged', outcomes: ['CONTACT_MADE', 'INTERESTED'] },
      actions: [
        { kind: 'send_email', templateKey: TEMPLATE_KEY, to: 'owner' },
        { kind: 'notify', recipient: 'owner', message: NOTICE },
      ],
    });
  expect(rule.status).toBe(201);
  // A campaign with a sub-source, for the responses (a draft: it sends nothing itself).
  const campaign = await t.request
    .post('/api/v1/campaigns')
    .set(as(marketer))
    .send({ name: `SMTP outage ${run}`, sources: [{ code: 'PRESS-A', name: 'Press A' }], stages: [{ type: 'WAIT', settings: { duration: 'P1D' } }] });
  expect(campaign.status).toBe(201);
  const names = ['Outage Alpha', 'Outage Beta', 'Outage Gamma'];
  const accountIds = await Promise.all(names.map(accountInWork));

  // What each account goes through, in order: two activities that trigger the rule, one that does
  // not (nobody answered), and on two of them an inbound response (logged as INTERESTED).
  const plan: Step[][] = accountIds.map((_, index) => [
    { kind: 'activity', type: 'CALL', outcome: 'CONTACT_MADE', triggers: true },
    { kind: 'activity', type: 'CALL', outcome: 'NO_ANSWER', triggers: false },
    { kind: 'activity', type: 'MEETING', outcome: 'INTERESTED', triggers: true },
    ...(index < 2 ? [{ kind: 'response' as const, type: index === 0 ? ('CALL' as const) : ('REPLY' as const), triggers: true as const }] : []),
  ]);
  const triggering = plan.map((steps) => steps.filter((step) => step.triggers).length);
  const labelOf = (accountIndex: number, stepIndex: number, step: Step) =>
    `${names[accountIndex]} #${stepIndex} ${step.kind} ${step.type}${step.kind === 'activity' ? ` ${step.outcome}` : ''}`;

  // --- While SMTP is down: every request answers ------------------------------------------------
  expect(await connectTo(smtpPort)).toBe('refused');
  // The accounts side by side, each one's steps in order; a step that does not answer 201 ends its
  // account's sequence (the rest would only wait the same way).
  const answers: (Answer & { accountIndex: number; step: Step })[] = [];
  await Promise.all(
    accountIds.map(async (accountId, accountIndex) => {
      for (const [stepIndex, step] of plan[accountIndex].entries()) {
        const label = labelOf(accountIndex, stepIndex, step);
        const answer =
          step.kind === 'activity'
            ? await call(label, `/api/v1/accounts/${accountId}/activities`, manager, { type: step.type, outcome: step.outcome, notes: label })
            : await call(label, '/api/v1/responses', manager, { campaignId: campaign.body.id, sourceCode: 'PRESS-A', type: step.type, accountId });
        answers.push({ ...answer, accountIndex, step });
        if (answer.status !== 201) return;
      }
    }),
  );
  // Still down after the last answer: the answers arrived while SMTP refused every connection.
  expect(await connectTo(smtpPort)).toBe('refused');

  // Every request answered 201 (none timed out, none failed), while SMTP was down...
  const expectedLabels = plan.flatMap((steps, accountIndex) => steps.map((step, stepIndex) => labelOf(accountIndex, stepIndex, step)));
  expect(answers.map(({ label, status }) => ({ label, status })).sort((a, b) => a.label.localeCompare(b.label))).toEqual(
    expectedLabels.map((label) => ({ label, status: 201 })).sort((a, b) => a.label.localeCompare(b.label)),
  );
  // ...with its effects: the first contact establishes it, each later step keeps it, and a contact or
  // an unanswered call without a next step gives the owner a follow-up.
  for (const answer of answers) {
    const { step, body } = answer;
    if (step.kind === 'activity') {
      expect({ label: answer.label, body }).toMatchObject({
        label: answer.label,
        body: {
          activity: { type: step.type, outcome: step.outcome, notes: answer.label },
          previousStatus: step.outcome === 'CONTACT_MADE' ? 'POTENTIAL' : 'CONTACT_ESTABLISHED',
          status: 'CONTACT_ESTABLISHED',
          tasksCreated: [expect.objectContaining({ type: 'FOLLOW_UP', assigneeId: manager.id })],
        },
      });
    } else {
      expect({ label: answer.label, body }).toMatchObject({
        label: answer.label,
        body: {
          accountId: accountIds[answer.accountIndex],
          createdAccount: false,
          previousStatus: 'CONTACT_ESTABLISHED',
          status: 'CONTACT_ESTABLISHED',
          response: { campaignId: campaign.body.id, sourceCode: 'PRESS-A', type: step.type, accountId: accountIds[answer.accountIndex] },
          tasksCreated: [expect.objectContaining({ type: 'FOLLOW_UP', assigneeId: manager.id })],
        },
      });
    }
  }
  // The rule ran for each contact: one notification each, listed to the owner.
  const listed = await t.request.get('/api/v1/notifications?limit=200').set(as(manager));
  expect(listed.status).toBe(200);
  const notifications: { id: string; accountId: string; message: string }[] = listed.body.items.filter((item: { accountId: string }) => accountIds.includes(item.accountId));
  expect(accountIds.map((id) => notifications.filter((notification) => notification.accountId === id && notification.message === NOTICE).length)).toEqual(triggering);
  expect(notifications).toHaveLength(triggering.reduce((sum, count) => sum + count, 0));
  // Nothing was sent, nor marked sent: nothing listens.
  const outbox = async (accountId: string) => {
    const [sent, skipped, unsent] = await Promise.all([
      t.database.db.outboundEmail.count({ where: { accountId, sentAt: { not: null } } }),
      t.database.db.outboundEmail.count({ where: { accountId, skippedReason: { not: null } } }),
      t.database.db.outboundEmail.count({ where: { accountId, sentAt: null, skippedReason: null } }),
    ]);
    return { sent, skipped, unsent };
  };
  expect((await Promise.all(accountIds.map(outbox))).map(({ sent, skipped }) => ({ sent, skipped }))).toEqual(accountIds.map(() => ({ sent: 0, skipped: 0 })));

  // --- SMTP comes back on the same port ---------------------------------------------------------
  // Only now, after every answer is in and checked: none of them could wait for it.
  mail = await startMailCatcher({ smtpPort, httpPort: 0 });
  const notificationIds = notifications.map((notification) => `<notification-${notification.id}@${DOMAIN}>`);
  const ruleEmailId = new RegExp(`^<email-[0-9a-f-]{36}@${DOMAIN.replace(/\./g, '\\.')}>$`);
  const isRuleEmail = (message: CaughtMessage) => ruleEmailId.test(message.messageId ?? '');
  const ruleEmailsOf = (messages: CaughtMessage[], index: number) => new Set(messages.filter((message) => isRuleEmail(message) && message.subject === `Contact made with ${names[index]}`).map((message) => message.messageId));

  // Every e-mail arrives: each notification's, and each account's rule e-mails, one per contact.
  await eventually(async () => {
    const received = new Set(mail!.messages().map((message) => message.messageId));
    expect(notificationIds.filter((id) => !received.has(id))).toEqual([]);
    expect(accountIds.map((_, index) => ruleEmailsOf(mail!.messages(), index).size)).toEqual(triggering);
  }, DELIVERY_TIMEOUT_MS);
  // And the outbox is settled: every row sent, none left to send (so none is in flight to repeat).
  await eventually(async () => expect((await Promise.all(accountIds.map(outbox))).every((counts) => counts.unsent === 0)).toBe(true), DELIVERY_TIMEOUT_MS);

  // --- Exactly once, nothing else -----------------------------------------------------------------
  const messages = mail.messages();
  const copies = new Map<string | undefined, number>();
  for (const message of messages) copies.set(message.messageId, (copies.get(message.messageId) ?? 0) + 1);
  console.log(`SMTP outage: ${answers.length} requests answered while SMTP was down; ${messages.length} messages received once it was back (${copies.size} Message-IDs)`);
  // Each Message-ID once.
  expect([...copies.entries()].filter(([, count]) => count !== 1)).toEqual([]);
  // The notifications' e-mails, exactly those.
  expect(messages.filter((message) => message.messageId?.startsWith('<notification-')).map((message) => message.messageId).sort()).toEqual([...notificationIds].sort());
  // Each account's rule e-mails, as many as the contacts that triggered the rule.
  expect(accountIds.map((_, index) => ruleEmailsOf(messages, index).size)).toEqual(triggering);
  // Nothing else, and all to the owner.
  expect(messages).toHaveLength(notificationIds.length + triggering.reduce((sum, count) => sum + count, 0));
  expect(messages.filter((message) => message.to.join(',') !== ownerEmail).map((message) => ({ messageId: message.messageId, to: message.to }))).toEqual([]);
  // The outbox agrees: per account, a rule e-mail and a notification e-mail per contact, all sent.
  expect(await Promise.all(accountIds.map(outbox))).toEqual(triggering.map((count) => ({ sent: 2 * count, skipped: 0, unsent: 0 })));
  // An account workflow whose mail waited for SMTP, for the replay tests.
  await recordHistory(t.temporal.client.workflow.getHandle(accountWorkflowId(accountIds[0])), 'account', 'smtp-down');
}, 300_000);
