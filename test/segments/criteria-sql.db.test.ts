import { criteriaToSql } from '../../src/segments/criteria-to-sql';
import { SegmentCriteria } from '../../src/segments/segment-criteria.schemas';
import type { Prisma } from '../../src/generated/prisma/client';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { custom, leaf, seedAccount, type SeedContact } from './helpers';

let database: TestDatabase;
let ownerId: string;
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

/** Four accounts, one archived, and five contacts, covering every field kind. */
beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  ownerId = (await db.user.create({ data: { email: 'owner@example.com', name: 'Owner', role: 'manager' } })).id;
  const account = (name: string, data: Omit<Prisma.AccountUncheckedCreateInput, 'name'>, contacts: SeedContact[]) => seedAccount(db, { name, ...data }, contacts);
  await account('Acme', { segment: 'retail', leadSource: 'web', fields: { tier: 'gold', size: 50, vip: true }, createdAt: daysAgo(2), lastContactedAt: daysAgo(1) }, [
    { name: 'Ann', email: 'Ann@Acme.com', title: 'CEO' },
    { name: 'Bob' },
  ]);
  await account('Beta', { segment: 'wholesale', status: 'CLIENT', ownerId, fields: { tier: 'silver' }, createdAt: new Date('2020-01-01T00:00:00Z') }, [
    { name: 'Cat', email: 'cat@beta.com', title: 'Buyer' },
  ]);
  await account('Gamma_100%', { segment: 'retail', status: 'POTENTIAL', ownerId, leadSource: 'fair', createdAt: daysAgo(40), lastContactedAt: daysAgo(35) }, [
    { name: 'Dan', email: 'dan@gamma.com', title: 'Head of Sales' },
  ]);
  await account('Archived', { segment: 'retail', archivedAt: new Date() }, [{ name: 'Eve', email: 'eve@archived.com', title: 'CEO' }]);
});
afterAll(() => database.drop());

async function matches(criteria: unknown): Promise<string[]> {
  const where = criteriaToSql(SegmentCriteria.parse(criteria));
  const rows = await database.db.$queryRaw<{ name: string }[]>`
    SELECT c.name FROM contacts c JOIN accounts a ON a.id = c.account_id WHERE ${where} ORDER BY c.name`;
  return rows.map((row) => row.name);
}


describe('criteria run against PostgreSQL', () => {
  test.each([
    ['segment eq', leaf('account.segment', 'eq', 'retail'), ['Ann', 'Bob', 'Dan']],
    ['segment neq', leaf('account.segment', 'neq', 'retail'), ['Cat']],
    ['status in', leaf('account.status', 'in', ['CLIENT', 'POTENTIAL']), ['Cat', 'Dan']],
    ['status neq', leaf('account.status', 'neq', 'NEW'), ['Cat', 'Dan']],
    ['ownerId isNotSet', leaf('account.ownerId', 'isNotSet'), ['Ann', 'Bob']],
    ['leadSource isNotSet', leaf('account.leadSource', 'isNotSet'), ['Cat']],
    ['leadSource contains, any case', leaf('account.leadSource', 'contains', 'WE'), ['Ann', 'Bob']],
    ['name contains a literal % and _', leaf('account.name', 'contains', '_100%'), ['Dan']],
    ['name contains % matches no other name', leaf('account.name', 'contains', '%'), ['Dan']],
    ['createdAt before a date', leaf('account.createdAt', 'before', '2021-01-01'), ['Cat']],
    ['createdAt after an instant', leaf('account.createdAt', 'after', '2021-01-01T00:00:00Z'), ['Ann', 'Bob', 'Dan']],
    ['createdAt withinDays', leaf('account.createdAt', 'withinDays', 7), ['Ann', 'Bob']],
    ['lastContactedAt withinDays', leaf('account.lastContactedAt', 'withinDays', 30), ['Ann', 'Bob']],
    ['lastContactedAt isNotSet', leaf('account.lastContactedAt', 'isNotSet'), ['Cat']],
    ['email eq ignores case', leaf('contact.email', 'eq', 'ANN@acme.com'), ['Ann']],
    ['email in', leaf('contact.email', 'in', ['cat@beta.com', 'DAN@gamma.com']), ['Cat', 'Dan']],
    ['title contains', leaf('contact.title', 'contains', 'sales'), ['Dan']],
    ['title isNotSet', leaf('contact.title', 'isNotSet'), ['Bob']],
    ['hasEmail false', leaf('contact.hasEmail', 'eq', false), ['Bob']],
    ['hasEmail true', leaf('contact.hasEmail', 'eq', true), ['Ann', 'Cat', 'Dan']],
    ['custom text eq', custom('tier', 'eq', 'gold'), ['Ann', 'Bob']],
    ['custom number eq', custom('size', 'eq', 50), ['Ann', 'Bob']],
    ['custom boolean eq', custom('vip', 'eq', true), ['Ann', 'Bob']],
    ['custom in', custom('tier', 'in', ['silver', 'bronze']), ['Cat']],
    ['custom neq keeps accounts without the field', custom('tier', 'neq', 'gold'), ['Cat', 'Dan']],
    ['custom isNotSet', custom('tier', 'isNotSet'), ['Dan']],
  ])('when filtering by %s then only the matching live contacts are selected', async (_label, criteria, expected) => {
    expect(await matches(criteria)).toEqual(expected);
  });

  test('when an ownerId is given then only that owner’s contacts are selected', async () => {
    expect(await matches(leaf('account.ownerId', 'eq', ownerId))).toEqual(['Cat', 'Dan']);
  });

  test('when conditions combine with all, any and not then the boolean logic holds, empty columns included', async () => {
    expect(await matches({ any: [leaf('account.status', 'eq', 'CLIENT'), leaf('contact.title', 'contains', 'ceo')] })).toEqual(['Ann', 'Cat']);
    expect(await matches({ all: [leaf('account.segment', 'eq', 'retail'), { not: leaf('contact.hasEmail', 'eq', true) }] })).toEqual(['Bob']);
    // Bob has no title: "not title = CEO" must still select him.
    expect(await matches({ not: leaf('contact.title', 'eq', 'CEO') })).toEqual(['Bob', 'Cat', 'Dan']);
    expect(await matches({ not: { any: [leaf('account.segment', 'eq', 'wholesale'), custom('tier', 'eq', 'gold')] } })).toEqual(['Dan']);
  });

  test("when a value is x'); DROP TABLE accounts; -- then it matches nothing and the table still exists", async () => {
    const attack = "x'); DROP TABLE accounts; --";
    expect(await matches({ any: [leaf('account.name', 'eq', attack), leaf('contact.title', 'contains', attack), custom(attack, 'isSet')] })).toEqual([]);
    expect(await database.db.account.count()).toBe(4);
  });
});
