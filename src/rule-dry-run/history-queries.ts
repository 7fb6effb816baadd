import type { PoolClient } from 'pg';
import type { AccountHistory, ActivityRow, EmailRow, ReplayedAccount, ReplayWindow, StatusChangeRow, TaskRow, TimerCommand, TimerRow } from './account-history';

const cursorName = 'replayed_accounts';

// Times travel as epoch milliseconds, every part of an account's window as one JSON array of
// arrays: PostgreSQL builds them, and one JSON.parse reads them, far faster than row by row.
const ms = (column: string) => `(extract(epoch FROM ${column}) * 1000)::bigint`;
const rows = (columns: string[], from: string, orderBy: string) =>
  `(SELECT coalesce(json_agg(json_build_array(${columns.join(', ')}) ORDER BY ${orderBy}), '[]') FROM ${from})`;

/**
 * The accounts with something to replay (an activity logged or a timer fired in the window), by id,
 * each with its part of the window ($1 = from, $2 = to): status changes, activities and e-mails of
 * the window; timers pending at some moment of it; tasks made in it or open at its start (an
 * overdue check started before may fire on them). What a timer does is read only for those started
 * before the window: the replay starts the others itself, from the proposed rules.
 */
const accountsSql = `
  SELECT a.id, a.name, a.status, a.segment, a.owner_id, a.fields, a.time_zone, ${ms('a.archived_at')} AS archived_at,
    EXISTS (SELECT 1 FROM status_changes c WHERE c.account_id = a.id AND c.to_status = 'CLIENT' AND c.changed_at < $1)
      OR (a.was_client AND NOT EXISTS (SELECT 1 FROM status_changes c WHERE c.account_id = a.id AND c.to_status = 'CLIENT')) AS was_client_before,
    ${rows(['c.from_status', 'c.to_status', 'c.activity_id', 'c.timer_id', ms('c.changed_at')], 'status_changes c WHERE c.account_id = a.id AND c.changed_at >= $1 AND c.changed_at < $2', 'c.changed_at')} AS status_changes,
    ${rows(['x.id', 'x.type', 'x.outcome', ms('x.occurred_at'), 'x.next_step', ms('x.created_at')], "activities x WHERE x.account_id = a.id AND x.state = 'APPLIED' AND x.created_at >= $1 AND x.created_at < $2", 'x.created_at, x.id')} AS activities,
    ${rows(
      [
        't.id', 't.kind', ms('t.fire_at'), 't.state', 't.task_id', 't.activity_id', 't.rule_id', 't.rule_key', ms('t.created_at'), ms('t.settled_at'),
        `(SELECT jsonb_agg(h.e ORDER BY h.n) FROM jsonb_array_elements(t.history) WITH ORDINALITY AS h(e, n) WHERE h.e ? 'byUserId' AND h.e->>'event' IN ('rescheduled', 'cancelled'))`,
        'CASE WHEN t.created_at < $1 THEN t.on_fire END',
        'CASE WHEN t.created_at < $1 THEN t.why END',
      ],
      "timers t WHERE t.account_id = a.id AND t.created_at < $2 AND (t.state = 'PENDING' OR t.settled_at >= $1)",
      't.created_at, t.id',
    )} AS timers,
    ${rows(
      ['k.id', 'k.type', 'k.rule_key', 'k.activity_id', 'k.timer_id', ms('k.due_at'), 'k.state', ms('k.completed_at'), ms('k.created_at')],
      "tasks k WHERE k.account_id = a.id AND k.campaign_stage_id IS NULL AND k.created_at < $2 AND (k.created_at >= $1 OR k.state <> 'DONE' OR k.completed_at >= $1)",
      'k.created_at, k.id',
    )} AS tasks,
    ${rows(
      ['e.kind', 'e.template_key', "coalesce(e.rule_key, e.why->>'ruleKey')"],
      "outbound_emails e WHERE e.account_id = a.id AND e.created_at >= $1 AND e.created_at < $2 AND e.kind IN ('RULE_EMAIL', 'NOTIFICATION') AND coalesce(e.rule_key, e.why->>'ruleKey') IS NOT NULL",
      'e.created_at',
    )} AS emails
  FROM accounts a
  WHERE a.id IN (
    SELECT account_id FROM activities WHERE state = 'APPLIED' AND created_at >= $1 AND created_at < $2
    UNION SELECT account_id FROM timers WHERE state = 'FIRED' AND settled_at >= $1 AND settled_at < $2)
  ORDER BY a.id`;

/** Opens, in the caller's transaction, the cursor over the accounts to replay, which loadHistoryPage reads. */
export async function openAccountCursor(client: PoolClient, window: ReplayWindow): Promise<void> {
  await client.query(`DECLARE ${cursorName} NO SCROLL CURSOR FOR ${accountsSql}`, [window.from, window.to]);
}

/** The next `size` accounts of the cursor, each with its part of the window: one statement. An empty page: none left. */
export async function loadHistoryPage(client: PoolClient, size: number): Promise<AccountHistory[]> {
  const { rows: accounts } = await client.query<Row>(`FETCH ${Math.trunc(size)} FROM ${cursorName}`);
  return accounts.map((row) => ({
    account: toAccount(row),
    statusChanges: inChainOrder((row.status_changes as Cells[]).map(toStatusChange)),
    activities: (row.activities as Cells[]).map(toActivity),
    timers: (row.timers as Cells[]).map(toTimer),
    tasks: (row.tasks as Cells[]).map(toTask),
    emails: (row.emails as Cells[]).map(toEmail),
  }));
}

type Row = Record<string, any>;
type Cells = any[];

const date = (epochMs: number) => new Date(epochMs);
const dateOrNull = (epochMs: number | string | null) => (epochMs === null ? null : new Date(Number(epochMs)));

const toAccount = (row: Row): ReplayedAccount => ({
  id: row.id,
  name: row.name,
  status: row.status,
  segment: row.segment,
  ownerId: row.owner_id,
  fields: (row.fields ?? {}) as Record<string, unknown>,
  timeZone: row.time_zone,
  // A bigint column comes as text; the JSON parts hold plain numbers.
  archivedAt: dateOrNull(row.archived_at),
  wasClientBefore: row.was_client_before,
});

const toStatusChange = ([fromStatus, toStatus, activityId, timerId, changedAt]: Cells): StatusChangeRow => ({ fromStatus, toStatus, activityId, timerId, changedAt: date(changedAt) });

const toActivity = ([id, type, outcome, occurredAt, nextStep, loggedAt]: Cells): ActivityRow => ({ id, type, outcome, occurredAt: date(occurredAt), nextStep, loggedAt: date(loggedAt) });

const toCommand = (entry: Row): TimerCommand => ({
  at: new Date(entry.at),
  event: entry.event,
  ...(entry.to ? { to: new Date(entry.to) } : {}),
  ...(entry.from ? { from: new Date(entry.from) } : {}),
});

const toTimer = ([id, kind, fireAt, state, taskId, activityId, ruleId, ruleKey, createdAt, settledAt, commands, onFire, why]: Cells): TimerRow => ({
  id,
  kind,
  fireAt: date(fireAt),
  state,
  taskId,
  activityId,
  ruleId,
  ruleKey,
  createdAt: date(createdAt),
  settledAt: dateOrNull(settledAt),
  commands: ((commands ?? []) as Row[]).map(toCommand),
  onFire,
  why,
});

const toTask = ([id, type, ruleKey, activityId, timerId, dueAt, state, completedAt, createdAt]: Cells): TaskRow => ({
  id,
  type,
  ruleKey,
  activityId,
  timerId,
  dueAt: date(dueAt),
  state,
  completedAt: dateOrNull(completedAt),
  createdAt: date(createdAt),
});

const toEmail = ([kind, templateKey, ruleKey]: Cells): EmailRow => ({ kind, templateKey, ruleKey });

/**
 * Status changes by time; the changes of one decision may share a timestamp, so within one
 * they follow their chain (A → B, then B → C).
 */
export function inChainOrder(unordered: readonly StatusChangeRow[]): StatusChangeRow[] {
  const changes = [...unordered].sort((a, b) => a.changedAt.getTime() - b.changedAt.getTime());
  const ordered: StatusChangeRow[] = [];
  for (let start = 0; start < changes.length; ) {
    let end = start;
    while (end < changes.length && changes[end].changedAt.getTime() === changes[start].changedAt.getTime()) end++;
    const group = changes.slice(start, end);
    let current: StatusChangeRow | undefined = group.find((change) => !group.some((other) => other !== change && other.toStatus === change.fromStatus)) ?? group[0];
    while (current) {
      ordered.push(current);
      group.splice(group.indexOf(current), 1);
      const to: string = current.toStatus;
      current = group.find((change) => change.fromStatus === to) ?? group[0];
    }
    start = end;
  }
  return ordered;
}
