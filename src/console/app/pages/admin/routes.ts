import type { PageRoute } from '../../page-route';
import { AuditPage } from './audit/audit-page';
import { RuleEditPage } from './rules/rule-edit-page';
import { RulePage } from './rules/rule-page';
import { RulesPage } from './rules/rules-page';
import { SettingsPage } from './settings/settings-page';
import { NewUserPage } from './users/new-user-page';
import { UserPage } from './users/user-page';
import { UsersPage } from './users/users-page';

const admins = ['admin'] as const;

// Literal paths (`/users/new`) come before the `:id` patterns they would also match.
export const adminRoutes: PageRoute[] = [
  { path: '/users', title: 'Users', roles: admins, nav: { label: 'Users', order: 70 }, component: UsersPage },
  { path: '/users/new', title: 'New user', roles: admins, component: NewUserPage },
  { path: '/users/:id', title: 'User', roles: admins, component: UserPage },
  { path: '/rules', title: 'Rules', roles: admins, nav: { label: 'Rules', order: 72 }, component: RulesPage },
  { path: '/rules/new', title: 'New rule', roles: admins, component: RuleEditPage },
  { path: '/rules/:key', title: 'Rule', roles: admins, component: RulePage },
  { path: '/rules/:key/edit', title: 'Edit rule', roles: admins, component: RuleEditPage },
  { path: '/settings', title: 'Settings', roles: admins, nav: { label: 'Settings', order: 74 }, component: SettingsPage },
  { path: '/audit', title: 'Audit log', roles: admins, nav: { label: 'Audit log', order: 76 }, component: AuditPage },
];
