import { loadAccountForCaller, type AccountCaller } from '../accounts/account-access';
import type { DbClient } from '../db/prisma';
import { Prisma } from '../generated/prisma/client';
import type { AccountCampaignPage, AccountCampaignView, CustomerViewQuery } from './customer-view.schemas';
import { belowCursor, toPage, type SortedRow } from './section-page';

type Listed = AccountCampaignView['contacts'][number];
type Row = SortedRow & Omit<AccountCampaignView, 'stages' | 'listedAt'> & { listedAt: Date | null };
interface StageRow { campaignId: string; stageId: string; position: number; type: string; name: string | null; status: string; hasCohort: boolean }

/**
 * The campaigns whose lists held the account's contacts, latest listed first, each with the contacts
 * and the stages that worked on them. campaign_recipients and campaign_stage_members are keyed by
 * (campaign or stage, contact) and deliberately have no other index (each one slows the freeze of a
 * million-row list), so the account's few contacts are probed against every campaign's key: a
 * nested loop of primary-key lookups, no new index.
 */
export async function listAccountCampaigns(db: DbClient, caller: AccountCaller, accountId: string, query: CustomerViewQuery): Promise<AccountCampaignPage> {
  await loadAccountForCaller(db, caller, accountId, { forWrite: false });
  const rows = await db.$queryRaw<Row[]>`
    WITH listed AS (
      SELECT r.campaign_id, r.contact_id, r.cell, ct.name, COALESCE(en.enrolled_at, ls.completed_at, ls.started_at) AS listed_at
      FROM contacts ct
      JOIN campaigns c ON TRUE
      JOIN campaign_recipients r ON r.campaign_id = c.id AND r.contact_id = ct.id
      LEFT JOIN campaign_stages ls ON ls.id = r.list_stage_id
      LEFT JOIN campaign_enrollments en ON en.id = r.enrollment_id
      WHERE ct.account_id = CAST(${accountId} AS uuid)
    ),
    grouped AS (
      SELECT c.id, c.name, c.status::text AS status, min(l.listed_at) AS listed_at, COALESCE(min(l.listed_at), c.created_at) AS sort_at,
        jsonb_agg(jsonb_build_object('contactId', l.contact_id, 'contactName', l.name, 'cell', l.cell) ORDER BY l.name, l.contact_id) AS contacts
      FROM listed l JOIN campaigns c ON c.id = l.campaign_id
      GROUP BY c.id
    )
    SELECT id::text AS "campaignId", id::text AS "sortId", sort_at AS "sortAt", name AS "campaignName", status AS "campaignStatus",
      listed_at AS "listedAt", contacts
    FROM grouped
    WHERE ${belowCursor(Prisma.sql`sort_at`, Prisma.sql`id`, query.cursor)}
    ORDER BY sort_at DESC, id DESC
    LIMIT ${query.limit + 1}`;
  const page = toPage(rows, query.limit, (row) => row);
  const stages = await stagesFor(db, page.items);
  return {
    items: page.items.map(({ sortAt: _at, sortId: _id, listedAt, ...row }) => ({ ...row, listedAt: listedAt?.toISOString() ?? null, stages: stages(row.campaignId, row.contacts) })),
    nextCursor: page.nextCursor,
  };
}

/** The started stages of the page's campaigns, and which of the listed contacts each worked on. */
async function stagesFor(db: DbClient, campaigns: Row[]) {
  const campaignIds = campaigns.map((campaign) => campaign.campaignId);
  const contactIds = [...new Set(campaigns.flatMap((campaign) => campaign.contacts.map((contact) => contact.contactId)))];
  const stages = campaignIds.length
    ? await db.$queryRaw<StageRow[]>`
        SELECT campaign_id::text AS "campaignId", id::text AS "stageId", position, type::text AS type, name, status::text AS status, cohort IS NOT NULL AS "hasCohort"
        FROM campaign_stages WHERE campaign_id = ANY(CAST(${campaignIds} AS uuid[])) AND status <> 'PENDING'
        ORDER BY campaign_id, position`
    : [];
  const cohortStages = stages.filter((stage) => stage.hasCohort).map((stage) => stage.stageId);
  const members = cohortStages.length
    ? await db.$queryRaw<{ stageId: string; contactId: string }[]>`
        SELECT m.stage_id::text AS "stageId", m.contact_id::text AS "contactId"
        FROM unnest(CAST(${cohortStages} AS uuid[])) AS s(id)
        JOIN unnest(CAST(${contactIds} AS uuid[])) AS c(id) ON TRUE
        JOIN campaign_stage_members m ON m.stage_id = s.id AND m.contact_id = c.id`
    : [];
  return (campaignId: string, listed: Listed[]): AccountCampaignView['stages'] =>
    stages
      .filter((stage) => stage.campaignId === campaignId)
      .map(({ campaignId: _campaign, hasCohort, ...stage }) => ({
        ...stage,
        contactIds: hasCohort
          ? members.filter((member) => member.stageId === stage.stageId).map((member) => member.contactId)
          : // Without a cohort a stage works on the list's target cell (the LIST stage froze all of it).
            listed.filter((contact) => stage.type === 'LIST' || contact.cell === 'TARGET').map((contact) => contact.contactId),
      }))
      .filter((stage) => stage.contactIds.length > 0);
}
