import type { CampaignStatus } from '../src/generated/prisma/enums';

// No imports but types: the web console bundles this file too.

/** A campaign in one of these has ended: it changes no more (copy it instead). */
export const endedStatuses: readonly CampaignStatus[] = ['COMPLETED', 'CANCELLED', 'REJECTED', 'FAILED'];
export const isEnded = (status: CampaignStatus) => endedStatuses.includes(status);
