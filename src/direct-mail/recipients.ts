import type { Prisma as PrismaTypes } from '../generated/prisma/client';
import { Prisma } from '../generated/prisma/client';
import { AppError, invalidField } from '../errors/app-error';
import { criteriaToSql } from '../segments/criteria-to-sql';
import { SegmentCriteria } from '../segments/segment-criteria.schemas';

// Who a run writes to: a segment's contacts as they are when the run starts, or a campaign's
// target list as its LIST stage froze it. Either way the contacts are listed once, as the run's
// letters (in the order of their account's name, then their own), so the run's set never moves.

export type RecipientSet = { segmentId: string } | { campaignId: string };

/** Lists the set's contacts as the run's PENDING letters, inside the transaction that created the run; answers how many. */
export async function listRecipients(tx: PrismaTypes.TransactionClient, runId: string, set: RecipientSet): Promise<{ listed: number; name: string }> {
  const run = Prisma.sql`CAST(${runId} AS uuid)`;
  if ('segmentId' in set) {
    const segment = await tx.segment.findUnique({ where: { id: set.segmentId }, select: { name: true, criteria: true } });
    if (!segment) throw invalidField('body.segmentId', `no segment ${set.segmentId}`);
    const where = criteriaToSql(SegmentCriteria.parse(segment.criteria));
    const listed = await tx.$executeRaw`
      INSERT INTO direct_mail_letters (run_id, contact_id, account_id, position)
      SELECT ${run}, c.id, c.account_id, row_number() OVER (ORDER BY a.name, c.name, c.id)
      FROM contacts c JOIN accounts a ON a.id = c.account_id
      WHERE ${where}`;
    return { listed, name: segment.name };
  }
  const campaign = await tx.campaign.findUnique({ where: { id: set.campaignId }, select: { name: true } });
  if (!campaign) throw invalidField('body.campaignId', `no campaign ${set.campaignId}`);
  // Contacts deleted since the list was frozen stay listed: their letters are skipped with the reason.
  const listed = await tx.$executeRaw`
    INSERT INTO direct_mail_letters (run_id, contact_id, account_id, position)
    SELECT ${run}, r.contact_id, r.account_id, row_number() OVER (ORDER BY a.name NULLS LAST, c.name NULLS LAST, r.contact_id)
    FROM campaign_recipients r LEFT JOIN contacts c ON c.id = r.contact_id LEFT JOIN accounts a ON a.id = r.account_id
    WHERE r.campaign_id = CAST(${set.campaignId} AS uuid) AND r.cell = 'TARGET'`;
  if (listed === 0) {
    throw new AppError('CONFLICT', `Campaign "${campaign.name}" has no target list yet: its LIST stage has not run`, [{ path: 'body.campaignId', message: 'no target list yet' }]);
  }
  return { listed, name: campaign.name };
}
