/**
 * A token bucket in its GCRA form: each send reserves the next slot at once, so concurrent
 * senders share the rate without a queue. A burst of up to a tenth of a second's worth of
 * messages may leave together; after that they leave at `ratePerSecond`.
 */
export class TokenBucket {
  private intervalMs: number;
  private toleranceMs: number;
  private theoreticalArrival = 0;

  constructor(private ratePerSecond: number) {
    this.intervalMs = 1000 / ratePerSecond;
    this.toleranceMs = this.burstTolerance();
  }

  private burstTolerance() {
    return (Math.max(1, Math.ceil(this.ratePerSecond / 10)) - 1) * this.intervalMs;
  }

  get rate(): number {
    return this.ratePerSecond;
  }

  /** Undefined when a token is there now (no timer, no promise: the common case at high rates). */
  take(): Promise<void> | undefined {
    const now = performance.now();
    const slot = Math.max(this.theoreticalArrival, now);
    this.theoreticalArrival = slot + this.intervalMs;
    const wait = slot - now - this.toleranceMs;
    return wait > 0.5 ? new Promise((resolve) => setTimeout(resolve, wait)) : undefined;
  }

  /** Halves the rate (not below one per second): the server said it is overloaded (421, 454). */
  slowDown(): void {
    this.ratePerSecond = Math.max(1, this.ratePerSecond / 2);
    this.intervalMs = 1000 / this.ratePerSecond;
    this.toleranceMs = this.burstTolerance();
  }
}
