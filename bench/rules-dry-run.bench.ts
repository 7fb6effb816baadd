// The rules' dry run (POST /rules/dry-run's use case) over 100,000 activities logged on 10,000
// accounts in the last 90 days, with the tasks, timers and status changes the default rules made of
// them, against a bare SELECT streaming the same 100,000 activity rows, alternated over several
// rounds. Issue 16's target: under 10 s.
//
// The history is written set-based in SQL, as the default rules would have written it (times in
// Europe/Paris, activities logged on Mondays, so the due dates are simple to compute in SQL), so a
// replay of the unchanged rules must find no difference: the benchmark fails if it finds one. A
// second dry run moves the follow-ups from 2 to 3 business days, which changes most accounts.
//
// Database: a fresh one of its own on DATABASE_URL's server (created and dropped here), else an
// embedded PostgreSQL in a throwaway folder. BENCH_ACCOUNTS (default 10,000; ten activities each),
// BENCH_ROUNDS (default 3).
import type { RequestContext } from '../src/auth/request-context';
import { applyMigrations } from '../src/db/migrate';
import { createPrismaClient, sqlPool, type Db } from '../src/db/prisma';
import { dryRunRules } from '../src/rule-dry-run/dry-run-rules';
import { RuleDryRunRequest, type RuleDryRunResult } from '../src/rule-store/dry-run.schemas';
import { installDefaultRules } from '../src/rule-store/rule-store';
import { defaultRules } from '../src/rules/default-rules';
import { openBenchDatabase } from './lib/bench-database';
import { median } from './lib/constant-rate-load';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ZONE = 'Europe/Paris';

type Pattern = [type: string, outcome: string, task?: 'FOLLOW_UP' | 'CORRECT_CONTACT_DETAILS' | 'CALL', status?: [from: string, to: string, rule: string]];
const followUp = (type: string, outcome: string): Pattern => [type, outcome, 'FOLLOW_UP'];

/**
 * Ten activities per account, one a week, by account class (account number % 5): what each one is
 * and what the default rules made of it (its task, its status change).
 */
const classes: Pattern[][] = [
  // Won: from POTENTIAL to CLIENT, with follow-ups.
  [
    followUp('CALL', 'NO_ANSWER'),
    ['CALL', 'CONTACT_MADE', 'FOLLOW_UP', ['POTENTIAL', 'CONTACT_ESTABLISHED', 'contact-established']],
    ['MEETING', 'MEETING_HELD', 'FOLLOW_UP', ['CONTACT_ESTABLISHED', 'MEETING_HELD', 'meeting-held']],
    followUp('CALL', 'NO_ANSWER'),
    ['MEETING', 'CONTRACT_SIGNED', undefined, ['MEETING_HELD', 'CONTRACT_SIGNED', 'contract-signed']],
    ['FAX', 'PAYMENT_CONFIRMED', undefined, ['CONTRACT_SIGNED', 'CLIENT', 'payment-confirmed']],
    followUp('CALL', 'CONTACT_MADE'),
    followUp('CALL', 'NO_ANSWER'),
    followUp('EMAIL', 'INTERESTED'),
    followUp('NOTE', 'NO_ANSWER'),
  ],
  // Refused in the fourth week: a 90-day re-contact, still pending.
  [
    followUp('CALL', 'NO_ANSWER'),
    followUp('CALL', 'NO_ANSWER'),
    followUp('CALL', 'NO_ANSWER'),
    ['CALL', 'REFUSED', undefined, ['POTENTIAL', 'REFUSED', 'refusal']],
    ...Array.from({ length: 6 }, () => followUp('NOTE', 'NO_ANSWER')),
  ],
  // Wrong numbers: tasks to correct the contact details.
  Array.from({ length: 10 }, (_, j): Pattern => (j % 2 === 0 ? ['CALL', 'WRONG_NUMBER', 'CORRECT_CONTACT_DETAILS'] : followUp('CALL', 'NO_ANSWER'))),
  // Refused before the window: the re-contact fires in its second week, then the client is interested again.
  [
    followUp('NOTE', 'NO_ANSWER'),
    ['CALL', 'INTERESTED', 'FOLLOW_UP', ['REFUSED', 'CONTACT_ESTABLISHED', 'contact-established']],
    ['MEETING', 'MEETING_HELD', 'FOLLOW_UP', ['CONTACT_ESTABLISHED', 'MEETING_HELD', 'meeting-held']],
    ...Array.from({ length: 7 }, () => followUp('CALL', 'NO_ANSWER')),
  ],
  // Meetings with a next step each time: the next step's CALL task.
  Array.from({ length: 10 }, (_, j): Pattern => ['MEETING', 'MEETING_HELD', 'CALL', j === 0 ? ['POTENTIAL', 'MEETING_HELD', 'meeting-held'] : undefined]),
];
const finalStatus = ['CLIENT', 'REFUSED', 'POTENTIAL', 'MEETING_HELD', 'MEETING_HELD'];

const literal = (value: string | number | undefined | null) => (value === undefined || value === null ? 'NULL' : typeof value === 'number' ? String(value) : `'${value}'`);
const patternRows = classes
  .flatMap((activities, kind) => activities.map(([type, outcome, task, status], j) => `(${[kind, j, literal(type), literal(outcome), literal(task), literal(status?.[0]), literal(status?.[1]), literal(status?.[2])].join(', ')})`))
  .join(',\n      ');
const iso = (column: string) => `to_char((${column}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const local = (column: string) => `(${column} AT TIME ZONE '${ZONE}')`;
const fromLocal = (expression: string) => `((${expression}) AT TIME ZONE '${ZONE}')`;

async function seed(db: Db): Promise<void> {
  await installDefaultRules(db);
  const ruleIds = Object.fromEntries((await db.rule.findMany({ select: { id: true, key: true } })).map((rule) => [rule.key, rule.id]));
  const refusal = defaultRules.find((rule) => rule.key === 'refusal')!;
  const recontact = refusal.actions.find((action) => action.kind === 'start_timer')!;
  const onFire = JSON.stringify(recontact.onFire);
  const refusalWhy = JSON.stringify({ ruleId: ruleIds.refusal, ruleKey: 'refusal', ruleVersion: 1, trigger: 'CALL activity logged with outcome REFUSED', conditions: ['the account has never been a CLIENT'], dueExplanation: '90 days' });
  const owner = (await db.user.create({ data: { email: 'bench-manager@example.com', name: 'Bench Manager', role: 'manager' }, select: { id: true } })).id;
  const run = (sql: string) => db.$executeRawUnsafe(sql);

  await run(`CREATE TABLE bench_pattern (kind int, j int, type text, outcome text, task text, status_from text, status_to text, status_rule text)`);
  await run(`INSERT INTO bench_pattern VALUES ${patternRows}`);
  // Each activity's account, class, time (a Monday of the last 11 weeks, 9:00 to 17:00 local) and id.
  await run(`
    CREATE TABLE bench_seeded AS
    SELECT md5('account' || i)::uuid AS account_id, i, p.*, md5('activity' || i || '-' || p.j)::uuid AS activity_id,
      ${fromLocal(`date_trunc('week', ${local('now()')}) - interval '11 weeks' + interval '9 hours' + p.j * interval '1 week' + (i % 480) * interval '1 minute'`)} AS at
    FROM generate_series(0, ${ACCOUNTS - 1}) i JOIN bench_pattern p ON p.kind = i % 5`);
  await run(`
    INSERT INTO accounts (id, name, segment, owner_id, status, was_client, time_zone, fields, created_at, updated_at)
    SELECT md5('account' || i)::uuid, 'Bench account ' || i, 'bench', '${owner}', (ARRAY[${finalStatus.map(literal).join(', ')}])[i % 5 + 1]::"AccountStatus",
      i % 5 = 0, '${ZONE}', '{}', now() - interval '300 days', now()
    FROM generate_series(0, ${ACCOUNTS - 1}) i`);
  await run(`
    INSERT INTO status_changes (id, account_id, from_status, to_status, changed_by_id, reason, changed_at)
    SELECT gen_random_uuid(), a.id, s.from_status::"AccountStatus", s.to_status::"AccountStatus", '${owner}', s.reason, now() - s.days_ago * interval '1 day'
    FROM accounts a CROSS JOIN (VALUES (NULL, 'NEW', 'created', 300), ('NEW', 'POTENTIAL', 'taken into work', 299)) s(from_status, to_status, reason, days_ago)`);
  await run(`
    INSERT INTO activities (id, account_id, type, outcome, occurred_at, next_step, logged_by_id, state, created_at)
    SELECT activity_id, account_id, type::"ActivityType", outcome::"ActivityOutcome", at,
      CASE WHEN kind = 4 THEN jsonb_build_object('type', 'CALL', 'dueAt', ${iso(`at + interval '3 days'`)}, 'title', 'Call back') END,
      '${owner}', 'APPLIED', at
    FROM bench_seeded`);
  await run(`
    INSERT INTO status_changes (id, account_id, from_status, to_status, activity_id, rule_id, rule_key, rule_version, changed_at)
    SELECT gen_random_uuid(), s.account_id, s.status_from::"AccountStatus", s.status_to::"AccountStatus", s.activity_id, r.id, r.key, 1, s.at
    FROM bench_seeded s JOIN rules r ON r.key = s.status_rule`);
  // Tasks: follow-ups 2 business days later at 10:00 (Wednesday), corrections 1 business day later
  // (Tuesday), next steps when the activity said; each done a day after it was made.
  await run(`
    INSERT INTO tasks (id, account_id, assignee_id, type, title, due_at, state, completed_at, activity_id, rule_id, rule_key, rule_version, why, created_at)
    SELECT md5('task' || s.activity_id)::uuid, s.account_id, '${owner}', s.task, s.task, d.due_at, 'DONE', s.at + interval '1 day', s.activity_id, r.id, r.key, 1, '{}', s.at
    FROM bench_seeded s
    CROSS JOIN LATERAL (SELECT CASE s.task
      WHEN 'FOLLOW_UP' THEN ${fromLocal(`${local('s.at')}::date + 2 + time '10:00'`)}
      WHEN 'CORRECT_CONTACT_DETAILS' THEN ${fromLocal(`${local('s.at')} + interval '1 day'`)}
      ELSE s.at + interval '3 days' END AS due_at) d
    JOIN rules r ON r.key = CASE s.task WHEN 'FOLLOW_UP' THEN 'follow-up-without-next-step' WHEN 'CORRECT_CONTACT_DETAILS' THEN 'correct-contact-details' ELSE 'next-step-task' END
    WHERE s.task IS NOT NULL`);
  // The refusals of class 1: a 90-day re-contact (calendar days, local time kept), pending.
  await run(`
    INSERT INTO timers (id, account_id, kind, fire_at, state, on_fire, activity_id, rule_id, rule_key, rule_version, why, created_at)
    SELECT gen_random_uuid(), s.account_id, 'recontact', ${fromLocal(`${local('s.at')} + interval '90 days'`)}, 'PENDING', '${onFire}', s.activity_id, '${ruleIds.refusal}', 'refusal', 1, '${refusalWhy}', s.at
    FROM bench_seeded s WHERE s.outcome = 'REFUSED'`);
  // Class 3: refused 200 days ago; its re-contact fires on the Monday of the window's second week at
  // 8:00, and its RECONTACT task is due on Tuesday at 10:00.
  await run(`
    INSERT INTO status_changes (id, account_id, from_status, to_status, activity_id, rule_id, rule_key, rule_version, changed_at)
    SELECT gen_random_uuid(), s.account_id, 'POTENTIAL', 'REFUSED', md5('old refusal' || s.i)::uuid, '${ruleIds.refusal}', 'refusal', 1, now() - interval '200 days'
    FROM bench_seeded s WHERE s.kind = 3 AND s.j = 0`);
  await run(`
    INSERT INTO timers (id, account_id, kind, fire_at, state, on_fire, activity_id, rule_id, rule_key, rule_version, why, created_at, settled_at, history)
    SELECT md5('old recontact' || s.i)::uuid, s.account_id, 'recontact', f.fire_at, 'FIRED', '${onFire}', md5('old refusal' || s.i)::uuid, '${ruleIds.refusal}', 'refusal', 1,
      '${refusalWhy}', now() - interval '200 days', f.fire_at + interval '1 second', jsonb_build_array(jsonb_build_object('at', ${iso(`f.fire_at + interval '1 second'`)}, 'event', 'fired'))
    FROM bench_seeded s CROSS JOIN LATERAL (SELECT ${fromLocal(`date_trunc('week', ${local('s.at')}) + interval '1 week 8 hours'`)} AS fire_at) f
    WHERE s.kind = 3 AND s.j = 0`);
  await run(`
    INSERT INTO tasks (id, account_id, assignee_id, type, title, due_at, state, completed_at, timer_id, rule_id, rule_key, rule_version, why, created_at)
    SELECT md5('recontact task' || t.id)::uuid, t.account_id, '${owner}', 'RECONTACT', 'Re-contact', ${fromLocal(`${local('t.settled_at')}::date + 1 + time '10:00'`)},
      'DONE', t.settled_at + interval '1 day', t.id, '${ruleIds.refusal}', 'refusal', 1, '{}', t.settled_at
    FROM timers t WHERE t.state = 'FIRED'`);
  // Every task's overdue check (24 hours after its due time), cancelled when the task was done.
  await run(`
    INSERT INTO timers (id, account_id, kind, fire_at, state, on_fire, task_id, activity_id, rule_id, rule_key, rule_version, why, created_at, settled_at, history)
    SELECT gen_random_uuid(), k.account_id, 'task-overdue', k.due_at + interval '24 hours', 'CANCELLED', '[]', k.id, k.activity_id, '${ruleIds['escalate-overdue-task']}', 'escalate-overdue-task', 1, '{}',
      k.created_at, k.completed_at,
      jsonb_build_array(jsonb_build_object('at', ${iso('k.completed_at')}, 'event', 'cancelled', 'reason', 'task completed', 'byUserId', '${owner}'))
    FROM tasks k`);
  for (const table of ['accounts', 'activities', 'status_changes', 'tasks', 'timers']) await run(`VACUUM ANALYZE ${table}`);
}

async function time<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

async function main() {
  const database = await openBenchDatabase('dry_run');
  const db = createPrismaClient(database.url, { maxConnections: 4 });
  try {
    await applyMigrations(database.url);
    const seeded = await time(() => seed(db));
    const counts = await db.$queryRawUnsafe<{ activities: number; tasks: number; timers: number }[]>(
      'SELECT (SELECT count(*)::int FROM activities) AS activities, (SELECT count(*)::int FROM tasks) AS tasks, (SELECT count(*)::int FROM timers) AS timers',
    );
    console.log(`seeded ${ACCOUNTS.toLocaleString('en')} accounts, ${counts[0].activities.toLocaleString('en')} activities, ${counts[0].tasks.toLocaleString('en')} tasks, ${counts[0].timers.toLocaleString('en')} timers in ${(seeded.ms / 1000).toFixed(1)} s`);

    const admin = await db.user.create({ data: { email: 'bench-admin@example.com', name: 'Bench Admin', role: 'admin' }, select: { id: true, email: true, name: true } });
    const context = { db, caller: { ...admin, role: 'admin' }, temporal: undefined } as unknown as RequestContext;
    const followUp = defaultRules.find((rule) => rule.key === 'follow-up-without-next-step')!;
    const later = { ...followUp, actions: followUp.actions.map((action) => (action.kind === 'create_task' ? { ...action, due: { ...action.due, after: 'P3D' } } : action)) };
    const unchanged = () => dryRunRules(context, RuleDryRunRequest.parse({ rules: [] }));
    const changed = () => dryRunRules(context, RuleDryRunRequest.parse({ rules: [later] }));
    // The same activity rows, read by one SELECT over the same connection pool: the bare cost of reading them.
    const bare = async () => {
      const { rows } = await sqlPool(db).query(
        `SELECT id, account_id, type, outcome, occurred_at, next_step, created_at FROM activities WHERE state = 'APPLIED' AND created_at >= now() - interval '90 days' ORDER BY account_id, created_at, id`,
      );
      return rows.length;
    };

    const describe = (result: RuleDryRunResult) =>
      `${result.replayed.activities.toLocaleString('en')} activities, ${result.replayed.timerFirings.toLocaleString('en')} timer firings on ${result.replayed.accounts.toLocaleString('en')} accounts; ` +
      `${result.totals.accountsDiffering.toLocaleString('en')} differ (tasks ${result.totals.tasks.actual.toLocaleString('en')} actual, ${result.totals.tasks.proposed.toLocaleString('en')} proposed)`;
    // Warm-up, and the check that the history is what the rules would have made.
    const first = await unchanged();
    if (first.totals.accountsDiffering !== 0) throw new Error(`the unchanged rules differ on ${first.totals.accountsDiffering} accounts: ${JSON.stringify(first.accounts.slice(0, 3), null, 1)}`);
    await bare();

    const bareMs: number[] = [];
    const unchangedMs: number[] = [];
    const changedMs: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const b = await time(bare);
      const u = await time(unchanged);
      const c = await time(changed);
      bareMs.push(b.ms);
      unchangedMs.push(u.ms);
      changedMs.push(c.ms);
      console.log(`round ${round}: bare SELECT ${b.ms.toFixed(0)} ms (${b.value} rows) | dry run, rules unchanged ${(u.ms / 1000).toFixed(2)} s: ${describe(u.value)} | follow-ups 3 days later ${(c.ms / 1000).toFixed(2)} s: ${describe(c.value)}`);
    }
    const [b, u, c] = [median(bareMs), median(unchangedMs), median(changedMs)];
    console.log(`\nrules-dry-run over ${first.replayed.activities.toLocaleString('en')} activities on ${ACCOUNTS.toLocaleString('en')} accounts, ${ROUNDS} rounds, medians:`);
    console.log(`  ${'bare SELECT of the activity rows (baseline)'.padEnd(48)}${b.toFixed(0)} ms`);
    console.log(`  ${'dry run, rules unchanged'.padEnd(48)}${(u / 1000).toFixed(2)} s  x${(u / b).toFixed(1)} of baseline  (target < 10 s)`);
    console.log(`  ${'dry run, follow-ups 3 business days later'.padEnd(48)}${(c / 1000).toFixed(2)} s  x${(c / b).toFixed(1)} of baseline  (target < 10 s)`);
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
