import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

// What an admin filters workflows by in the Temporal UI: ids, statuses and dates, never personal
// data. The worker registers each with the namespace (src/temporal/search-attributes.ts); SQL
// visibility allows 10 Keyword and 3 Datetime attributes per namespace.
export const accountStatusKey = defineSearchAttributeKey('CrmAccountStatus', SearchAttributeType.KEYWORD);
export const accountOwnerIdKey = defineSearchAttributeKey('CrmAccountOwnerId', SearchAttributeType.KEYWORD);
export const accountSegmentKey = defineSearchAttributeKey('CrmAccountSegment', SearchAttributeType.KEYWORD);
/** When the account entered its current status: "refused this month". */
export const accountStatusSinceKey = defineSearchAttributeKey('CrmAccountStatusSince', SearchAttributeType.DATETIME);
export const campaignStatusKey = defineSearchAttributeKey('CrmCampaignStatus', SearchAttributeType.KEYWORD);
export const campaignStageTypeKey = defineSearchAttributeKey('CrmCampaignStageType', SearchAttributeType.KEYWORD);
export const planStatusKey = defineSearchAttributeKey('CrmPlanStatus', SearchAttributeType.KEYWORD);
export const planPeriodEndKey = defineSearchAttributeKey('CrmPlanPeriodEnd', SearchAttributeType.DATETIME);
export const applyStateKey = defineSearchAttributeKey('CrmApplyState', SearchAttributeType.KEYWORD);
export const eventStatusKey = defineSearchAttributeKey('CrmEventStatus', SearchAttributeType.KEYWORD);
export const budgetApprovalStatusKey = defineSearchAttributeKey('CrmBudgetApprovalStatus', SearchAttributeType.KEYWORD);

export const crmSearchAttributeKeys = [accountStatusKey, accountOwnerIdKey, accountSegmentKey, accountStatusSinceKey, campaignStatusKey, campaignStageTypeKey, planStatusKey, planPeriodEndKey, applyStateKey, eventStatusKey, budgetApprovalStatusKey];
