/**
 * Limits the campaign API applies that come from the configuration (src/config): the API's
 * dependencies carry them; without them, the production defaults.
 */
export interface CampaignLimits {
  /** EVERGREEN_MIN_INTERVAL: the shortest `every` of an evergreen campaign's schedule (ISO 8601 duration). */
  evergreenMinInterval: string;
  /** MAIL_ATTACHMENTS_MAX_SIZE: the most a MAILING stage's attached files (as opposed to links) may add up to, in bytes; default 5 MB. */
  mailAttachmentsMaxBytes?: number;
}

export const DEFAULT_CAMPAIGN_LIMITS: CampaignLimits = { evergreenMinInterval: 'PT1H' };
