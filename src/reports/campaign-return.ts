import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { Prisma } from '../generated/prisma/client';
import { openStages } from '../opportunities/opportunities.schemas';
import { statuses } from '../rules/lifecycle';
import type { CampaignReport, CampaignReportFigures } from './campaign-return.schemas';
import { contractSignedBit, reachedCounts, statusBit } from './campaign-return-status-bits';
import { toCsv, type CsvCell } from './csv';
import { liftCsvColumns, liftCsvLines, type CsvLine } from './lift-csv';
import { getCampaignLift } from './lift-report';
import { campaignProductFigures } from '../products/product-figures';

interface CampaignRow {
  id: string;
  name: string;
  parent_id: string | null;
  budget: string | null;
  currency: string | null;
  evergreen: boolean;
}

interface SourceRow {
  id: string;
  campaign_id: string;
  code: string;
  name: string;
  channel: string | null;
  cost: string | null;
}

type Kind = 'source' | 'campaign';

interface ResponseFiguresRow {
  kind: Kind;
  key: string;
  responses: number;
  accounts: number;
  accounts_created: number;
  contracts: number;
  reached: Record<string, number>;
}

interface RevenueRow {
  kind: Kind;
  key: string;
  won_deals: number;
  revenue: string;
  pipeline: string;
  other_currency: number;
}

/**
 * A campaign's return, per sub-source, per campaign of its tree and in total. The tree (the campaign and every
 * campaign below it) comes from a recursive CTE over campaigns.parent_id; the figures of each sub-source and
 * of each campaign with its descendants come from two set-based queries (responses with the statuses their
 * accounts reached; linked opportunities), grouped by line. Costs are added up from the few source rows.
 */
export async function getCampaignReport(db: DbClient, campaignId: string): Promise<CampaignReport> {
  // UNION (not UNION ALL): a cycle in parent_id, should one ever exist, ends the recursion.
  const campaigns = await db.$queryRaw<CampaignRow[]>`
    WITH RECURSIVE tree(id) AS (
      SELECT id FROM campaigns WHERE id = CAST(${campaignId} AS uuid)
      UNION
      SELECT c.id FROM campaigns c JOIN tree t ON c.parent_id = t.id
    )
    SELECT c.id::text, c.name, c.parent_id::text AS parent_id, c.budget_amount::text AS budget, c.currency, c.evergreen IS NOT NULL AS evergreen
    FROM campaigns c JOIN tree USING (id)
    ORDER BY (c.id = CAST(${campaignId} AS uuid)) DESC, c.created_at, c.id`;
  const root = campaigns[0];
  if (!root || root.id !== campaignId) throw new AppError('NOT_FOUND', `No campaign ${campaignId}`);

  const ids = campaigns.map((campaign) => campaign.id);
  // Each campaign of the tree with itself and every campaign below it: the roll-up of the per-campaign lines.
  const closure = ancestorPairs(campaigns);
  const ancestors = closure.map(([ancestor]) => ancestor);
  const descendants = closure.map(([, descendant]) => descendant);

  const sources = await db.$queryRaw<SourceRow[]>`
    SELECT s.id::text, s.campaign_id::text AS campaign_id, s.code, s.name, s.channel, s.cost::text AS cost
    FROM campaign_sources s WHERE s.campaign_id = ANY(CAST(${ids} AS uuid[]))
    ORDER BY s.campaign_id, s.code`;
  const currency = root.currency ?? (await mainDealCurrency(db, ids));

  const [responseRows, revenueRows, { lift, enrollments }, perProduct] = await Promise.all([
    // One line per (sub-source, account) and per (campaign with its descendants, account), from the account's
    // first response there; then what the account reached since: status changes at or after that response,
    // and its current status.
    db.$queryRaw<ResponseFiguresRow[]>`
      WITH closure(ancestor, descendant) AS (SELECT * FROM unnest(CAST(${ancestors} AS uuid[]), CAST(${descendants} AS uuid[]))),
      firsts AS (
        SELECT r.source_id, r.campaign_id, r.account_id, min(r.occurred_at) AS first_at, count(*)::int AS n, bool_or(r.created_account) AS created
        FROM responses r WHERE r.campaign_id = ANY(CAST(${ids} AS uuid[]))
        GROUP BY r.source_id, r.campaign_id, r.account_id
      ),
      units AS MATERIALIZED (
        SELECT 'source' AS kind, f.source_id AS key, f.account_id, f.first_at, f.n, f.created FROM firsts f
        UNION ALL
        SELECT 'campaign', c.ancestor, f.account_id, min(f.first_at), sum(f.n)::int, bool_or(f.created)
        FROM firsts f JOIN closure c ON c.descendant = f.campaign_id
        GROUP BY c.ancestor, f.account_id
      ),
      changed AS (
        SELECT u.kind, u.key, u.account_id, bit_or(${statusBit(Prisma.sql`sc.to_status`)}) AS bits
        FROM units u JOIN status_changes sc ON sc.account_id = u.account_id AND sc.changed_at >= u.first_at
        GROUP BY u.kind, u.key, u.account_id
      ),
      lines AS (
        SELECT u.kind, u.key, u.n, u.created, COALESCE(ch.bits, 0) AS changes, COALESCE(ch.bits, 0) | ${statusBit(Prisma.sql`a.status`)} AS reached
        FROM units u JOIN accounts a ON a.id = u.account_id
        LEFT JOIN changed ch ON ch.kind = u.kind AND ch.key = u.key AND ch.account_id = u.account_id
      )
      SELECT kind, key::text AS key, sum(n)::int AS responses, count(*)::int AS accounts,
        count(*) FILTER (WHERE created)::int AS accounts_created,
        count(*) FILTER (WHERE changes & ${contractSignedBit}::int <> 0)::int AS contracts,
        ${reachedCounts(Prisma.sql`reached`)} AS reached
      FROM lines GROUP BY kind, key`,
    db.$queryRaw<RevenueRow[]>`
      WITH closure(ancestor, descendant) AS (SELECT * FROM unnest(CAST(${ancestors} AS uuid[]), CAST(${descendants} AS uuid[]))),
      per_source AS (
        SELECT o.campaign_source_id AS source_id, s.campaign_id,
          count(*) FILTER (WHERE o.stage = 'WON' AND o.currency IS NOT DISTINCT FROM ${currency}) AS won_deals,
          COALESCE(sum(o.amount) FILTER (WHERE o.stage = 'WON' AND o.currency IS NOT DISTINCT FROM ${currency}), 0) AS revenue,
          COALESCE(sum(o.amount) FILTER (WHERE o.stage = ANY(CAST(${[...openStages]} AS "OpportunityStage"[])) AND o.currency IS NOT DISTINCT FROM ${currency}), 0) AS pipeline,
          count(*) FILTER (WHERE o.currency IS DISTINCT FROM ${currency}) AS other_currency
        FROM opportunities o JOIN campaign_sources s ON s.id = o.campaign_source_id
        WHERE s.campaign_id = ANY(CAST(${ids} AS uuid[]))
        GROUP BY o.campaign_source_id, s.campaign_id
      )
      SELECT 'source' AS kind, source_id::text AS key, won_deals::int, revenue::text, pipeline::text, other_currency::int FROM per_source
      UNION ALL
      SELECT 'campaign', c.ancestor::text, sum(won_deals)::int, sum(revenue)::text, sum(pipeline)::text, sum(other_currency)::int
      FROM per_source p JOIN closure c ON c.descendant = p.campaign_id
      GROUP BY c.ancestor`,
    getCampaignLift(db, root, currency),
    campaignProductFigures(db, ids, currency),
  ]);

  const responsesOf = new Map(responseRows.map((row) => [`${row.kind}:${row.key}`, row]));
  const revenueOf = new Map(revenueRows.map((row) => [`${row.kind}:${row.key}`, row]));
  const figures = (kind: Kind, key: string, cost: number | null): CampaignReportFigures => {
    const answered = responsesOf.get(`${kind}:${key}`);
    const earned = revenueOf.get(`${kind}:${key}`);
    const responses = answered?.responses ?? 0;
    const revenue = Number(earned?.revenue ?? 0);
    return {
      responses,
      accounts: answered?.accounts ?? 0,
      accountsCreated: answered?.accounts_created ?? 0,
      statusesReached: Object.fromEntries(statuses.map((status) => [status, answered?.reached[status] ?? 0])) as CampaignReportFigures['statusesReached'],
      contracts: answered?.contracts ?? 0,
      wonDeals: earned?.won_deals ?? 0,
      revenue,
      pipeline: Number(earned?.pipeline ?? 0),
      cost,
      costPerResponse: cost === null || responses === 0 ? null : round(cost / responses, 2),
      returnOnSpend: cost === null || cost === 0 ? null : round(revenue / cost, 4),
    };
  };

  // A campaign's own cost: its sources' costs where any is set, else its budget, else unknown.
  const ownCost = new Map(
    campaigns.map((campaign) => {
      const costs = sources.filter((source) => source.campaign_id === campaign.id && source.cost !== null).map((source) => Number(source.cost));
      return [campaign.id, costs.length > 0 ? sum(costs) : campaign.budget === null ? null : Number(campaign.budget)];
    }),
  );
  const rolledCost = (ancestor: string): number | null => {
    const costs = closure.filter(([above]) => above === ancestor).flatMap(([, below]) => (ownCost.get(below) ?? null) === null ? [] : [ownCost.get(below)!]);
    return costs.length > 0 ? round(sum(costs), 2) : null;
  };

  const campaignLines = campaigns.map((campaign) => ({
    campaignId: campaign.id,
    name: campaign.name,
    parentId: campaign.parent_id,
    budget: campaign.budget === null ? null : Number(campaign.budget),
    ...figures('campaign', campaign.id, rolledCost(campaign.id)),
  }));
  const order = new Map(ids.map((id, index) => [id, index]));
  return {
    campaignId: root.id,
    name: root.name,
    currency,
    otherCurrencyDeals: revenueOf.get(`campaign:${root.id}`)?.other_currency ?? 0,
    total: figures('campaign', root.id, rolledCost(root.id)),
    sources: [...sources]
      .sort((a, b) => order.get(a.campaign_id)! - order.get(b.campaign_id)! || a.code.localeCompare(b.code))
      .map((source) => ({
        sourceId: source.id,
        campaignId: source.campaign_id,
        code: source.code,
        name: source.name,
        channel: source.channel,
        ...figures('source', source.id, source.cost === null ? null : Number(source.cost)),
      })),
    campaigns: campaignLines,
    lift,
    perProduct,
    enrollments,
  };
}

/** Without a campaign currency: the currency most of the linked deals are in (null when there are none). */
async function mainDealCurrency(db: DbClient, campaignIds: string[]): Promise<string | null> {
  const [row] = await db.$queryRaw<{ currency: string }[]>`
    SELECT o.currency FROM opportunities o JOIN campaign_sources s ON s.id = o.campaign_source_id
    WHERE s.campaign_id = ANY(CAST(${campaignIds} AS uuid[]))
    GROUP BY o.currency ORDER BY count(*) DESC, o.currency LIMIT 1`;
  return row?.currency ?? null;
}

/** (ancestor, descendant) for every campaign of the tree and each campaign at or above it within the tree. */
function ancestorPairs(campaigns: CampaignRow[]): [string, string][] {
  const parentOf = new Map(campaigns.map((campaign) => [campaign.id, campaign.parent_id]));
  const pairs: [string, string][] = [];
  for (const campaign of campaigns) {
    const seen = new Set<string>();
    for (let at: string | null | undefined = campaign.id; at && parentOf.has(at) && !seen.has(at); at = parentOf.get(at)) {
      seen.add(at);
      pairs.push([at, campaign.id]);
    }
  }
  return pairs;
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

const csvHeader = [
  'level', 'campaign_id', 'campaign', 'source_code', 'source', 'responses', 'accounts', 'accounts_created',
  ...statuses.map((status) => `reached_${status.toLowerCase()}`),
  'contracts', 'won_deals', 'currency', 'revenue', 'pipeline', 'cost', 'cost_per_response', 'return_on_spend',
];

/**
 * The report as CSV: one line per sub-source, one per campaign of the tree (children rolled up), the
 * total, then the lift's lines and an evergreen campaign's enrollment lines (lift-csv.ts), with the
 * lift's columns after the return's.
 */
export function campaignReportCsv(report: CampaignReport): string {
  const names = new Map(report.campaigns.map((campaign) => [campaign.campaignId, campaign.name]));
  const cells = (figures: CampaignReportFigures) => [
    figures.responses, figures.accounts, figures.accountsCreated, ...statuses.map((status) => figures.statusesReached[status]),
    figures.contracts, figures.wonDeals, report.currency, figures.revenue, figures.pipeline, figures.cost, figures.costPerResponse, figures.returnOnSpend,
  ];
  const header = [...csvHeader, ...liftCsvColumns];
  const liftLines = liftCsvLines(report.lift, report.enrollments).map((line) => {
    const keyed: CsvLine = { ...line, campaign_id: report.campaignId, campaign: report.name, currency: report.currency };
    return header.map((column) => keyed[column]);
  });
  // Every line has every column (RFC 4180): the return's lines leave the lift's columns empty.
  const padded = (row: CsvCell[]) => [...row, ...liftCsvColumns.map(() => null)];
  return toCsv(header, [
    ...report.sources.map((source) => padded(['source', source.campaignId, names.get(source.campaignId), source.code, source.name, ...cells(source)])),
    ...report.campaigns.map((campaign) => padded(['campaign', campaign.campaignId, campaign.name, null, null, ...cells(campaign)])),
    padded(['total', report.campaignId, report.name, null, null, ...cells(report.total)]),
    ...liftLines,
  ]);
}
