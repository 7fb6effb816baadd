import { recipientColumns, type CampaignData, type RecipientData } from '../../../src/campaigns/campaign-message';
import { recipientTimeZoneSql } from '../../../src/campaigns/mailing-counts';
import { sqlPool, type Db } from '../../../src/db/prisma';
import { Prisma } from '../../../src/generated/prisma/client';
import type { FrequencyCap } from '../../../src/settings/mailing-settings';

/** The SQL of the delivery table (`mail_deliveries`): every statement is set-based. */

export interface MailingStage {
  campaign: CampaignData;
  campaignStatus: string;
  type: string;
  startedSettings: unknown;
  /** The database's clock when the batch started. */
  startedAt: Date;
}

export async function loadMailingStage(db: Db, stageId: string): Promise<(MailingStage & { campaignId: string }) | undefined> {
  const rows = await db.$queryRaw<{ campaign_id: string; type: string; started_settings: unknown; status: string; name: string; description: string | null; now: Date }[]>`
    SELECT s.campaign_id::text, s.type::text, s.started_settings, c.status::text, c.name, c.description, now() AS now
    FROM campaign_stages s JOIN campaigns c ON c.id = s.campaign_id
    WHERE s.id = ${stageId}::uuid`;
  const row = rows[0];
  if (!row) return undefined;
  return {
    campaignId: row.campaign_id,
    campaign: { id: row.campaign_id, name: row.name, description: row.description },
    campaignStatus: row.status,
    type: row.type,
    startedSettings: row.started_settings,
    startedAt: row.now,
  };
}

export async function campaignStatus(db: Db, campaignId: string): Promise<string | undefined> {
  const rows = await db.$queryRaw<{ status: string }[]>`SELECT status::text FROM campaigns WHERE id = ${campaignId}::uuid`;
  return rows[0]?.status;
}

/**
 * One PENDING row per recipient with an e-mail address: of the stage's frozen cohort
 * (`fromCohort`: campaign_stage_members, still read through the list's rows for the address), else
 * of the target cell; for an enrollment, only its recipients. A rerun adds nothing. Then the
 * table's statistics are refreshed: until they know the new stage, PostgreSQL estimates it at one
 * row and plans the claims and outcome writes as scans of the whole stage (measured: 110 ms per
 * claim of 100 rows in a 5,000-row stage, growing with the stage), instead of key lookups.
 * Answers how many rows the run has (an enrollment's: its recipients' rows of the stage).
 */
export async function insertDeliveries(db: Db, run: { campaignId: string; stageId: string; enrollmentId?: string | null; fromCohort: boolean }): Promise<number> {
  const { campaignId, stageId, enrollmentId, fromCohort } = run;
  const campaign = Prisma.sql`CAST(${campaignId} AS uuid)`;
  const stage = Prisma.sql`CAST(${stageId} AS uuid)`;
  const enrollment = enrollmentId ? Prisma.sql`AND r.enrollment_id = CAST(${enrollmentId} AS uuid)` : Prisma.empty;
  const who = fromCohort
    ? Prisma.sql`campaign_stage_members m JOIN campaign_recipients r ON r.campaign_id = ${campaign} AND r.contact_id = m.contact_id
      WHERE m.stage_id = ${stage} ${enrollment}`
    : Prisma.sql`campaign_recipients r WHERE r.campaign_id = ${campaign} AND r.cell = 'TARGET' ${enrollment}`;
  const inserted = await db.$executeRaw`
    INSERT INTO mail_deliveries (stage_id, contact_id, campaign_id, account_id)
    SELECT ${stage}, r.contact_id, r.campaign_id, r.account_id
    FROM ${who} AND NULLIF(btrim(r.email_normalized), '') IS NOT NULL
    ORDER BY r.contact_id
    ON CONFLICT (stage_id, contact_id) DO NOTHING`;
  if (inserted > 0) await db.$executeRaw`ANALYZE mail_deliveries`;
  const [row] = enrollmentId
    ? await db.$queryRaw<{ count: bigint }[]>`
        SELECT count(*) AS count FROM mail_deliveries d JOIN campaign_recipients r ON r.campaign_id = d.campaign_id AND r.contact_id = d.contact_id
        WHERE d.stage_id = ${stage} ${enrollment}`
    : await db.$queryRaw<{ count: bigint }[]>`SELECT count(*) AS count FROM mail_deliveries WHERE stage_id = ${stage}`;
  return Number(row.count);
}

/**
 * An invitation mailing's recipients recorded as invited to its event, in one statement: one
 * EventInvitation per delivery row of the stage (a rerun, or an earlier invitation, adds nothing).
 */
export async function insertEventInvitations(db: Db, run: { stageId: string; eventId: string }): Promise<void> {
  await db.$executeRaw`
    INSERT INTO event_invitations (event_id, contact_id, account_id, stage_id)
    SELECT e.id, d.contact_id, d.account_id, d.stage_id
    FROM mail_deliveries d JOIN events e ON e.id = ${run.eventId}::uuid
    WHERE d.stage_id = ${run.stageId}::uuid
    ON CONFLICT (event_id, contact_id) DO NOTHING`;
}

/** Recipients not finished yet: pending or in flight. */
export async function countRemaining(db: Db, stageId: string): Promise<number> {
  const [row] = await db.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) AS count FROM mail_deliveries WHERE stage_id = ${stageId}::uuid AND state IN ('PENDING', 'SENDING')`;
  return Number(row.count);
}

export type ClaimedRow = RecipientData & { state: 'SENDING' | 'SKIPPED'; reason: string | null; attempts: number };

export interface ClaimRequest {
  stageId: string;
  campaignId: string;
  limit: number;
  /**
   * 'pending': PENDING rows due now (back-off over), in an open send window when `openZones` is
   * given. 'recover': rows an earlier attempt left SENDING (it crashed): claimed before `before`.
   */
  mode: { kind: 'pending'; openZones: readonly string[] | null } | { kind: 'recover'; before: Date };
  frequencyCap: FrequencyCap | null;
}

/**
 * Claims up to `limit` rows in one statement: locks them (SKIP LOCKED, so concurrent claimers
 * never take the same row), checks suppression and the frequency cap again (what changed since
 * the list froze), marks the sendable ones SENDING and the others SKIPPED with the reason, and
 * answers each with what rendering its message needs. Claims nothing unless the campaign is
 * RUNNING, so a pause or cancellation takes effect at the next chunk.
 */
export async function claimDeliveries(db: Db, request: ClaimRequest): Promise<ClaimedRow[]> {
  const { stageId, campaignId, limit, mode, frequencyCap } = request;
  const running = Prisma.sql`EXISTS (SELECT 1 FROM campaigns WHERE id = ${campaignId}::uuid AND status = 'RUNNING')`;
  const pick =
    mode.kind === 'recover'
      ? Prisma.sql`
        SELECT d.contact_id FROM mail_deliveries d
        WHERE d.stage_id = ${stageId}::uuid AND d.state = 'SENDING' AND (d.claimed_at IS NULL OR d.claimed_at < ${mode.before}) AND ${running}
        LIMIT ${limit} FOR UPDATE OF d SKIP LOCKED`
      : mode.openZones === null
        ? Prisma.sql`
        SELECT d.contact_id FROM mail_deliveries d
        WHERE d.stage_id = ${stageId}::uuid AND d.state = 'PENDING' AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= now()) AND ${running}
        LIMIT ${limit} FOR UPDATE OF d SKIP LOCKED`
        : Prisma.sql`
        SELECT d.contact_id FROM mail_deliveries d
        LEFT JOIN contacts c ON c.id = d.contact_id LEFT JOIN accounts a ON a.id = d.account_id
        WHERE d.stage_id = ${stageId}::uuid AND d.state = 'PENDING' AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= now())
          AND ${recipientTimeZoneSql} = ANY(${[...mode.openZones]}::text[]) AND ${running}
        LIMIT ${limit} FOR UPDATE OF d SKIP LOCKED`;
  // Counted from what campaigns really sent (state SENT), over every campaign.
  const overCap = frequencyCap
    ? Prisma.sql`WHEN (SELECT count(*) FROM mail_deliveries s WHERE s.contact_id = p.contact_id AND s.state = 'SENT'
                         AND s.sent_at > now() - make_interval(days => ${frequencyCap.windowDays}::int)) >= ${frequencyCap.maxMessages}::int
                 THEN ${`frequency cap: already ${frequencyCap.maxMessages} campaign message(s) in the last ${frequencyCap.windowDays} day(s)`}`
    : Prisma.empty;
  return db.$queryRaw<ClaimedRow[]>`
    WITH picked AS MATERIALIZED (${pick}),
    judged AS (
      SELECT p.contact_id,
        CASE
          WHEN c.id IS NULL THEN 'the contact no longer exists'
          WHEN c.do_not_contact THEN 'do-not-contact'
          WHEN c.unsubscribed_at IS NOT NULL THEN 'unsubscribed'
          WHEN c.bounced_at IS NOT NULL THEN 'bounced'
          WHEN a.archived_at IS NOT NULL THEN 'the account is archived'
          WHEN NULLIF(btrim(c.email), '') IS NULL THEN 'no e-mail address'
          -- One address, nothing a mail library could read as a list or a display name.
          WHEN btrim(c.email) !~ '^[^\\s,;<>()"]+@[^\\s,;<>()"@]+$' THEN 'not a valid e-mail address'
          ${overCap}
        END AS skip_reason
      FROM picked p LEFT JOIN contacts c ON c.id = p.contact_id LEFT JOIN accounts a ON a.id = c.account_id
    ),
    claimed AS (
      UPDATE mail_deliveries d
      SET state = (CASE WHEN j.skip_reason IS NULL THEN 'SENDING' ELSE 'SKIPPED' END)::"DeliveryState", claimed_at = now(), reason = j.skip_reason
      FROM judged j
      WHERE d.stage_id = ${stageId}::uuid AND d.contact_id = j.contact_id
      RETURNING d.contact_id, d.account_id, d.state, d.reason, d.attempts
    )
    SELECT cl.contact_id::text, cl.state::text, cl.reason, cl.attempts, ${recipientColumns}
    FROM claimed cl
    LEFT JOIN contacts c ON c.id = cl.contact_id
    LEFT JOIN accounts a ON a.id = cl.account_id
    LEFT JOIN users o ON o.id = a.owner_id`;
}

/** What one send did, as the row records it. */
export interface DeliveryOutcome {
  contactId: string;
  state: 'SENT' | 'FAILED' | 'PENDING';
  sentAt?: Date;
  reason?: string;
  /** PENDING again: not before this time. */
  nextAttemptAt?: Date;
  /** The server rejected the address: the contact is marked bounced, for every campaign. */
  bounce?: boolean;
}

/**
 * Records outcomes in one statement: SENT with the time the server accepted, FAILED with the
 * reason (and the contact marked bounced when the server rejected the address), or PENDING again
 * after a back-off. Only rows still SENDING change, except that a message really sent is
 * recorded SENT even if the stage was cancelled meanwhile.
 */
export async function writeOutcomes(db: Db, stageId: string, outcomes: readonly DeliveryOutcome[]): Promise<void> {
  const rows = outcomes.map((outcome) => ({
    contact_id: outcome.contactId,
    state: outcome.state,
    sent_at: outcome.sentAt?.toISOString() ?? null,
    reason: outcome.reason ?? null,
    next_attempt_at: outcome.nextAttemptAt?.toISOString() ?? null,
  }));
  const bounced = outcomes.flatMap((outcome) => (outcome.bounce ? [outcome.contactId] : []));
  // Through pg, not Prisma: a mailing writes one of these every few sends, each sender waiting for it.
  const sql = `
    WITH outcome AS (
      SELECT * FROM jsonb_to_recordset($1::jsonb)
        AS o(contact_id uuid, state text, sent_at timestamptz, reason text, next_attempt_at timestamptz)
    ),
    recorded AS (
      UPDATE mail_deliveries d
      SET state = o.state::"DeliveryState", attempts = d.attempts + 1, sent_at = o.sent_at, reason = o.reason,
          next_attempt_at = o.next_attempt_at, claimed_at = NULL
      FROM outcome o
      WHERE d.stage_id = $2::uuid AND d.contact_id = o.contact_id
        AND (d.state = 'SENDING' OR (o.state = 'SENT' AND d.state = 'CANCELLED'))
      RETURNING 1
    )
    UPDATE contacts SET bounced_at = now() WHERE id = ANY($3::uuid[]) AND bounced_at IS NULL`;
  await sqlPool(db).query(sql, [JSON.stringify(rows), stageId, bounced]);
}

/** Puts claimed rows that were not sent back to PENDING (the batch stopped: pause, cancel). */
export async function releaseDeliveries(db: Db, stageId: string, contactIds: readonly string[]): Promise<void> {
  if (!contactIds.length) return;
  await db.$executeRaw`
    UPDATE mail_deliveries SET state = 'PENDING', claimed_at = NULL
    WHERE stage_id = ${stageId}::uuid AND contact_id = ANY(${[...contactIds]}::uuid[]) AND state = 'SENDING'`;
}

/** What was not sent ends CANCELLED; answers how many of the stage's rows are cancelled. */
export async function cancelDeliveries(db: Db, stageId: string): Promise<number> {
  await db.$executeRaw`
    UPDATE mail_deliveries SET state = 'CANCELLED', reason = 'the campaign was cancelled', claimed_at = NULL, next_attempt_at = NULL
    WHERE stage_id = ${stageId}::uuid AND state IN ('PENDING', 'SENDING')`;
  const [row] = await db.$queryRaw<{ count: bigint }[]>`SELECT count(*) AS count FROM mail_deliveries WHERE stage_id = ${stageId}::uuid AND state = 'CANCELLED'`;
  return Number(row.count);
}
