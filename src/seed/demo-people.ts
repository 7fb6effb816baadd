import { insertApiKey } from '../api-keys/issue-api-key';
import { recordAudit } from '../audit/record-audit';
import type { Prisma } from '../generated/prisma/client';
import type { ApiClient } from './api-client';
import type { DemoOrganization, DemoPerson, PersonHandle } from './demo-organization';

export const SEED_KEY_NAME = 'demo seed';

export interface SeededUser extends DemoPerson {
  id: string;
  apiKey: string;
}

export type SeededPeople = Record<PersonHandle, SeededUser>;

/**
 * The organization's admin and their key, written in the seed's first transaction: before it the
 * seed holds no key to call the API with. Recorded in the audit log as made by the system.
 */
export async function createDemoAdmin(tx: Prisma.TransactionClient, admin: DemoPerson): Promise<SeededUser> {
  const user = await tx.user.create({ data: { email: admin.email, name: admin.name, role: admin.role }, select: { id: true } });
  await recordAudit(tx, { actorId: null, action: 'user.create', entityType: 'user', entityId: user.id, after: { email: admin.email, name: admin.name, role: admin.role }, reason: 'demo data (npm run seed)' });
  const { apiKey } = await insertApiKey(tx, { userId: user.id, name: SEED_KEY_NAME, createdById: null });
  return { ...admin, id: user.id, apiKey };
}

/**
 * The others through the API as an admin would add them: POST /users (each gets their key and a
 * welcome e-mail from a workflow), then PATCH /users/:id for their manager.
 */
export async function createDemoPeople(api: ApiClient, organization: DemoOrganization, admin: SeededUser): Promise<SeededPeople> {
  const people = { admin } as SeededPeople;
  for (const person of organization.people.filter((candidate) => candidate.handle !== 'admin')) {
    const created = await api.call<{ user: { id: string }; apiKey: string }>(admin.apiKey, 'POST', '/users', { email: person.email, name: person.name, role: person.role });
    people[person.handle] = { ...person, id: created.user.id, apiKey: created.apiKey };
  }
  for (const person of Object.values(people)) {
    if (person.reportsTo) await api.call(admin.apiKey, 'PATCH', `/users/${person.id}`, { managerId: people[person.reportsTo].id });
  }
  return people;
}
