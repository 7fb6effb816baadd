import { Prisma } from '../generated/prisma/client';

export const queryEntities = ['accounts', 'contacts', 'opportunities', 'tasks', 'activities'] as const;
export type QueryEntity = (typeof queryEntities)[number];

export interface EntitySource {
  label: string;
  /** The rows and their account (alias a), archived accounts left out. */
  from: Prisma.Sql;
  where: Prisma.Sql;
  id: Prisma.Sql;
  /** What a run lists when the query names no sort: newest first. */
  defaultSort: { field: string; direction: 'asc' | 'desc' };
  defaultColumns: readonly string[];
}

const raw = Prisma.raw;

export const entitySources: Record<QueryEntity, EntitySource> = {
  accounts: {
    label: 'Accounts',
    from: raw('accounts a'),
    where: raw('a.archived_at IS NULL'),
    id: raw('a.id'),
    defaultSort: { field: 'createdAt', direction: 'desc' },
    defaultColumns: ['name', 'status', 'owner', 'segment'],
  },
  contacts: {
    label: 'Contacts',
    from: raw('contacts c JOIN accounts a ON a.id = c.account_id'),
    where: raw('a.archived_at IS NULL'),
    id: raw('c.id'),
    defaultSort: { field: 'createdAt', direction: 'desc' },
    defaultColumns: ['name', 'email', 'accountName', 'status'],
  },
  opportunities: {
    label: 'Deals',
    from: raw('opportunities o JOIN accounts a ON a.id = o.account_id'),
    where: raw('a.archived_at IS NULL'),
    id: raw('o.id'),
    defaultSort: { field: 'createdAt', direction: 'desc' },
    defaultColumns: ['name', 'accountName', 'stage', 'amount', 'expectedCloseDate'],
  },
  tasks: {
    label: 'Tasks',
    from: raw('tasks t JOIN accounts a ON a.id = t.account_id'),
    where: raw('a.archived_at IS NULL'),
    id: raw('t.id'),
    defaultSort: { field: 'dueAt', direction: 'asc' },
    defaultColumns: ['title', 'accountName', 'state', 'dueAt'],
  },
  activities: {
    label: 'Activities',
    // Only activities the account's workflow has applied, as every list of activities shows.
    from: raw('activities x JOIN accounts a ON a.id = x.account_id'),
    where: raw(`a.archived_at IS NULL AND x.state = 'APPLIED'`),
    id: raw('x.id'),
    defaultSort: { field: 'occurredAt', direction: 'desc' },
    defaultColumns: ['occurredAt', 'type', 'outcome', 'accountName', 'owner'],
  },
};
