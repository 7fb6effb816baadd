import type pg from 'pg';

/**
 * `count` accounts already in the CRM (NEW, in the pool), each with one contact, written set-based:
 * a registration matches its person against them (by e-mail, then by company name), and an empty
 * database would hide what that matching costs in a CRM with data.
 */
export async function seedExistingAccounts(client: pg.Client, count: number): Promise<void> {
  if (count <= 0) return;
  await client.query(
    `WITH accounts AS (
       INSERT INTO accounts (id, name, status, time_zone, updated_at)
       SELECT gen_random_uuid(), 'Existing account ' || g, 'NEW', 'UTC', now() FROM generate_series(1, $1::int) g
       RETURNING id, name
     )
     INSERT INTO contacts (id, account_id, name, email, email_normalized, is_primary)
     SELECT gen_random_uuid(), id, 'Contact of ' || name, 'contact.' || id || '@example.com', 'contact.' || id || '@example.com', true FROM accounts`,
    [count],
  );
  await client.query('ANALYZE accounts, contacts');
}
