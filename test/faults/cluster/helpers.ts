import type { Db } from '../../../src/db/prisma';
import type { Role } from '../../../src/auth/caller';
import { apiKeyPrefix, generateApiKey, hashApiKey } from '../../../src/users/api-keys';
import type { ApiProcess } from '../support/api-process';

export interface User {
  id: string;
  key: string;
}

/** A user straight in the database, with an API key. */
export async function userWithKey(db: Db, role: Role, tag: string): Promise<User> {
  const key = generateApiKey();
  const user = await db.user.create({
    data: { email: `${role}-${tag}-${Math.random().toString(36).slice(2, 8)}@cluster.test`, name: `Cluster ${role}`, role, apiKeys: { create: { keyHash: hashApiKey(key), prefix: apiKeyPrefix(key) } } },
    select: { id: true },
  });
  return { id: user.id, key };
}

/**
 * `count` accounts in segment `segment`, already taken into work by `ownerId` (POTENTIAL, with their
 * status history), written set-based: taking them is not what is tested. Their workflow starts with
 * their first logged activity (the API's update-with-start). Answers their ids.
 */
export async function seedTakenAccounts(db: Db, segment: string, count: number, ownerId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH taken AS (
      INSERT INTO accounts (id, name, segment, status, owner_id, updated_at)
      SELECT gen_random_uuid(), ${segment} || ' account ' || n, ${segment}, 'POTENTIAL'::"AccountStatus", ${ownerId}::uuid, now() FROM generate_series(1, ${count}::int) AS n
      RETURNING id
    ), history AS (
      INSERT INTO status_changes (id, account_id, from_status, to_status, changed_by_id, reason)
      SELECT gen_random_uuid(), id, NULL, 'NEW'::"AccountStatus", ${ownerId}::uuid, 'created' FROM taken
      UNION ALL
      SELECT gen_random_uuid(), id, 'NEW'::"AccountStatus", 'POTENTIAL'::"AccountStatus", ${ownerId}::uuid, 'taken into work' FROM taken
    )
    SELECT id::text AS id FROM taken`;
  return rows.map((row) => row.id);
}

/** `count` NEW accounts in segment `segment`, one contact each at `<segment>-<n>@<domain>`; answers the addresses. */
export async function seedAccountsWithContacts(db: Db, segment: string, count: number, domain: string): Promise<string[]> {
  await db.$executeRaw`
    WITH new_accounts AS (
      INSERT INTO accounts (id, name, segment, updated_at)
      SELECT gen_random_uuid(), ${segment} || ' account ' || n, ${segment}, now() FROM generate_series(1, ${count}::int) AS n
      RETURNING id, name
    )
    INSERT INTO contacts (id, account_id, name, email, email_normalized, is_primary)
    SELECT gen_random_uuid(), id, 'Contact of ' || name, replace(name, ' account ', '-') || '@' || ${domain}, lower(replace(name, ' account ', '-') || '@' || ${domain}), true FROM new_accounts`;
  const rows = await db.contact.findMany({ where: { emailNormalized: { startsWith: `${segment.toLowerCase()}-` } }, select: { emailNormalized: true } });
  return rows.map((row) => row.emailNormalized!);
}

export interface Answer {
  status?: number;
  body?: any;
  /** No answer: the API process was killed with the request in flight. */
  cut?: boolean;
  /** No answer from a live API process in time, or its connection failed: never expected. */
  failure?: string;
  /** Which process (by start number) it went to. */
  api: number;
}

interface Slot {
  process: ApiProcess;
  generation: number;
  inFlight: number;
  killed: boolean;
}

/**
 * The API processes, as a client behind a load balancer sees them: each request goes to the next
 * live one in turn; one being killed takes no new requests, and its requests in flight are cut.
 */
export class ApiPool {
  private slots: Slot[] = [];
  private next = 0;
  private generations = 0;
  readonly all: ApiProcess[] = [];

  constructor(private readonly startProcess: () => Promise<ApiProcess>) {}

  async start(count: number): Promise<void> {
    for (let i = 0; i < count; i++) this.slots.push(await this.newSlot());
  }

  private async newSlot(): Promise<Slot> {
    const process = await this.startProcess();
    this.all.push(process);
    return { process, generation: ++this.generations, inFlight: 0, killed: false };
  }

  /** The output of the process with this start number. */
  output(generation: number): string {
    return this.all[generation - 1]?.output() ?? '';
  }

  inFlight(index: number): number {
    return this.slots[index].inFlight;
  }

  get size(): number {
    return this.slots.length;
  }

  /** SIGKILL of the index-th process, then a new one in its place (on another port); answers the killed one's requests in flight. */
  async killAndRestart(index: number): Promise<{ inFlight: number; restartMs: number }> {
    const slot = this.slots[index];
    slot.killed = true;
    const inFlight = slot.inFlight;
    await slot.process.kill();
    const started = Date.now();
    this.slots[index] = await this.newSlot();
    return { inFlight, restartMs: Date.now() - started };
  }

  async request(method: string, path: string, key: string, body?: unknown, timeoutMs = 120_000): Promise<Answer> {
    const live = this.slots.filter((slot) => !slot.killed);
    const slot = live[this.next++ % live.length];
    slot.inFlight++;
    try {
      const response = await fetch(`${slot.process.url}${path}`, {
        method,
        headers: { Authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // kept as text
      }
      return { status: response.status, body: parsed, api: slot.generation };
    } catch (error) {
      if (slot.killed) return { cut: true, api: slot.generation };
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? '';
      return { failure: `${method} ${path} on live API ${slot.generation}: ${(error as Error).name} ${(error as Error).message} ${cause}`, api: slot.generation };
    } finally {
      slot.inFlight--;
    }
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.all.map((process) => process.stop().catch(() => undefined)));
  }
}

/** Resolves once `condition` holds, checked every 20 ms; throws `what` after `timeoutMs`. */
export async function until(what: string, condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}


export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
