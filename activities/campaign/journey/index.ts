import type { ActivityDependencies } from '../../dependencies';
import type { CampaignRunPlan, EnrollmentResult } from '../../../workflows/campaign.messages';
import { completeCampaign, stopEnrollment, type StopEnrollmentInput } from './campaign-stops';
import { enrollCohort } from './enroll-cohort';
import { planCampaignRuns } from '../../../src/campaigns/journey/plan-runs';

/** CAMPAIGN_RESPONSE_RECHECK's default, for factories built without it (tests that need no journey). */
export const DEFAULT_RESPONSE_RECHECK = 'PT5M';

/** What the journey workflow asks PostgreSQL: which runs may start, enrollments, stopping and completing. */
export function createJourneyActivities({ db, responseRecheck = DEFAULT_RESPONSE_RECHECK }: ActivityDependencies) {
  return {
    /** Every run not ended, whether it may start now and else until when and for what it waits. Read-only. */
    async planCampaignRuns({ campaignId }: { campaignId: string }): Promise<CampaignRunPlan> {
      return planCampaignRuns(db, campaignId, new Date(), { responseRecheck });
    },
    /** Enrolls the segment's new contacts as one cohort; a retry answers the stored enrollment. */
    async enrollCohort(input: { campaignId: string; scheduledFor: string }): Promise<EnrollmentResult> {
      return enrollCohort(db, input);
    },
    async stopEnrollment(input: StopEnrollmentInput) {
      return stopEnrollment(db, input);
    },
    async completeCampaign(input: { campaignId: string; byUserId: string; reason?: string }) {
      return completeCampaign(db, input);
    },
  };
}
