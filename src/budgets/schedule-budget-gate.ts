import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import type { Work } from './work-funding';
import { getWorkFunding } from './work-funding-view';

/**
 * Called in the transaction that schedules a campaign or an event: work planned over the funds its
 * budget gave it is refused (409 saying by how much and what to do) unless the settings ask for an
 * approval and its budget's owner approved an overrun covering today's planned cost. Work no budget
 * funds is not checked.
 */
export async function assertScheduleWithinBudget(db: DbClient, work: Work): Promise<void> {
  const funding = await getWorkFunding(db, work);
  if (!funding.schedulable) throw new AppError('CONFLICT', funding.explanation);
}
