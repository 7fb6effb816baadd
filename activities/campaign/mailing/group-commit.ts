/**
 * Group commit: outcomes are buffered and written by one writer, one statement for everything
 * that arrived since the previous write, the next write starting as soon as the previous one
 * ends (so a write carries more outcomes the busier the senders are). `add` answers when the
 * outcome is written: a sender that lets its next message be accepted only after that never has
 * more than one accepted message unrecorded, which is what a crash can make the next attempt
 * resend (with the same Message-IDs). A failed write is kept and rethrown by `drain`; the
 * outcomes waiting on it are released at once (`failed` says so).
 */
export class GroupCommit<T> {
  private buffer: T[] = [];
  private written: (() => void)[] = [];
  private running: Promise<void> | null = null;
  private failure: { error: unknown } | null = null;

  constructor(private readonly write: (items: T[]) => Promise<void>) {}

  get failed(): boolean {
    return this.failure !== null;
  }

  /** Buffers an outcome; resolves once it is written, or at once when a write has failed. */
  add(item: T): Promise<void> {
    if (this.failure) return Promise.resolve();
    const written = new Promise<void>((resolve) => this.written.push(resolve));
    this.buffer.push(item);
    if (!this.running) this.running = this.writeAll();
    return written;
  }

  private async writeAll(): Promise<void> {
    try {
      while (this.buffer.length) {
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

  /** Writes everything added so far; throws the first write failure. */
  async drain(): Promise<void> {
    while (this.running) await this.running;
    if (this.failure) throw this.failure.error;
  }
}
