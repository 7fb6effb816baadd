import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import { sqlPool, type Db } from '../db/prisma';

/** Every this many hits, a process also deletes the windows that ended over an hour ago. */
const PURGE_EVERY = 1_000;

interface WindowRow {
  hits: number;
  remaining_ms: string;
}

/**
 * express-rate-limit's counters in PostgreSQL (rate_limit_windows), so that every API process counts
 * the same hits: fixed windows, one upsert per hit, and a window that has ended is reused by the next
 * hit of its key rather than deleted. Times come from PostgreSQL's clock, the one all processes share.
 */
export class PostgresRateLimitStore implements Store {
  /** Counts are shared by every process: express-rate-limit checks double counting per key. */
  readonly localKeys = false;
  private hitsSincePurge = 0;

  constructor(
    private readonly db: Db,
    /** Keeps the keys of different limiters apart in the one table. */
    readonly prefix: string,
    private windowMs: number,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const { rows } = await sqlPool(this.db).query<WindowRow>(
      `INSERT INTO rate_limit_windows AS w (key, hits, reset_at) VALUES ($1, 1, now() + $2::double precision * interval '1 millisecond')
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN w.reset_at <= now() THEN 1 ELSE w.hits + 1 END,
         reset_at = CASE WHEN w.reset_at <= now() THEN EXCLUDED.reset_at ELSE w.reset_at END
       RETURNING w.hits, ceil(extract(epoch FROM w.reset_at - now()) * 1000)::bigint::text AS remaining_ms`,
      [this.prefix + key, this.windowMs],
    );
    if (++this.hitsSincePurge >= PURGE_EVERY) {
      this.hitsSincePurge = 0;
      await sqlPool(this.db).query(`DELETE FROM rate_limit_windows WHERE reset_at < now() - interval '1 hour'`);
    }
    return toInfo(rows[0]);
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const { rows } = await sqlPool(this.db).query<WindowRow>(
      `SELECT hits, ceil(extract(epoch FROM reset_at - now()) * 1000)::bigint::text AS remaining_ms FROM rate_limit_windows WHERE key = $1 AND reset_at > now()`,
      [this.prefix + key],
    );
    return rows[0] ? toInfo(rows[0]) : undefined;
  }

  async decrement(key: string): Promise<void> {
    await sqlPool(this.db).query(`UPDATE rate_limit_windows SET hits = hits - 1 WHERE key = $1 AND reset_at > now() AND hits > 0`, [this.prefix + key]);
  }

  async resetKey(key: string): Promise<void> {
    await sqlPool(this.db).query(`DELETE FROM rate_limit_windows WHERE key = $1`, [this.prefix + key]);
  }
}

/** The window's end on this process's clock: what is left of it by PostgreSQL's, from now. */
function toInfo(row: WindowRow): ClientRateLimitInfo {
  return { totalHits: row.hits, resetTime: new Date(Date.now() + Math.max(0, Number(row.remaining_ms))) };
}
