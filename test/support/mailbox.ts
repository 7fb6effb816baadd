import { testService } from './test-services';

export interface ReceivedMail {
  id: string;
  messageId?: string;
  subject?: string;
  to: string[];
  text?: string;
  headers: Record<string, string>;
}

/** Every message the run's SMTP catcher holds, newest first. */
export async function receivedMail(): Promise<ReceivedMail[]> {
  const response = await fetch(`${testService('mailCatcherUrl')}/api/messages?limit=10000`);
  if (!response.ok) throw new Error(`mail catcher answered ${response.status}`);
  return (await response.json()) as ReceivedMail[];
}

/** Waits until the catcher holds `count` messages matching `predicate` (test files share it). */
export async function waitForMail(predicate: (mail: ReceivedMail) => boolean, count = 1, timeoutMs = 30_000): Promise<ReceivedMail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const matching = (await receivedMail()).filter(predicate);
    if (matching.length >= count) return matching;
    if (Date.now() > deadline) throw new Error(`expected ${count} matching message(s), found ${matching.length}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
