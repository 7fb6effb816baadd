import type { Db } from '../../../src/db/prisma';
import { AppError } from '../../../src/errors/app-error';
import { Prisma } from '../../../src/generated/prisma/client';
import { ListSettings, type TestCell } from '../../../src/campaigns/stage-settings.schemas';
import { criteriaToSql } from '../../../src/segments/criteria-to-sql';
import { SegmentCriteria } from '../../../src/segments/segment-criteria.schemas';
import type { ListCounts } from '../../../workflows/campaign.messages';
import { heartbeatWhile, lockStage, startedSettingsOf } from './stage-row';

/** Generous: 1,000,000 contacts freeze in well under a minute on 2 cores. */
const TRANSACTION_TIMEOUT_MS = 15 * 60_000;
/**
 * For this transaction only. work_mem: the merge's sort and the hash joins of a million rows stay
 * in memory instead of spilling to temporary files (the default 4 MB is sized for many small
 * queries). JIT: the statement's estimated cost makes PostgreSQL inline and optimize its JIT code,
 * which took 0.3 s of compilation here for a statement run once; plain JIT expressions stay on.
 */
export const SESSION_SETTINGS = [
  ['work_mem', '256MB'],
  ['jit_inline_above_cost', '-1'],
  ['jit_optimize_above_cost', '-1'],
] as const;

/** Statuses whose lists count as "another running campaign" for excludeContactsInRunningCampaigns. */
const LIVE_CAMPAIGN_STATUSES = Prisma.raw(`'RUNNING', 'PAUSED', 'SCHEDULED'`);

const SUPPRESSED_CONTACT = Prisma.raw('(c.do_not_contact OR c.unsubscribed_at IS NOT NULL OR c.bounced_at IS NOT NULL)');

const countKeys = ['matched', 'merged', 'suppressed', 'inOtherCampaigns', 'alreadyListed', 'listed', 'target', 'testCell'] as const;

/**
 * Freezes a LIST stage's segment into campaign_recipients in one transaction and one statement, and
 * stores the counts (with `frozenAt`) in the stage's result. A retry after the commit answers the
 * stored counts and writes nothing.
 *
 * Two locks make the statement's anti-joins exact: the stage row (two attempts of this stage run
 * one after the other, and the second finds `frozenAt`) and a transaction lock on the campaign's
 * list (no other LIST stage of the campaign can enroll anyone meanwhile). So the INSERT needs no
 * ON CONFLICT clause, whose speculative insertion cost about 1.8 s per million rows here; the
 * (campaign_id, contact_id) primary key still refuses a second enrollment outright, should
 * anything ever try (the transaction then rolls back and the retry skips who is listed).
 */
export async function freezeTargetList(db: Db, { campaignId, stageId }: { campaignId: string; stageId: string }): Promise<ListCounts> {
  const work = db.$transaction(
    async (tx) => {
      const stage = await lockStage(tx, campaignId, stageId, 'LIST');
      if (typeof stage.result.frozenAt === 'string') return storedCounts(stage.result);
      const settings = startedSettingsOf(stage, ListSettings);
      const segment = await tx.segment.findUnique({ where: { id: settings.segmentId }, select: { criteria: true } });
      if (!segment) throw new AppError('NOT_FOUND', `segment ${settings.segmentId} no longer exists`);
      const criteria = SegmentCriteria.safeParse(segment.criteria);
      if (!criteria.success) throw new AppError('VALIDATION_FAILED', `segment ${settings.segmentId} has criteria that are no longer valid`);

      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`campaign-list:${campaignId}`}, 0))`;
      for (const [name, value] of SESSION_SETTINGS) await tx.$queryRaw`SELECT set_config(${name}, ${value}, true)`;
      const lists = await existingLists(tx, campaignId, settings.excludeContactsInRunningCampaigns);
      const [row] = await tx.$queryRaw<Omit<ListCounts, 'target'>[]>(freezeStatement({ campaignId, stageId, where: criteriaToSql(criteria.data), settings, ...lists }));
      const counts: ListCounts = { ...row, target: row.listed - row.testCell };
      const result = { ...stage.result, ...counts, frozenAt: new Date().toISOString() };
      await tx.campaignStage.update({ where: { id: stageId }, data: { result: result as Prisma.InputJsonObject } });
      return counts;
    },
    { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 60_000 },
  );
  return heartbeatWhile(work);
}

/**
 * Which lists the statement must check against: this campaign's (an earlier LIST stage) and, when
 * asked, those of other live campaigns. A check against an empty list still costs a pass over every
 * matched row, so it is left out. This campaign's list cannot change meanwhile (the lock above);
 * another campaign's may, but a list it has not committed yet is invisible to the statement anyway.
 */
export async function existingLists(tx: Prisma.TransactionClient, campaignId: string, excludeOthers: boolean): Promise<Pick<FreezeInput, 'ownList' | 'otherLists'>> {
  const [row] = await tx.$queryRaw<{ ownList: boolean; otherLists: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM campaign_recipients WHERE campaign_id = CAST(${campaignId} AS uuid)) AS "ownList",
      ${excludeOthers} AND EXISTS (
        SELECT 1 FROM campaigns k JOIN campaign_recipients r ON r.campaign_id = k.id
        WHERE k.status IN (${LIVE_CAMPAIGN_STATUSES}) AND k.id <> CAST(${campaignId} AS uuid)) AS "otherLists"`;
  return row;
}

function storedCounts(result: Record<string, unknown>): ListCounts {
  return Object.fromEntries(countKeys.map((key) => [key, Number(result[key] ?? 0)])) as unknown as ListCounts;
}

// What happened to each matched contact; every matched contact gets exactly one fate.
// SQL literals (not parameters), so that the CASE is an integer and the plan can filter on it.
const LISTED = Prisma.raw('0');
const MERGED = Prisma.raw('1');
const SUPPRESSED = Prisma.raw('2');
const ALREADY_LISTED = Prisma.raw('3');
const IN_OTHER_CAMPAIGN = Prisma.raw('4');

export interface FreezeInput {
  campaignId: string;
  stageId: string;
  where: Prisma.Sql;
  settings: ListSettings;
  /** This campaign already has a list (an earlier LIST stage): check against it. */
  ownList: boolean;
  /** Leave out who is in another live campaign's list (asked, and such lists exist). */
  otherLists: boolean;
  /** An evergreen campaign's enrollment: the rows it lists carry its id (activities/campaign/journey/enroll-cohort.ts). */
  enrollmentId?: string;
}

/**
 * The whole freeze as one INSERT … SELECT with its counts. Read it top-down:
 *
 * 1. `matched`: the segment's contacts (archived accounts never match: criteriaToSql).
 * 2. `ranked`: one sort by e-mail (bytewise, `COLLATE "C"`: only equality matters here) ranks each
 *    address's contacts: the primary contact first, then the earliest created, then the lowest id.
 *    Contacts without an e-mail are never merged (they still count for call tasks).
 * 3. `addresses`: in one set, each address that is suppressed on any contact (an address that
 *    unsubscribed or bounced is never listed again, whichever contact carries it), already in this
 *    campaign's list, or in another live campaign's list (`lists`); `lc` the same lists by contact.
 * 4. `fated`: merged (rank > 1), suppressed, already listed, in another campaign's list, else
 *    listed. The sets are joined once each (hash joins), never probed row by row.
 * 5. `inserted`: the listed rows in primary-key order (appending to the index is about twice as
 *    fast as inserting in random uuid order), each with its cell; the counts come from `fated`.
 *
 * E-mails are compared as stored in `email_normalized` (lower-cased at write time): no lower() here.
 */
export function freezeStatement({ campaignId, stageId, where, settings, ownList, otherLists, enrollmentId }: FreezeInput): Prisma.Sql {
  const campaign = Prisma.sql`CAST(${campaignId} AS uuid)`;
  // The lists to check, each read through the primary key's campaign_id prefix: (contact, address, mine).
  const lists = [
    ...(ownList ? [Prisma.sql`SELECT contact_id, email_normalized, TRUE FROM campaign_recipients WHERE campaign_id = ${campaign}`] : []),
    ...(otherLists
      ? [Prisma.sql`SELECT r.contact_id, r.email_normalized, FALSE FROM campaigns k JOIN campaign_recipients r ON r.campaign_id = k.id
          WHERE k.status IN (${LIVE_CAMPAIGN_STATUSES}) AND k.id <> ${campaign}`]
      : []),
  ];
  const checkLists = lists.length > 0;
  // (email, blocked, listed, mine): suppressed addresses, then the addresses of the lists to check.
  const addressSources = [
    Prisma.sql`SELECT c.email_normalized, TRUE, FALSE, FALSE FROM contacts c WHERE ${SUPPRESSED_CONTACT} AND c.email_normalized <> ''`,
    ...(checkLists ? [Prisma.sql`SELECT email, FALSE, TRUE, mine FROM lists WHERE email IS NOT NULL`] : []),
  ];
  return Prisma.sql`
    WITH ${checkLists ? Prisma.sql`lists (contact_id, email, mine) AS (${Prisma.join(lists, ' UNION ALL ')}),` : Prisma.empty}
    matched AS (
      SELECT c.id, c.account_id, NULLIF(c.email_normalized, '') AS email, c.is_primary, c.created_at,
        ${SUPPRESSED_CONTACT} AS suppressed
      FROM contacts c JOIN accounts a ON a.id = c.account_id
      WHERE ${where}
    ),
    ranked AS (
      SELECT id, account_id, email, suppressed,
        CASE WHEN email IS NULL THEN 1 ELSE row_number() OVER (PARTITION BY email COLLATE "C" ORDER BY is_primary DESC, created_at, id) END AS rank
      FROM matched
    ),
    addresses AS (
      SELECT email, bool_or(blocked) AS blocked, bool_or(listed AND mine) AS mine, bool_or(listed AND NOT mine) AS theirs
      FROM (${Prisma.join(addressSources, ' UNION ALL ')}) AS sources (email, blocked, listed, mine)
      GROUP BY email
    ),
    fated AS (
      SELECT m.id, m.account_id, m.email,
        CASE
          WHEN m.rank > 1 THEN ${MERGED}
          WHEN m.suppressed OR ad.blocked THEN ${SUPPRESSED}
          ${checkLists ? Prisma.sql`WHEN ad.mine OR lc.mine THEN ${ALREADY_LISTED}` : Prisma.empty}
          ${otherLists ? Prisma.sql`WHEN ad.theirs OR lc.theirs THEN ${IN_OTHER_CAMPAIGN}` : Prisma.empty}
          ELSE ${LISTED}
        END AS fate
      FROM ranked m
      LEFT JOIN addresses ad ON ad.email = m.email
      ${
        checkLists
          ? Prisma.sql`
      LEFT JOIN (SELECT contact_id, bool_or(mine) AS mine, bool_or(NOT mine) AS theirs FROM lists GROUP BY contact_id) lc ON lc.contact_id = m.id`
          : Prisma.empty
      }
    ),
    inserted AS (
      INSERT INTO campaign_recipients (campaign_id, contact_id, account_id, email_normalized, cell, list_stage_id${enrollmentId ? Prisma.sql`, enrollment_id` : Prisma.empty})
      SELECT ${campaign}, f.id, f.account_id, f.email, ${cellOf(campaignId, settings.testCell)}, CAST(${stageId} AS uuid)${enrollmentId ? Prisma.sql`, CAST(${enrollmentId} AS uuid)` : Prisma.empty}
      FROM fated f
      WHERE f.fate = ${LISTED}
      ORDER BY f.id
    )
    SELECT count(*)::int AS matched,
      (count(*) FILTER (WHERE fate = ${MERGED}))::int AS merged,
      (count(*) FILTER (WHERE fate = ${SUPPRESSED}))::int AS suppressed,
      (count(*) FILTER (WHERE fate = ${IN_OTHER_CAMPAIGN}))::int AS "inOtherCampaigns",
      (count(*) FILTER (WHERE fate = ${ALREADY_LISTED}))::int AS "alreadyListed",
      (count(*) FILTER (WHERE fate = ${LISTED}))::int AS listed,
      ${testCellCount(campaignId, settings.testCell)} AS "testCell"
    FROM fated f`;
}

/**
 * The cell of a listed contact. `random`: a hash of the contact id seeded by the campaign id, so a
 * retry (or a later LIST stage) puts each contact in the same cell. `everyNth`: the n-th, 2n-th, …
 * listed contact by contact id (the rows are already sorted by id for the insert).
 */
function cellOf(campaignId: string, testCell: TestCell | undefined): Prisma.Sql {
  if (!testCell) return Prisma.sql`CAST('TARGET' AS "ListCell")`;
  const test = testCell.mode === 'random' ? randomDraw(campaignId, testCell.percent) : Prisma.sql`row_number() OVER (ORDER BY f.id) % ${testCell.n} = 0`;
  return Prisma.sql`CAST(CASE WHEN ${test} THEN 'TEST' ELSE 'TARGET' END AS "ListCell")`;
}

/**
 * The test cell's size, counted from the same rows as the insert (which has no RETURNING to count:
 * every listed row is inserted, or the whole statement fails on the primary key).
 */
function testCellCount(campaignId: string, testCell: TestCell | undefined): Prisma.Sql {
  if (!testCell) return Prisma.sql`0`;
  if (testCell.mode === 'random') return Prisma.sql`(count(*) FILTER (WHERE fate = ${LISTED} AND ${randomDraw(campaignId, testCell.percent)}))::int`;
  return Prisma.sql`((count(*) FILTER (WHERE fate = ${LISTED})) / ${testCell.n})::int`;
}

const randomDraw = (campaignId: string, percent: number) =>
  Prisma.sql`(uuid_hash_extended(f.id, CAST(${campaignSeed(campaignId)} AS bigint)) & 2147483647) % 100 < ${percent}`;

/** The campaign id's first 64 bits, as the seed of the random cell's hash. */
export function campaignSeed(campaignId: string): string {
  return BigInt.asIntN(64, BigInt(`0x${campaignId.replace(/-/g, '').slice(0, 16)}`)).toString();
}
