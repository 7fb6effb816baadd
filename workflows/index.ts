// The worker's list of workflows: one export per workflow file.
export { welcomeUserWorkflow } from './welcome-user.workflow';
export { accountWorkflow } from './account.workflow';
export { campaignWorkflow } from './campaign.workflow';
export { applyToAccountsWorkflow } from './apply-to-accounts.workflow';
export { planWorkflow } from './plan.workflow';
export { ownerChangeWorkflow } from './owner-change.workflow';
export { signInLinkWorkflow } from './sign-in-link.workflow';
export { eventWorkflow } from './event.workflow';
export { budgetApprovalWorkflow } from './budget-approval.workflow';
export { directMailWorkflow } from './direct-mail.workflow';
