import type { Client } from '@temporalio/client';
import { signalEventMailQueued } from '../../src/events/event-workflow-client';

/** A client whose signals answer when the test says: how many left, and a way to answer the oldest. */
function heldSignals() {
  const waiting: (() => void)[] = [];
  let sent = 0;
  const client = {
    workflow: {
      getHandle: () => ({
        signal: () => {
          sent++;
          return new Promise<void>((resolve) => waiting.push(resolve));
        },
      }),
    },
  } as unknown as Client;
  return {
    temporal: { client, taskQueue: 'unused' },
    sent: () => sent,
    async answerOldest() {
      waiting.shift()!();
      // Lets the chained promises move on.
      for (let i = 0; i < 10; i++) await Promise.resolve();
    },
  };
}

test('when registrations keep queueing mail while a signal is in flight then each waits for two signals at most', async () => {
  const signals = heldSignals();
  const settled: string[] = [];
  const call = (name: string) => signalEventMailQueued(signals.temporal, 'event-1', undefined).then(() => void settled.push(name));

  const first = call('first');
  expect(signals.sent()).toBe(1);
  // Queued while the first signal is in flight: both share the one that leaves after it.
  const second = call('second');
  const third = call('third');
  expect(signals.sent()).toBe(1);

  await signals.answerOldest();
  await first;
  expect(settled).toEqual(['first']);
  expect(signals.sent()).toBe(2);

  // The rush goes on: a fourth, queued while the second signal is in flight, does not hold up the second and third.
  const fourth = call('fourth');
  await signals.answerOldest();
  await Promise.all([second, third]);
  expect(settled).toEqual(['first', 'second', 'third']);
  expect(signals.sent()).toBe(3);

  await signals.answerOldest();
  await fourth;
  expect(settled).toEqual(['first', 'second', 'third', 'fourth']);
  expect(signals.sent()).toBe(3);

  // Nothing in flight any more: the next one leaves at once.
  const fifth = call('fifth');
  expect(signals.sent()).toBe(4);
  await signals.answerOldest();
  await fifth;
});

test('when the signal fails then the caller still goes on (the e-mails wait in the outbox)', async () => {
  const client = { workflow: { getHandle: () => ({ signal: () => Promise.reject(new Error('Temporal unreachable')) }) } } as unknown as Client;
  const warnings: string[] = [];
  const logger = { warn: (_: object, message: string) => warnings.push(message) } as never;
  await expect(signalEventMailQueued({ client, taskQueue: 'unused' }, 'event-2', logger)).resolves.toBeUndefined();
  expect(warnings).toHaveLength(1);
});
