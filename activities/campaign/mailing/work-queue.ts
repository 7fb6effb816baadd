/** A queue between one producer (the claimer) and several consumers (the senders). */
export class WorkQueue<T> {
  private items: T[] = [];
  private head = 0;
  private closed = false;
  private takers: ((item: T | undefined) => void)[] = [];
  private room: { below: number; resolve: () => void } | null = null;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    const taker = this.takers.shift();
    if (taker) taker(item);
    else this.items.push(item);
  }

  /** The next item, or undefined once the queue is closed and empty. */
  take(): Promise<T | undefined> {
    if (this.length) {
      const item = this.items[this.head++];
      if (this.head > 1024 && this.head * 2 > this.items.length) {
        this.items = this.items.slice(this.head);
        this.head = 0;
      }
      if (this.room && this.length < this.room.below) {
        this.room.resolve();
        this.room = null;
      }
      return Promise.resolve(item);
    }
    if (this.closed) return Promise.resolve(undefined);
    if (this.room) {
      this.room.resolve();
      this.room = null;
    }
    return new Promise((resolve) => this.takers.push(resolve));
  }

  /** Resolves once fewer than `below` items wait (the producer keeps about one chunk ahead). */
  waitBelow(below: number): Promise<void> {
    if (this.length < below) return Promise.resolve();
    return new Promise((resolve) => {
      this.room = { below, resolve };
    });
  }

  /** No more items: waiting consumers get undefined; what is queued can still be taken. */
  close(): void {
    this.closed = true;
    for (const taker of this.takers.splice(0)) taker(undefined);
  }
}
