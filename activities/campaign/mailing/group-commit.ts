/**
 * Group commit: outcomes are buffered and written by one writer, one statement for everything
 * that arrived since the previous write, the next write starting as soon as the previous one
 * ends. Like PostgreSQL's commit_delay, a write that would carry fewer than `minBatch` outcomes
 * first lingers up to `lingerMs` for more: each statement costs the client about half a
 * millisecond of CPU, as much as a whole SMTP send, so writing outcomes one or two at a time
 * would cost a third of the throughput. What a crash can lose is what is unwritten: at most
 * `lingerMs` worth of sends plus those in flight, which the next attempt resends with the same
 * Message-IDs. A failed write is kept and rethrown by `drain`.
 */
export class GroupCommit<T> {
  private buffer: T[] = [];
  private running: Promise<void> | null = null;
  private failure: { error: unknown } | null = null;
  private lingering: { timer: NodeJS.Timeout; resolve: () => void } | null = null;
  private draining = false;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly options: { minBatch: number; lingerMs: number } = { minBatch: 1, lingerMs: 0 },
  ) {}

  get failed(): boolean {
    return this.failure !== null;
  }

  add(item: T): void {
    this.buffer.push(item);
    if (this.lingering && this.buffer.length >= this.options.minBatch) this.stopLingering();
    if (!this.running && !this.failure) this.running = this.writeAll();
  }

  private stopLingering() {
    if (!this.lingering) return;
    clearTimeout(this.lingering.timer);
    this.lingering.resolve();
    this.lingering = null;
  }

  private linger(): Promise<void> {
    return new Promise((resolve) => {
      this.lingering = { timer: setTimeout(() => this.stopLingering(), this.options.lingerMs), resolve };
    });
  }

  private async writeAll(): Promise<void> {
    try {
      while (this.buffer.length) {
        if (!this.draining && this.options.lingerMs > 0 && this.buffer.length < this.options.minBatch) await this.linger();
        const items = this.buffer;
        this.buffer = [];
        await this.write(items);
      }
    } catch (error) {
      this.failure = { error };
    } finally {
      this.running = null;
    }
  }

  /** Writes everything added so far, without lingering; throws the first write failure. */
  async drain(): Promise<void> {
    this.draining = true;
    this.stopLingering();
    try {
      while (this.running) await this.running;
    } finally {
      this.draining = false;
    }
    if (this.failure) throw this.failure.error;
  }
}
