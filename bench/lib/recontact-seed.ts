// Accounts in the pool (NEW, unowned), written set-based, some of them holding a pending re-contact timer
// row copied from one the refusal rule really made: taking such an account through the API starts its
// workflow, which loads its PENDING timers from PostgreSQL (loadPendingTimers) and waits on them.
import type { Db } from '../../src/db/prisma';

/** What the refusal rule wrote on a real re-contact timer; each seeded row copies it. */
export interface RecontactTemplate {
  kind: string;
  onFire: unknown;
  ruleId: string;
  ruleKey: string;
  ruleVersion: number;
  why: { trigger: string; dueExplanation: string } & Record<string, unknown>;
  /** The rule's start_timer duration (ISO, e.g. P90D): PostgreSQL reads it as an interval. */
  after: string;
  /** The refusal that started it: each seeded timer gets a refusal of its own, logged by the same user. */
  activity: { id: string; type: string; outcome: string; loggedById: string };
}

/** Reads the timer a refusal logged through the API started, with its rule version's duration. */
export async function recontactTemplate(db: Db, timerId: string): Promise<RecontactTemplate> {
  const timer = await db.timer.findUniqueOrThrow({ where: { id: timerId } });
  if (!timer.ruleId || !timer.ruleKey || timer.ruleVersion === null) throw new Error(`timer ${timerId} was not started by a rule`);
  const rule = await db.rule.findUniqueOrThrow({ where: { id: timer.ruleId } });
  const actions = (rule.definition as { actions: { kind: string; timerKind?: string; after?: { after: string } }[] }).actions;
  const start = actions.find((action) => action.kind === 'start_timer' && action.timerKind === timer.kind);
  if (!start?.after) throw new Error(`rule ${timer.ruleKey} v${timer.ruleVersion} has no start_timer for ${timer.kind}`);
  if (!timer.activityId) throw new Error(`timer ${timerId} was not started by an activity`);
  const activity = await db.activity.findUniqueOrThrow({ where: { id: timer.activityId }, select: { id: true, type: true, outcome: true, loggedById: true } });
  return { kind: timer.kind, onFire: timer.onFire, ruleId: timer.ruleId, ruleKey: timer.ruleKey, ruleVersion: timer.ruleVersion, why: timer.why as RecontactTemplate['why'], after: start.after.after, activity };
}

export interface SeededAccount {
  id: string;
  withTimer: boolean;
}

/**
 * `count` pool accounts in `timeZone`, `timers` of them (spread evenly) with a refusal logged 60 to 88
 * days ago (an APPLIED activity like the template's, without its stored result) and the pending
 * re-contact the template's rule started on it, which fires 2 to 30 days from now. The accounts are NEW
 * and unowned all the same: they are taken through the API, which starts their workflows.
 */
export async function seedPoolAccounts(db: Db, { count, timers, timeZone, template }: { count: number; timers: number; timeZone: string; template: RecontactTemplate }): Promise<SeededAccount[]> {
  // The explanation reads "<duration in words> after <start>: <due>" (src/rules/due-date.ts computeDue).
  const words = template.why.dueExplanation.slice(0, template.why.dueExplanation.indexOf(' after '));
  const rows = await db.$queryRawUnsafe<{ id: string; with_timer: boolean }[]>(
    `WITH fill AS (
       SELECT n, gen_random_uuid() AS id, floor(n * $2::float8 / $1) > floor((n - 1) * $2::float8 / $1) AS with_timer,
         now() - interval '88 days' + (n::float8 / $1) * interval '28 days' AS refused_at
       FROM generate_series(1, $1::int) n
     ), accounts AS (
       INSERT INTO accounts (id, name, segment, status, time_zone, updated_at)
       SELECT id, 'Bench account in work ' || n, 'bench', 'NEW', $3, now() FROM fill
     ), due AS (
       SELECT id, gen_random_uuid() AS activity_id, refused_at, ((refused_at AT TIME ZONE $3) + $4::interval) AT TIME ZONE $3 AS fire_at FROM fill WHERE with_timer
     ), refusals AS (
       INSERT INTO activities (id, account_id, type, outcome, occurred_at, logged_by_id, state, created_at)
       SELECT activity_id, id, $13::"ActivityType", $14::"ActivityOutcome", refused_at, $15::uuid, 'APPLIED', refused_at FROM due
     ), timers AS (
       INSERT INTO timers (id, account_id, kind, fire_at, state, on_fire, activity_id, rule_id, rule_key, rule_version, why, created_at)
       SELECT gen_random_uuid(), id, $5, fire_at, 'PENDING', $6::jsonb, activity_id, $7::uuid, $8, $9::int,
         jsonb_set(jsonb_set($10::jsonb, '{dueExplanation}', to_jsonb($11 || ' after ' || to_char(refused_at AT TIME ZONE $3, 'YYYY-MM-DD HH24:MI') || ' ' || $3 || ': ' || to_char(fire_at AT TIME ZONE $3, 'YYYY-MM-DD HH24:MI') || ' ' || $3)),
           '{trigger}', to_jsonb(replace($10::jsonb ->> 'trigger', $12, activity_id::text))),
         refused_at
       FROM due
     )
     SELECT id::text AS id, with_timer FROM fill ORDER BY n`,
    count,
    timers,
    timeZone,
    template.after,
    template.kind,
    JSON.stringify(template.onFire),
    template.ruleId,
    template.ruleKey,
    template.ruleVersion,
    JSON.stringify(template.why),
    words,
    template.activity.id,
    template.activity.type,
    template.activity.outcome,
    template.activity.loggedById,
  );
  await db.$executeRawUnsafe('ANALYZE accounts, activities, timers');
  return rows.map((row) => ({ id: row.id, withTimer: row.with_timer }));
}
