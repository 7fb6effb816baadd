import type { Caller } from '../auth/caller';
import type { DbClient } from '../db/prisma';
import type { MyPipeline } from './home-reads.schemas';
import { openStages } from '../opportunities/opportunities.schemas';
import { getPreferences } from './preferences-store';

/**
 * The caller's open deals (theirs, or on accounts they own) by stage, every stage listed even when
 * empty. One grouped query: the sum per stage and currency.
 */
export async function getMyPipeline(db: DbClient, caller: Caller): Promise<MyPipeline> {
  const { currency } = await getPreferences(db, caller.id);
  const rows = await db.$queryRaw<{ stage: string; currency: string; count: number; amount: string }[]>`
    SELECT o.stage::text AS stage, o.currency, count(*)::int AS count, sum(o.amount)::text AS amount
    FROM opportunities o JOIN accounts a ON a.id = o.account_id
    WHERE o.stage::text IN ('PROSPECTING', 'QUALIFICATION', 'PROPOSAL', 'NEGOTIATION')
      AND (o.owner_id = CAST(${caller.id} AS uuid) OR a.owner_id = CAST(${caller.id} AS uuid))
    GROUP BY o.stage, o.currency
    ORDER BY o.currency`;
  return {
    currency,
    stages: openStages.map((stage) => {
      const atStage = rows.filter((row) => row.stage === stage);
      const mine = atStage.find((row) => row.currency === currency);
      return {
        stage,
        count: atStage.reduce((total, row) => total + row.count, 0),
        amount: mine ? Number(mine.amount) : 0,
        otherCurrencies: atStage.filter((row) => row.currency !== currency).map((row) => ({ currency: row.currency, count: row.count, amount: Number(row.amount) })),
      };
    }),
  };
}
