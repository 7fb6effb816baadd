import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { applyMigrations, DEFAULT_MIGRATIONS_DIR } from '../../src/db/migrate';
import { createScratchDatabase, type ScratchDatabase } from '../support/test-database';

const MIGRATION = fs.readdirSync(DEFAULT_MIGRATIONS_DIR).find((name) => name.endsWith('_event_measures'))!;

let database: ScratchDatabase;
let before: string;
beforeAll(async () => {
  database = await createScratchDatabase();
  // The migrations as they were before this one.
  before = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-before-'));
  fs.cpSync(DEFAULT_MIGRATIONS_DIR, before, { recursive: true });
  fs.rmSync(path.join(before, MIGRATION), { recursive: true });
});
afterAll(async () => {
  await database?.drop();
  fs.rmSync(before, { recursive: true, force: true });
});

test('check-ins made before the column existed get the activity they logged: through their response, else the INTERESTED activity stamped at the check-in', async () => {
  await applyMigrations(database.url, { migrationsDir: before });
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const ids = (await client.query<{ id: string }>('SELECT gen_random_uuid()::text AS id FROM generate_series(1, 14)')).rows.map((row) => row.id);
    const [user, account, contact, other, campaign, source, withCampaign, withoutCampaign, viaResponse, response, stamped, unrelated, otherContact, registration] = ids as [string, ...string[]];
    const at = '2026-11-10 09:00:00+00';
    await client.query(`
      INSERT INTO users (id, email, name, role) VALUES ('${user}', 'staff@example.com', 'Staff', 'manager');
      INSERT INTO accounts (id, name, status, updated_at) VALUES ('${account}', 'Acme', 'CONTACT_ESTABLISHED', now()), ('${other}', 'Other', 'NEW', now());
      INSERT INTO contacts (id, account_id, name) VALUES ('${contact}', '${account}', 'Ann'), ('${otherContact}', '${other}', 'Bob');
      INSERT INTO campaigns (id, name, updated_at) VALUES ('${campaign}', 'Fair', now());
      INSERT INTO campaign_sources (id, campaign_id, code, name) VALUES ('${source}', '${campaign}', 'WEB', 'Web');
      INSERT INTO events (id, name, kind, owner_id, campaign_id, updated_at) VALUES ('${withCampaign}', 'Fair day', 'fair', '${user}', '${campaign}', now()), ('${withoutCampaign}', 'Open day', 'day', '${user}', NULL, now());
      INSERT INTO activities (id, account_id, type, outcome, occurred_at, logged_by_id, state) VALUES
        ('${viaResponse}', '${account}', 'MEETING', 'INTERESTED', '${at}', '${user}', 'APPLIED'),
        ('${stamped}', '${account}', 'MEETING', 'INTERESTED', '2026-11-11 10:00:00+00', '${user}', 'APPLIED'),
        ('${unrelated}', '${account}', 'CALL', 'CONTACT_MADE', '2026-11-11 10:00:00+00', '${user}', 'APPLIED');
      INSERT INTO responses (id, campaign_id, source_id, account_id, type, activity_id, occurred_at, created_by_id) VALUES
        ('${response}', '${campaign}', '${source}', '${account}', 'ATTENDANCE', '${viaResponse}', '${at}', '${user}');
      INSERT INTO event_registrations (id, event_id, contact_id, account_id, status, channel, checked_in_at, checked_in_by_id, attendance_response_id, updated_at) VALUES
        ('${registration}', '${withCampaign}', '${contact}', '${account}', 'REGISTERED', 'API', '${at}', '${user}', '${response}', now()),
        (gen_random_uuid(), '${withoutCampaign}', '${contact}', '${account}', 'REGISTERED', 'API', '2026-11-11 10:00:00+00', '${user}', NULL, now()),
        (gen_random_uuid(), '${withoutCampaign}', '${otherContact}', '${other}', 'REGISTERED', 'API', NULL, NULL, NULL, now());
    `);
    expect(await applyMigrations(database.url)).toEqual({ applied: [MIGRATION] });
    const rows = await client.query<{ event_id: string; account_id: string; attendance_activity_id: string | null }>('SELECT event_id, account_id, attendance_activity_id FROM event_registrations ORDER BY event_id, account_id');
    const linked = Object.fromEntries(rows.rows.map((row) => [`${row.event_id === withCampaign ? 'fair' : 'open'}:${row.account_id === account ? 'acme' : 'other'}`, row.attendance_activity_id]));
    expect(linked).toEqual({ 'fair:acme': viaResponse, 'open:acme': stamped, 'open:other': null });
  } finally {
    await client.end();
  }
});
