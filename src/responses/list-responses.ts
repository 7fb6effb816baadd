import { encodePageCursor } from '../schemas/page-cursor';
import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { Prisma, type Response } from '../generated/prisma/client';
import type { ListResponsesQuery, ResponsePage } from './responses.schemas';
import { toResponseView } from './response-view';

type Row = Response & { sourceCode: string };

/**
 * One page of responses, latest first (occurredAt desc, id desc), of one campaign (and one of its codes)
 * or of all. An unknown campaign or code is a 400 naming its field, as when recording.
 */
export async function listResponses(db: DbClient, query: ListResponsesQuery): Promise<ResponsePage> {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (query.campaignId) {
    const campaign = await db.campaign.findUnique({ where: { id: query.campaignId }, select: { id: true } });
    if (!campaign) throw new AppError('VALIDATION_FAILED', `No campaign ${query.campaignId}`, [{ path: 'query.campaignId', message: `No campaign ${query.campaignId}` }]);
    conditions.push(Prisma.sql`r.campaign_id = CAST(${query.campaignId} AS uuid)`);
    if (query.sourceCode) {
      const source = await db.campaignSource.findFirst({ where: { campaignId: query.campaignId, code: { equals: query.sourceCode, mode: 'insensitive' } }, select: { id: true } });
      if (!source) throw new AppError('VALIDATION_FAILED', `The campaign has no sub-source "${query.sourceCode}"`, [{ path: 'query.sourceCode', message: `The campaign has no sub-source "${query.sourceCode}"` }]);
      conditions.push(Prisma.sql`r.source_id = CAST(${source.id} AS uuid)`);
    }
  }
  if (query.cursor) conditions.push(Prisma.sql`(r.occurred_at, r.id) < (CAST(${query.cursor.at} AS timestamptz), CAST(${query.cursor.id} AS uuid))`);
  const rows = await db.$queryRaw<Row[]>`
    SELECT r.id::text AS id, r.campaign_id::text AS "campaignId", r.source_id::text AS "sourceId", s.code AS "sourceCode",
      r.account_id::text AS "accountId", r.contact_id::text AS "contactId", r.type::text AS type, r.activity_id::text AS "activityId",
      r.created_account AS "createdAccount", r.occurred_at AS "occurredAt", r.created_by_id::text AS "createdById", r.created_at AS "createdAt"
    FROM responses r JOIN campaign_sources s ON s.id = r.source_id
    WHERE ${Prisma.join(conditions, ' AND ')}
    ORDER BY r.occurred_at DESC, r.id DESC
    LIMIT ${query.limit + 1}`;
  const items = rows.slice(0, query.limit).map((row) => toResponseView(row, row.sourceCode));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodePageCursor(new Date(last.occurredAt), last.id) : null };
}
