import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pg from 'pg';

export interface BareRegistrationApp {
  baseUrl: string;
  /** A fresh list of `capacity` seats, as the event benchmark creates a fresh event each round. */
  createEvent(capacity: number): Promise<number>;
  /** How many rows of each status the list holds. */
  counts(eventId: number): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/**
 * The registration benchmark's baseline: the least a registration can cost on this machine. A
 * minimal Express app taking the same form post, one transaction that locks the event's counter
 * row (SELECT ... FOR UPDATE, as every capacity decision locks its event row), inserts one row
 * REGISTERED or WAITING and counts the seat, and a one-line HTML answer. No rate limit, contact
 * matching, account, activity, e-mail or workflow signal: what the real route adds is the ratio.
 */
export async function startBareRegistrationApp(databaseUrl: string, poolSize: number): Promise<BareRegistrationApp> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  await pool.query(`
    CREATE TABLE IF NOT EXISTS bench_bare_events (id serial PRIMARY KEY, capacity int NOT NULL, registered int NOT NULL DEFAULT 0);
    CREATE TABLE IF NOT EXISTS bench_bare_registrations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id int NOT NULL REFERENCES bench_bare_events (id),
      name text NOT NULL, email text NOT NULL, company text, phone text, source_code text,
      status text NOT NULL,
      registered_at timestamptz(3) NOT NULL DEFAULT now(),
      UNIQUE (event_id, email))`);

  const app = express();
  app.use(express.urlencoded({ extended: false, limit: '16kb' }));
  app.post('/events/:id/register', async (req, res) => {
    const form = req.body as Record<string, string | undefined>;
    if (!form.name || !form.email) return void res.status(400).type('html').send('<p>name and e-mail are required</p>');
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ capacity: number; registered: number }>('SELECT capacity, registered FROM bench_bare_events WHERE id = $1 FOR UPDATE', [req.params.id]);
      if (!rows[0]) {
        await client.query('ROLLBACK');
        return void res.status(404).type('html').send('<p>no such event</p>');
      }
      const status = rows[0].registered < rows[0].capacity ? 'REGISTERED' : 'WAITING';
      await client.query('INSERT INTO bench_bare_registrations (event_id, name, email, company, phone, source_code, status) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        req.params.id,
        form.name,
        form.email.toLowerCase(),
        form.company || null,
        form.phone || null,
        form.source || null,
        status,
      ]);
      if (status === 'REGISTERED') await client.query('UPDATE bench_bare_events SET registered = registered + 1 WHERE id = $1', [req.params.id]);
      await client.query('COMMIT');
      res.status(200).set('Cache-Control', 'no-store').type('html').send(`<p>${status === 'REGISTERED' ? 'You are registered' : 'You are on the waiting list'}</p>`);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      res.status(500).type('html').send(`<p>${(error as Error).message}</p>`);
    } finally {
      client.release();
    }
  });

  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async createEvent(capacity) {
      const { rows } = await pool.query<{ id: number }>('INSERT INTO bench_bare_events (capacity) VALUES ($1) RETURNING id', [capacity]);
      return rows[0].id;
    },
    async counts(eventId) {
      const { rows } = await pool.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM bench_bare_registrations WHERE event_id = $1 GROUP BY status', [eventId]);
      return Object.fromEntries(rows.map((row) => [row.status, row.n]));
    },
    async stop() {
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      await pool.end();
    },
  };
}
