import type { AccountCampaignView, AccountEventView, AccountMailView, AccountResponseView, KeyContactView } from '../../../../../customer-view/customer-view.schemas';

export type AccountCampaign = AccountCampaignView;
export type AccountMail = AccountMailView;
export type AccountResponse = AccountResponseView;
export type AccountEventRegistration = AccountEventView;
export type KeyContact = KeyContactView;

/** How many rows each section of the customer view shows before "Show more". */
export const SECTION_PAGE = 10;
