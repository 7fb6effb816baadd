import { Prisma } from '../generated/prisma/client';
import { opportunityStages } from '../opportunities/opportunities.schemas';
import { activityTypes, outcomes, statuses, taskTypes } from '../rules/lifecycle';
import type { QueryEntity } from './query-entities';
import type { QueryField } from './query-fields';

const raw = Prisma.raw;
const sql = Prisma.sql;
const taskStates = ['OPEN', 'DONE', 'CANCELLED'] as const;

// The only SQL text a field contributes is written here; every value of a filter is a parameter.
// Aliases: a = accounts (every entity joins its account), c = contacts, o = opportunities, t = tasks, x = activities.
const account = {
  accountName: { label: 'Account', type: 'text', column: raw('a.name'), pgType: 'text', noFilter: true },
  status: { label: 'Account status', type: 'enum', options: statuses, column: raw('a.status'), pgType: '"AccountStatus"' },
  segment: { label: 'Segment', type: 'text', column: raw('a.segment'), pgType: 'text', nullable: true },
  leadSource: { label: 'Lead source', type: 'text', column: raw('a.lead_source'), pgType: 'text', nullable: true },
} satisfies Record<string, QueryField>;

const listedIn = (link: Prisma.Sql): QueryField => ({
  label: 'Campaign',
  type: 'campaign',
  exists: { from: raw('campaign_recipients r'), link, column: raw('r.campaign_id') },
});

const accounts: Record<string, QueryField> = {
  name: { label: 'Name', type: 'text', column: raw('a.name'), pgType: 'text' },
  status: { ...account.status, label: 'Status' },
  owner: { label: 'Owner', type: 'user', column: raw('a.owner_id'), pgType: 'uuid', nullable: true },
  segment: account.segment,
  leadSource: account.leadSource,
  createdAt: { label: 'Created', type: 'date', column: raw('a.created_at'), pgType: 'timestamptz' },
  updatedAt: { label: 'Updated', type: 'date', column: raw('a.updated_at'), pgType: 'timestamptz' },
  lastContactedAt: { label: 'Last contacted', type: 'date', column: raw('a.last_contacted_at'), pgType: 'timestamptz', nullable: true },
  recontactDue: {
    label: 'Re-contact due',
    type: 'date',
    // The column shows the next pending re-contact; a filter asks for any pending one in the period.
    column: sql`(SELECT min(rt.fire_at) FROM timers rt WHERE rt.account_id = a.id AND rt.kind = 'recontact' AND rt.state = 'PENDING')`,
    pgType: 'timestamptz',
    nullable: true,
    exists: { from: raw('timers rt'), link: sql`rt.account_id = a.id AND rt.kind = 'recontact' AND rt.state = 'PENDING'`, column: raw('rt.fire_at') },
  },
  campaign: listedIn(raw('r.account_id = a.id')),
  product: {
    label: 'Installed product',
    type: 'product',
    exists: { from: raw('installed_products ip'), link: raw('ip.account_id = a.id'), column: raw('ip.product_id') },
  },
};

const contacts: Record<string, QueryField> = {
  name: { label: 'Name', type: 'text', column: raw('c.name'), pgType: 'text' },
  email: { label: 'E-mail', type: 'text', column: raw('c.email'), pgType: 'text', nullable: true },
  phone: { label: 'Phone', type: 'text', column: raw('c.phone'), pgType: 'text', nullable: true },
  title: { label: 'Job title', type: 'text', column: raw('c.title'), pgType: 'text', nullable: true },
  ...account,
  owner: { label: 'Account owner', type: 'user', column: raw('a.owner_id'), pgType: 'uuid', nullable: true },
  createdAt: { label: 'Created', type: 'date', column: raw('c.created_at'), pgType: 'timestamptz' },
  campaign: listedIn(raw('r.contact_id = c.id')),
};

const opportunities: Record<string, QueryField> = {
  name: { label: 'Deal', type: 'text', column: raw('o.name'), pgType: 'text' },
  accountName: account.accountName,
  stage: { label: 'Stage', type: 'enum', options: opportunityStages, column: raw('o.stage'), pgType: '"OpportunityStage"' },
  amount: { label: 'Amount', type: 'money', column: raw('o.amount'), pgType: 'numeric', currency: raw('o.currency') },
  currency: { label: 'Currency', type: 'text', column: raw('o.currency'), pgType: 'text' },
  expectedCloseDate: { label: 'Expected close', type: 'day', column: raw('o.expected_close_date'), pgType: 'date', nullable: true },
  owner: { label: 'Owner', type: 'user', column: raw('o.owner_id'), pgType: 'uuid', nullable: true },
  status: account.status,
  segment: account.segment,
  leadSource: account.leadSource,
  campaign: {
    label: 'Campaign',
    type: 'campaign',
    exists: { from: raw('campaign_sources cs'), link: raw('cs.id = o.campaign_source_id'), column: raw('cs.campaign_id') },
  },
  product: {
    label: 'Product',
    type: 'product',
    exists: { from: raw('opportunity_line_items li'), link: raw('li.opportunity_id = o.id'), column: raw('li.product_id') },
  },
  createdAt: { label: 'Created', type: 'date', column: raw('o.created_at'), pgType: 'timestamptz' },
  updatedAt: { label: 'Updated', type: 'date', column: raw('o.updated_at'), pgType: 'timestamptz' },
};

const tasks: Record<string, QueryField> = {
  title: { label: 'Task', type: 'text', column: raw('t.title'), pgType: 'text' },
  type: { label: 'Type', type: 'enum', options: taskTypes, column: raw('t.type'), pgType: 'text' },
  state: { label: 'State', type: 'enum', options: taskStates, column: raw('t.state'), pgType: '"TaskState"' },
  owner: { label: 'Assigned to', type: 'user', column: raw('t.assignee_id'), pgType: 'uuid', nullable: true },
  dueAt: { label: 'Due', type: 'date', column: raw('t.due_at'), pgType: 'timestamptz' },
  completedAt: { label: 'Completed', type: 'date', column: raw('t.completed_at'), pgType: 'timestamptz', nullable: true },
  createdAt: { label: 'Created', type: 'date', column: raw('t.created_at'), pgType: 'timestamptz' },
  ...account,
};

const activities: Record<string, QueryField> = {
  type: { label: 'Type', type: 'enum', options: activityTypes, column: raw('x.type'), pgType: '"ActivityType"' },
  outcome: { label: 'Outcome', type: 'enum', options: outcomes, column: raw('x.outcome'), pgType: '"ActivityOutcome"' },
  occurredAt: { label: 'Occurred', type: 'date', column: raw('x.occurred_at'), pgType: 'timestamptz' },
  owner: { label: 'Logged by', type: 'user', column: raw('x.logged_by_id'), pgType: 'uuid' },
  notes: { label: 'Notes', type: 'text', column: raw('x.notes'), pgType: 'text', nullable: true },
  createdAt: { label: 'Logged', type: 'date', column: raw('x.created_at'), pgType: 'timestamptz' },
  ...account,
};

/** Every field users may filter, sort or show, per entity: the catalog GET /queries/fields answers. */
export const entityFields: Record<QueryEntity, Record<string, QueryField>> = { accounts, contacts, opportunities, tasks, activities };

export function fieldOf(entity: QueryEntity, key: string): QueryField | undefined {
  return Object.hasOwn(entityFields[entity], key) ? entityFields[entity][key] : undefined;
}
