import type { PageRoute } from '../../page-route';
import { AuditPage } from './audit/audit-page';
import { RuleEditPage } from './rules/rule-edit-page';
import { RulePage } from './rules/rule-page';
import { RulesPage } from './rules/rules-page';
import { SettingsPage } from './settings/settings-page';
import { NewUserPage } from './users/new-user-page';
import { UserPage } from './users/user-page';
import { UsersPage } from './users/users-page';
import { msg } from '../../i18n/i18n';

const admins = ['admin'] as const;

// Literal paths (`/users/new`) come before the `:id` patterns they would also match.
export const adminRoutes: PageRoute[] = [
  { path: '/users', title: msg('Users'), roles: admins, nav: { label: msg('Users'), order: 70 }, component: UsersPage },
  { path: '/users/new', title: msg('New user'), roles: admins, component: NewUserPage },
  { path: '/users/:id', title: msg('User'), roles: admins, component: UserPage },
  { path: '/rules', title: msg('Rules'), roles: admins, nav: { label: msg('Rules'), order: 72 }, component: RulesPage },
  { path: '/rules/new', title: msg('New rule'), roles: admins, component: RuleEditPage },
  { path: '/rules/:key', title: msg('Rule'), roles: admins, component: RulePage },
  { path: '/rules/:key/edit', title: msg('Edit rule'), roles: admins, component: RuleEditPage },
  { path: '/settings', title: msg('Settings'), roles: admins, nav: { label: msg('Settings'), order: 74 }, component: SettingsPage },
  { path: '/audit', title: msg('Audit log'), roles: admins, nav: { label: msg('Audit log'), order: 76 }, component: AuditPage },
];
