// Freezing a reminder mailing's cohort over a 1,000,000-contact campaign list (the target cell, who
// did not respond since the first mailing started, whose mail did not bounce) against a bare
// INSERT … SELECT of the very same member rows (same columns, same count) from the list into a table
// with campaign_stage_members' primary key, alternated over several rounds. The issue's target: at
// most 1.5 times the bare INSERT … SELECT.
//
// Database: a fresh one of its own on DATABASE_URL's server (created and dropped here), else an
// embedded PostgreSQL in a throwaway folder. BENCH_CONTACTS (default 1,000,000), BENCH_ROUNDS (5).
import { freezeStageCohort, type CohortCounts } from '../activities/campaign/list/freeze-stage-cohort';
import { CohortFilter } from '../src/campaigns/journey.schemas';
import { applyMigrations } from '../src/db/migrate';
import { createPrismaClient, type Db } from '../src/db/prisma';
import { openBenchDatabase } from './lib/bench-database';
import { median } from './lib/constant-rate-load';
import { seedCohortJourney } from './lib/seed-cohort-journey';

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

/** The reminder's cohort: target cell, no response since stage 2 (the mailing) started, the mail not bounced. */
const COHORT = CohortFilter.parse({ response: { responded: false, window: { fromStage: 1 } }, mailing: { stage: 1, outcomes: ['sent', 'failed', 'skipped'] } });

async function time<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/** A RUNNING reminder MAILING (or CALL_TASKS) stage with the cohort, as startStage leaves it. */
async function cohortStage(db: Db, campaignId: string, position: number, type: 'MAILING' | 'CALL_TASKS' = 'MAILING'): Promise<string> {
  const settings = type === 'MAILING' ? { templateKey: 'bench', ratePerSecond: 100, template: { key: 'bench', subject: 'Hi', text: 'Hi', html: null } } : { title: 'Call', dueAfter: 'P2D' };
  const stage = await db.campaignStage.create({
    data: { campaignId, position, type, status: 'RUNNING', cohort: COHORT, settings, startedSettings: settings, startedAt: new Date() },
    select: { id: true },
  });
  return stage.id;
}

async function main() {
  const database = await openBenchDatabase('cohort');
  const db = createPrismaClient(database.url);
  try {
    await applyMigrations(database.url);
    const seeded = await time(() => seedCohortJourney(db, CONTACTS));
    const { campaignId } = seeded.value;
    console.log(
      `seeded ${CONTACTS.toLocaleString('en')} contacts, ${seeded.value.listed.toLocaleString('en')} listed, ${seeded.value.responses.toLocaleString('en')} responses, ` +
        `deliveries ${JSON.stringify(seeded.value.deliveries)} in ${(seeded.ms / 1000).toFixed(1)} s`,
    );
    const freeze = (stageId: string) => db.$transaction((tx) => freezeStageCohort(tx, { campaignId, stageId, cohort: COHORT }), { timeout: 15 * 60_000 });

    // The very rows the cohort holds, marked once (from a warm-up freeze) on the list itself, so that
    // the bare statement reads them from the same table with a plain filter and no join; the table is
    // then rewritten in key order, as the list is written. Also copied aside, for a stricter reference.
    const warmUp = await cohortStage(db, campaignId, 2);
    const expected = await freeze(warmUp);
    await db.$executeRawUnsafe('ALTER TABLE campaign_recipients ADD COLUMN bench_member boolean NOT NULL DEFAULT false');
    await db.$executeRawUnsafe(`UPDATE campaign_recipients r SET bench_member = true FROM campaign_stage_members m WHERE m.stage_id = '${warmUp}' AND r.campaign_id = '${campaignId}' AND r.contact_id = m.contact_id`);
    await db.$executeRawUnsafe('CLUSTER campaign_recipients USING campaign_recipients_pkey');
    await db.$executeRawUnsafe(`CREATE TABLE bench_cohort_rows AS SELECT contact_id, account_id, enrollment_id FROM campaign_stage_members ORDER BY contact_id`);
    await db.$executeRawUnsafe(`CREATE TABLE bench_baseline (LIKE campaign_stage_members INCLUDING DEFAULTS, PRIMARY KEY (stage_id, contact_id))`);
    for (const table of ['campaign_recipients', 'bench_cohort_rows']) await db.$executeRawUnsafe(`VACUUM ANALYZE ${table}`);
    // The same rows, same columns, into a table with the members' primary key: read from the list by a plain filter (the
    // baseline), or from a copy of just those rows (the stricter reference: nothing to read past).
    const bareInsert = (stageId: string) =>
      db.$executeRaw`
        INSERT INTO bench_baseline (stage_id, contact_id, account_id, enrollment_id)
        SELECT CAST(${stageId} AS uuid), contact_id, account_id, enrollment_id FROM campaign_recipients
        WHERE campaign_id = CAST(${campaignId} AS uuid) AND bench_member`;
    const copyInsert = (stageId: string) =>
      db.$executeRaw`
        INSERT INTO bench_baseline (stage_id, contact_id, account_id, enrollment_id)
        SELECT CAST(${stageId} AS uuid), contact_id, account_id, enrollment_id FROM bench_cohort_rows`;
    // Each measured step starts from empty target tables and a clean checkpoint.
    const reset = async () => {
      await db.$executeRawUnsafe('TRUNCATE bench_baseline, campaign_stage_members');
      await db.$executeRawUnsafe('CHECKPOINT');
    };

    const bare: number[] = [];
    const frozen: number[] = [];
    const copied: number[] = [];
    let counts: CohortCounts = expected;
    for (let round = 1; round <= ROUNDS; round++) {
      const stageId = await cohortStage(db, campaignId, 2 + round);
      await reset();
      const b = await time(() => bareInsert(stageId));
      bare.push(b.ms);

      await reset();
      const f = await time(() => freeze(stageId));
      counts = f.value;
      frozen.push(f.ms);

      await reset();
      const c = await time(() => copyInsert(stageId));
      copied.push(c.ms);
      if (counts.members !== expected.members || b.value !== expected.members || c.value !== expected.members) {
        throw new Error(`round ${round}: ${counts.members} members, ${b.value} and ${c.value} bare rows, expected ${expected.members}`);
      }
      console.log(
        `round ${round}: bare INSERT … SELECT ${(b.ms / 1000).toFixed(2)} s (${b.value} rows) | freezeStageCohort ${(f.ms / 1000).toFixed(2)} s ` +
          `(${counts.members} members) x${(f.ms / b.ms).toFixed(2)} | bare INSERT … SELECT from a copy of the rows ${(c.ms / 1000).toFixed(2)} s`,
      );
    }
    const [b, f, c] = [median(bare), median(frozen), median(copied)];
    const perSecond = (count: number, ms: number) => Math.round(count / (ms / 1000)).toLocaleString('en');
    console.log(`\nstage-cohort over ${CONTACTS.toLocaleString('en')} contacts (${seeded.value.listed.toLocaleString('en')} listed, ${counts.members.toLocaleString('en')} in the cohort), ${ROUNDS} rounds, medians:`);
    console.log(`  bare INSERT … SELECT of the member rows from the list (baseline)  ${(b / 1000).toFixed(2)} s  ${perSecond(counts.members, b)} rows/s`);
    console.log(`  freezeStageCohort                                                 ${(f / 1000).toFixed(2)} s  ${perSecond(counts.members, f)} member rows/s`);
    console.log(`  ratio to baseline                                                 x${(f / b).toFixed(2)}  (target <= 1.5; median of per-round ratios x${median(frozen.map((ms, i) => ms / bare[i])).toFixed(2)})`);
    console.log(`  for reference: bare INSERT … SELECT from a copy of just those rows ${(c / 1000).toFixed(2)} s  (x${(f / c).toFixed(2)} of this)`);
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
