// Freezing a LIST stage's target list over 1,000,000 contacts (duplicates merged, suppressed
// contacts removed, a random 10% test cell) against a bare INSERT … SELECT of the segment's rows
// into a table with campaign_recipients' primary key, alternated over several rounds.
// SPEC.md's target: at most 1.25 times the bare INSERT … SELECT.
//
// Database: a fresh one of its own on DATABASE_URL's server (created and dropped here), else an
// embedded PostgreSQL in a throwaway folder. BENCH_CONTACTS (default 1,000,000), BENCH_ROUNDS (5).
import { randomUUID } from 'node:crypto';
import { createListActivities } from '../activities/campaign/list-activities';
import { applyMigrations } from '../src/db/migrate';
import { createPrismaClient, type Db } from '../src/db/prisma';
import { Prisma } from '../src/generated/prisma/client';
import type { Mailer } from '../src/mail/mailer';
import { criteriaToSql } from '../src/segments/criteria-to-sql';
import { SegmentCriteria } from '../src/segments/segment-criteria.schemas';
import { openBenchDatabase } from './lib/bench-database';
import { median } from './lib/constant-rate-load';

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONTACTS_PER_ACCOUNT = 5;
const CRITERIA = { field: 'account.segment', op: 'eq', value: 'bench' } as const;

/**
 * Accounts and contacts in two set-based statements, with the contacts' secondary indexes built
 * afterwards (as a bulk load does); the tables then look like the real schema's. Contact i:
 * - every 20th (i % 20 = 0) has the address of contact i-1, in another account: 5% duplicates;
 * - i % 100 = 1, 2, 3: unsubscribed, bounced, do-not-contact: 3% suppressed;
 * - i % 50 = 7: no e-mail (2%);
 * - the first contact of each account is its primary contact; creation times vary.
 */
async function seed(db: Db): Promise<string> {
  const accounts = Math.ceil(CONTACTS / CONTACTS_PER_ACCOUNT);
  await db.$executeRaw`
    INSERT INTO accounts (id, name, segment, status, fields, created_at, updated_at)
    SELECT md5('account' || i)::uuid, 'Account ' || i, 'bench', 'NEW', '{}', now(), now() FROM generate_series(0, ${accounts - 1}::int) i`;
  await db.$executeRawUnsafe('DROP INDEX contacts_account_id_idx, contacts_email_normalized_idx');
  await db.$executeRaw`
    INSERT INTO contacts (id, account_id, name, email, email_normalized, is_primary, created_at, do_not_contact, unsubscribed_at, bounced_at)
    SELECT gen_random_uuid(), md5('account' || (i / ${CONTACTS_PER_ACCOUNT}::int))::uuid, 'Contact ' || i, e.email, lower(e.email),
      i % ${CONTACTS_PER_ACCOUNT}::int = 0, now() - (i % 1000) * interval '1 minute',
      i % 100 = 3, CASE WHEN i % 100 = 1 THEN now() END, CASE WHEN i % 100 = 2 THEN now() END
    FROM generate_series(0, ${CONTACTS - 1}::int) i
    CROSS JOIN LATERAL (SELECT CASE WHEN i % 50 = 7 THEN NULL WHEN i % 20 = 0 THEN 'Person' || (i - 1) || '@Example.com' ELSE 'person' || i || '@example.com' END AS email) e`;
  await db.$executeRawUnsafe('CREATE INDEX contacts_account_id_idx ON contacts (account_id)');
  await db.$executeRawUnsafe('CREATE INDEX contacts_email_normalized_idx ON contacts (email_normalized)');
  // Hint bits and statistics set now, so that no round pays for them.
  await db.$executeRawUnsafe('VACUUM ANALYZE accounts');
  await db.$executeRawUnsafe('VACUUM ANALYZE contacts');
  const segment = await db.segment.create({ data: { name: 'bench', criteria: CRITERIA }, select: { id: true } });
  return segment.id;
}

const noMailer: Mailer = { send: async () => ({ messageId: '' }), maxConnections: 1, close: () => undefined };

async function time<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

async function main() {
  const database = await openBenchDatabase('list');
  const db = createPrismaClient(database.url);
  try {
    await applyMigrations(database.url);
    const seeded = await time(() => seed(db));
    const segmentId = seeded.value;
    console.log(`seeded ${CONTACTS.toLocaleString('en')} contacts in ${Math.ceil(CONTACTS / CONTACTS_PER_ACCOUNT).toLocaleString('en')} accounts in ${(seeded.ms / 1000).toFixed(1)} s`);
    await db.$executeRawUnsafe(`CREATE TABLE bench_baseline (LIKE campaign_recipients INCLUDING DEFAULTS, PRIMARY KEY (campaign_id, contact_id))`);
    const { freezeTargetList } = createListActivities({ db, mailer: noMailer, publicUrl: 'http://bench' });
    const where = criteriaToSql(SegmentCriteria.parse(CRITERIA));

    // The same rows and columns the list inserts, with no merging, suppression or cell: the bare cost.
    const bareInsert = (orderByKey: boolean) =>
      db.$executeRaw`
        INSERT INTO bench_baseline (campaign_id, contact_id, account_id, email_normalized, cell, list_stage_id)
        SELECT CAST(${randomUUID()} AS uuid), c.id, c.account_id, c.email_normalized, 'TARGET', CAST(${randomUUID()} AS uuid)
        FROM contacts c JOIN accounts a ON a.id = c.account_id
        WHERE ${where}
        ${orderByKey ? Prisma.sql`ORDER BY c.id` : Prisma.empty}`;
    // Each measured step starts from empty target tables and a clean checkpoint.
    const reset = async () => {
      await db.$executeRawUnsafe('TRUNCATE bench_baseline, campaign_recipients');
      await db.$executeRawUnsafe('CHECKPOINT');
    };

    const bare: number[] = [];
    const bareOrdered: number[] = [];
    const frozen: number[] = [];
    let listed = 0;
    let rows = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      await reset();
      const b = await time(() => bareInsert(false));
      rows = b.value;
      bare.push(b.ms);

      await reset();
      const campaign = await db.campaign.create({ data: { name: `bench ${round}`, status: 'RUNNING' }, select: { id: true } });
      const settings = { segmentId, testCell: { mode: 'random', percent: 10 } };
      const stage = await db.campaignStage.create({
        data: { campaignId: campaign.id, position: 0, type: 'LIST', status: 'RUNNING', settings, startedSettings: settings, startedAt: new Date() },
        select: { id: true },
      });
      const f = await time(() => freezeTargetList({ campaignId: campaign.id, stageId: stage.id }));
      await db.campaign.update({ where: { id: campaign.id }, data: { status: 'COMPLETED' } });
      listed = f.value.listed;
      frozen.push(f.ms);

      await reset();
      const o = await time(() => bareInsert(true));
      bareOrdered.push(o.ms);
      console.log(
        `round ${round}: bare INSERT … SELECT ${(b.ms / 1000).toFixed(2)} s (${b.value} rows) | freezeTargetList ${(f.ms / 1000).toFixed(2)} s ` +
          `(matched ${f.value.matched}, merged ${f.value.merged}, suppressed ${f.value.suppressed}, listed ${f.value.listed}, test cell ${f.value.testCell}) ` +
          `x${(f.ms / b.ms).toFixed(2)} | bare INSERT … SELECT … ORDER BY key ${(o.ms / 1000).toFixed(2)} s`,
      );
    }
    const [b, f, o] = [median(bare), median(frozen), median(bareOrdered)];
    const perSecond = (count: number, ms: number) => Math.round(count / (ms / 1000)).toLocaleString('en');
    console.log(`\nlist-generation over ${CONTACTS.toLocaleString('en')} contacts, ${ROUNDS} rounds, medians:`);
    console.log(`  bare INSERT … SELECT (baseline)            ${(b / 1000).toFixed(2)} s  ${perSecond(rows, b)} rows/s`);
    console.log(`  freezeTargetList                           ${(f / 1000).toFixed(2)} s  ${perSecond(listed, f)} listed rows/s, ${perSecond(CONTACTS, f)} contacts/s`);
    console.log(`  ratio to baseline                          x${(f / b).toFixed(2)}  (target <= 1.25; median of per-round ratios x${median(frozen.map((ms, i) => ms / bare[i])).toFixed(2)})`);
    console.log(`  for reference: bare INSERT … ORDER BY key  ${(o / 1000).toFixed(2)} s  (the list inserts in key order too: x${(f / o).toFixed(2)} of this)`);
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
