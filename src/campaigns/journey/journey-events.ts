/** How an evergreen campaign's enrollment was stopped: enrolled cohorts finish, or are cancelled with the campaign. */
export type StopMode = 'finish' | 'cancel';

/**
 * The event that records the stop, once per campaign (its dedupe key): it names who stopped it and
 * the mode, and the plan reads the mode back from it (campaigns.enrollment_stopped_at is the flag).
 */
export const enrollmentStoppedKey = (campaignId: string) => `enrollment-stopped:${campaignId}`;
