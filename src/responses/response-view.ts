import type { Response } from '../generated/prisma/client';
import type { ResponseView } from './responses.schemas';

export function toResponseView(row: Response, sourceCode: string): ResponseView {
  return {
    id: row.id,
    campaignId: row.campaignId,
    sourceId: row.sourceId,
    sourceCode,
    accountId: row.accountId,
    contactId: row.contactId,
    type: row.type,
    activityId: row.activityId,
    createdAccount: row.createdAccount,
    occurredAt: row.occurredAt.toISOString(),
    createdById: row.createdById,
    createdAt: row.createdAt.toISOString(),
  };
}
