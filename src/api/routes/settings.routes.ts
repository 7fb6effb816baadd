import { getMailingSettings, MailingSettingsRequest, MailingSettingsView, updateMailingSettings } from '../../settings/mailing-settings';
import { BudgetSettingsRequest, BudgetSettingsView, getBudgetSettings, updateBudgetSettings } from '../../settings/budget-settings';
import { defineRoute } from '../route';

export const settingsRoutes = [
  defineRoute({
    method: 'get', path: '/settings/mailing', tag: 'Settings', roles: ['admin', 'marketer'],
    summary: 'Settings of every campaign mailing: the frequency cap across campaigns',
    response: { status: 200, description: 'The mailing settings', schema: MailingSettingsView },
    handler: ({ deps }) => getMailingSettings(deps.db),
  }),
  defineRoute({
    method: 'put', path: '/settings/mailing', tag: 'Settings', roles: ['admin'],
    summary: 'Replace the mailing settings `{frequencyCap: {maxMessages, windowDays} | null}`; running mailings use them from their next batch; a change is written to the audit log',
    body: MailingSettingsRequest,
    response: { status: 200, description: 'The mailing settings', schema: MailingSettingsView },
    errors: [503],
    handler: ({ body, context }) => updateMailingSettings(context, body),
  }),
  defineRoute({
    method: 'get', path: '/settings/budgets', tag: 'Settings', roles: ['admin', 'marketer'],
    summary: 'Settings of the budgets: what happens to a campaign or event planned over its funding when it is scheduled',
    response: { status: 200, description: 'The budget settings', schema: BudgetSettingsView },
    handler: ({ deps }) => getBudgetSettings(deps.db),
  }),
  defineRoute({
    method: 'put', path: '/settings/budgets', tag: 'Settings', roles: ['admin'],
    summary: 'Choose whether work planned over its funding needs its budget owner’s approval (APPROVAL) or is refused (REFUSE); audited',
    body: BudgetSettingsRequest,
    response: { status: 200, description: 'The budget settings', schema: BudgetSettingsView },
    handler: ({ body, context }) => updateBudgetSettings(context, body),
  }),
];
