import pg from 'pg';

export interface ActivitySample {
  samples: number;
  /** Mean number of the database's other backends running a statement (not idle) at a sample. */
  meanActive: number;
  /** Mean number of those waiting for a lock (a row or advisory lock another transaction holds). */
  meanWaitingOnLocks: number;
  /**
   * Mean number of transactions open but not running a statement: the application holds them (and
   * their locks) while it works between two statements, or waits for something else.
   */
  meanIdleInTransaction: number;
  /** The statements seen running most often, with how many samples caught each: where PostgreSQL's time goes. */
  topStatements: { statement: string; seen: number }[];
  /** What the running statements waited for when caught (IO:WALSync is a commit's flush), most often first. */
  topWaits: { wait: string; seen: number }[];
  /** Checkpoints PostgreSQL made during the sampling (timed or requested): each writes and flushes the changed pages. */
  checkpoints: number;
}

const checkpointCount = async (client: pg.Client) =>
  Number((await client.query<{ n: string }>('SELECT (num_timed + num_requested)::text AS n FROM pg_stat_checkpointer')).rows[0].n);

/**
 * A poor man's profile of the database while the load runs: pg_stat_activity every `everyMs`
 * (sampling, not tracing, so it costs the load almost nothing). A statement caught often is one
 * that takes long or runs often; one caught waiting on a Lock waits for a row another holds.
 */
export async function sampleDatabaseActivity(databaseUrl: string, everyMs = 20): Promise<{ stop(): Promise<ActivitySample> }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let running = true;
  let samples = 0;
  let active = 0;
  let waiting = 0;
  let idleInTransaction = 0;
  const seen = new Map<string, number>();
  const waits = new Map<string, number>();
  const checkpointsBefore = await checkpointCount(client);
  const loop = (async () => {
    while (running) {
      const { rows: all } = await client.query<{ query: string; state: string; wait_event_type: string | null; wait_event: string | null }>(
        `SELECT query, state, wait_event_type, wait_event FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction') AND backend_type = 'client backend'`,
      );
      const rows = all.filter((row) => row.state === 'active');
      samples++;
      active += rows.length;
      idleInTransaction += all.length - rows.length;
      for (const row of rows) {
        if (row.wait_event_type === 'Lock') waiting++;
        const wait = row.wait_event_type ? `${row.wait_event_type}:${row.wait_event}` : 'on CPU';
        waits.set(wait, (waits.get(wait) ?? 0) + 1);
        // Which lock: advisory (a pg_advisory_xact_lock), tuple or transactionid (a row another transaction holds).
        const statement = `${row.wait_event_type === 'Lock' ? `[waits on ${row.wait_event} lock] ` : ''}${row.query.replace(/\s+/g, ' ').slice(0, 140)}`;
        seen.set(statement, (seen.get(statement) ?? 0) + 1);
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const checkpoints = (await checkpointCount(client)) - checkpointsBefore;
      await client.end();
      const top = (counts: Map<string, number>, size: number) => [...counts].sort((a, b) => b[1] - a[1]).slice(0, size);
      const topStatements = top(seen, 8).map(([statement, count]) => ({ statement, seen: count }));
      const topWaits = top(waits, 6).map(([wait, count]) => ({ wait, seen: count }));
      return { samples, meanActive: active / (samples || 1), meanWaitingOnLocks: waiting / (samples || 1), meanIdleInTransaction: idleInTransaction / (samples || 1), topStatements, topWaits, checkpoints };
    },
  };
}
