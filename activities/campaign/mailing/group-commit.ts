/** How many outcomes a write waits for, and for how long at most, before it starts. */
export interface Gathering {
  items: number;
  ms: number;
}

/**
 * Group commit: outcomes are buffered and written by one writer, one statement for everything
 * that arrived since the previous write. A write starts once `gather.items` outcomes wait or the
 * first of them has waited `gather.ms`: every write is a commit PostgreSQL flushes to disk, and
 * gathering a few halves how many a mailing makes. `add` answers when the outcome is written: a
 * sender that sends its next message only after that never has more than one accepted message
 * unrecorded, which is what a crash can make the next attempt resend (with the same
 * Message-IDs). A failed write is kept and rethrown by `drain`; the outcomes waiting on it are
 * released at once (`failed` says so).
 */
export class GroupCommit<T> {
  private buffer: T[] = [];
  private written: (() => void)[] = [];
  private running: Promise<void> | null = null;
  private failure: { error: unknown } | null = null;
  private gathered: (() => void) | null = null;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly gather: Gathering = { items: 1, ms: 0 },
  ) {}

  get failed(): boolean {
    return this.failure !== null;
  }

  /** Buffers an outcome; resolves once it is written, or at once when a write has failed. */
  add(item: T): Promise<void> {
    if (this.failure) return Promise.resolve();
    const written = new Promise<void>((resolve) => this.written.push(resolve));
    this.buffer.push(item);
    if (this.buffer.length >= this.gather.items) this.gathered?.();
    if (!this.running) this.running = this.writeAll();
    return written;
  }

  private async writeAll(): Promise<void> {
    try {
      while (this.buffer.length) {
        if (this.buffer.length < this.gather.items && this.gather.ms > 0) await this.gatherMore();
        const [items, written] = [this.buffer, this.written];
        [this.buffer, this.written] = [[], []];
        try {
          await this.write(items);
        } finally {
          for (const resolve of written) resolve();
        }
      }
    } catch (error) {
      this.failure = { error };
      for (const resolve of this.written) resolve();
      this.written = [];
    } finally {
      this.running = null;
    }
  }

  /** Resolves once enough outcomes wait (`add` calls it) or the gathering time is over. */
  private gatherMore(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.gathered = null;
        resolve();
      };
      const timer = setTimeout(done, this.gather.ms);
      this.gathered = done;
    });
  }

  /** Writes everything added so far; throws the first write failure. */
  async drain(): Promise<void> {
    while (this.running) await this.running;
    if (this.failure) throw this.failure.error;
  }
}
