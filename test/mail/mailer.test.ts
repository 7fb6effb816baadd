import { createMailer } from '../../src/mail/mailer';
import { classifySendFailure } from '../../src/mail/smtp-failure';
import { waitForMail } from '../support/mailbox';
import { testService } from '../support/test-services';

// The mailer sends from a thread of its own: what the SMTP server receives, and how its refusals come back.
const tag = () => `${Date.now()}.${Math.random().toString(36).slice(2)}`;

test('a message and its attachment reach the SMTP server with their message id, from the configured sender', async () => {
  const mailer = createMailer(testService('smtpUrl'), 'CRM test <crm@test>');
  const to = `thread.${tag()}@example.com`;
  try {
    const answer = await mailer.send({
      to,
      subject: 'From the SMTP thread',
      text: 'Hello',
      messageId: `<${tag()}@crm.test>`,
      headers: { 'X-Crm-Test': 'thread' },
      attachments: [{ filename: 'brochure.txt', content: Buffer.from('the brochure'), contentType: 'text/plain' }],
    });
    expect(answer.messageId).toMatch(/@crm\.test>$/);
    const [received] = await waitForMail((mail) => mail.to.includes(to));
    expect(received).toMatchObject({ subject: 'From the SMTP thread', messageId: answer.messageId });
    expect(received.headers['x-crm-test']).toBe('thread');
  } finally {
    mailer.close();
  }
});

test('a refused address fails with the SMTP reply, classified as a permanent bounce', async () => {
  const mailer = createMailer(testService('smtpUrl'), 'CRM test <crm@test>');
  try {
    const refusal = await mailer.send({ to: `bounce+${tag()}@example.com`, subject: 'Refused', text: 'x', messageId: `<${tag()}@crm.test>` }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(Error);
    expect(refusal).toMatchObject({ responseCode: 550 });
    expect(classifySendFailure(refusal)).toMatchObject({ kind: 'permanent', bounce: true });
  } finally {
    mailer.close();
  }
});

test('an unreachable server fails as a connection error, and a closed mailer sends again on a new thread', async () => {
  const down = createMailer('smtp://127.0.0.1:9', 'CRM test <crm@test>');
  try {
    const failure = await down.send({ to: `down.${tag()}@example.com`, subject: 'Down', text: 'x', messageId: `<${tag()}@crm.test>` }).catch((error: unknown) => error);
    expect(classifySendFailure(failure)).toMatchObject({ kind: 'transient', connectionError: true, reason: expect.stringContaining('ECONNREFUSED') });
  } finally {
    down.close();
  }

  const mailer = createMailer(testService('smtpUrl'), 'CRM test <crm@test>');
  const to = `again.${tag()}@example.com`;
  await mailer.send({ to, subject: 'First', text: 'x', messageId: `<${tag()}@crm.test>` });
  mailer.close();
  await mailer.send({ to, subject: 'After close', text: 'x', messageId: `<${tag()}@crm.test>` });
  mailer.close();
  expect((await waitForMail((mail) => mail.to.includes(to), 2)).map((mail) => mail.subject).sort()).toEqual(['After close', 'First']);
});
