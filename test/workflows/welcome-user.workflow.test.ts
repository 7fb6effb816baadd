import { welcomeUserWorkflow } from '../../workflows/welcome-user.workflow';
import { createMailer, type Mailer } from '../../src/mail/mailer';
import { recordHistory } from '../support/histories';
import { receivedMail, waitForMail } from '../support/mailbox';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { startTestWorker, type TestWorker } from '../support/temporal-worker';
import { testService } from '../support/test-services';

let database: TestDatabase;
let mailer: Mailer;
let temporal: TestWorker;

beforeAll(async () => {
  database = await createTestDatabase();
  mailer = createMailer(testService('smtpUrl'), 'CRM test <crm@test>');
  temporal = await startTestWorker({ db: database.db, mailer, publicUrl: 'http://crm.test' });
});
afterAll(async () => {
  await temporal.stop();
  mailer.close();
  await database.drop();
});

const createUser = (email: string) => database.db.user.create({ data: { email, name: 'Wendy Welcome', role: 'marketer' } });
const run = (userId: string, workflowId: string) =>
  temporal.client.workflow.execute(welcomeUserWorkflow, { workflowId, taskQueue: temporal.taskQueue, args: [{ userId }] });

test('when the welcome workflow runs then one e-mail is delivered over SMTP and recorded in PostgreSQL', async () => {
  const user = await createUser(`wendy.${Date.now()}@example.com`);
  const workflowId = `test-welcome-${user.id}`;
  const result = await run(user.id, workflowId);

  const [mail] = await waitForMail((m) => m.to.includes(user.email));
  expect(result).toEqual({ messageId: `<welcome-${user.id}@crm.test>` });
  expect(mail.messageId).toBe(result.messageId);
  expect((await database.db.user.findUniqueOrThrow({ where: { id: user.id } })).welcomeEmailSentAt).not.toBeNull();

  // The history holds ids only: no name or e-mail address of the user.
  const history = await temporal.client.workflow.getHandle(workflowId).fetchHistory();
  const historyJson = JSON.stringify(history);
  expect(historyJson).not.toContain(user.email);
  expect(historyJson).not.toContain(Buffer.from(user.email).toString('base64'));
  await recordHistory(temporal.client.workflow.getHandle(workflowId), 'welcome-user', 'welcome');
});

test('when the workflow runs again for the same user then no second e-mail is sent', async () => {
  const user = await createUser(`twice.${Date.now()}@example.com`);
  await run(user.id, `test-welcome-a-${user.id}`);
  await waitForMail((m) => m.to.includes(user.email));
  await run(user.id, `test-welcome-b-${user.id}`);
  expect((await receivedMail()).filter((m) => m.to.includes(user.email))).toHaveLength(1);
});

test('when the user row appears only after the workflow starts then the activity retries until it finds it', async () => {
  const id = crypto.randomUUID();
  const email = `late.${Date.now()}@example.com`;
  const handle = await temporal.client.workflow.start(welcomeUserWorkflow, { workflowId: `test-welcome-late-${id}`, taskQueue: temporal.taskQueue, args: [{ userId: id }] });
  await waitForActivityAttempt(handle.workflowId, 2);
  await database.db.user.create({ data: { id, email, name: 'Late', role: 'manager' } });
  await handle.result();
  await waitForMail((m) => m.to.includes(email));
});

async function waitForActivityAttempt(workflowId: string, attempt: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const description = await temporal.client.workflow.getHandle(workflowId).describe();
    const pending = description.raw.pendingActivities?.[0];
    if ((pending?.attempt ?? 0) >= attempt) return;
    if (Date.now() > deadline) throw new Error(`activity never reached attempt ${attempt}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
