import type { CaughtMessage } from './types';

interface Waiter {
  predicate: (m: CaughtMessage) => boolean;
  count: number;
  matched: CaughtMessage[];
  resolve(messages: CaughtMessage[]): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

/** The newest `capacity` messages, with waiters that see every arrival (even evicted ones). */
export class MessageStore {
  // A Map keeps insertion order, so the oldest entry is the first key: O(1) eviction and lookup.
  private readonly byId = new Map<string, CaughtMessage>();
  private readonly waiters = new Set<Waiter>();
  private received = 0;

  constructor(private readonly capacity: number) {}

  /** Adds a message and returns the ids evicted to stay within capacity. */
  add(message: CaughtMessage, countAsReceived = true): string[] {
    if (countAsReceived) this.received++;
    this.byId.set(message.id, message);
    const evicted: string[] = [];
    while (this.byId.size > this.capacity) {
      const oldest = this.byId.keys().next().value as string;
      this.byId.delete(oldest);
      evicted.push(oldest);
    }
    for (const waiter of this.waiters) this.offer(waiter, message);
    return evicted;
  }

  get(id: string): CaughtMessage | undefined {
    return this.byId.get(id);
  }

  all(): CaughtMessage[] {
    return [...this.byId.values()];
  }

  newest(limit: number): CaughtMessage[] {
    return this.all().reverse().slice(0, limit);
  }

  size(): number {
    return this.byId.size;
  }

  receivedCount(): number {
    return this.received;
  }

  clear(): void {
    this.byId.clear();
  }

  waitFor(predicate: (m: CaughtMessage) => boolean, count: number, timeoutMs: number): Promise<CaughtMessage[]> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        count,
        matched: [],
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(
            new Error(
              `waitForMessages: ${waiter.matched.length} of ${count} expected messages after ${timeoutMs} ms ` +
                `(${this.received} received in total)`,
            ),
          );
        }, timeoutMs),
      };
      this.waiters.add(waiter);
      for (const message of this.byId.values()) {
        if (!this.waiters.has(waiter)) return;
        this.offer(waiter, message);
      }
      if (this.waiters.has(waiter)) this.offer(waiter);
    });
  }

  /** Rejects pending waiters so callers don't hang until their timeout after close(). */
  rejectWaiters(reason: string): void {
    for (const waiter of this.waiters) this.settle(waiter, new Error(reason));
  }

  private offer(waiter: Waiter, message?: CaughtMessage): void {
    try {
      if (message && waiter.predicate(message)) waiter.matched.push(message);
    } catch (err) {
      this.settle(waiter, err instanceof Error ? err : new Error(String(err)));
      return;
    }
    if (waiter.matched.length >= waiter.count) this.settle(waiter);
  }

  private settle(waiter: Waiter, err?: Error): void {
    clearTimeout(waiter.timer);
    this.waiters.delete(waiter);
    if (err) waiter.reject(err);
    else waiter.resolve(waiter.matched);
  }
}
