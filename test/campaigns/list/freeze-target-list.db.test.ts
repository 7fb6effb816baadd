import { AppError } from '../../../src/errors/app-error';
import type { ListCounts } from '../../../workflows/campaign.messages';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { enroll, listActivities, recipients, seedAccount, seedCampaign, seedSegment } from './helpers';

let database: TestDatabase;
let activities: ReturnType<typeof listActivities>;

beforeAll(async () => {
  database = await createTestDatabase();
  activities = listActivities(database.db);
});
afterAll(() => database.drop());

const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 9, minutes));
const none = { inOtherCampaigns: 0, alreadyListed: 0, testCell: 0 };
const listStage = (segmentId: string, extra: Record<string, unknown> = {}) => ({ type: 'LIST' as const, settings: { segmentId, ...extra } });
const addsUp = (counts: ListCounts) => {
  expect(counts.merged + counts.suppressed + counts.inOtherCampaigns + counts.alreadyListed + counts.listed).toBe(counts.matched);
  expect(counts.target + counts.testCell).toBe(counts.listed);
};

describe('freezeTargetList', () => {
  test('when a segment has duplicates, suppressed contacts, contacts without e-mail and an archived account then one contact per address is listed and each left-out contact is counted once', async () => {
    const db = database.db;
    const segmentId = await seedSegment(db, 'merge');
    const acme = await seedAccount(db, { segment: 'merge' }, [
      { name: 'Ann', email: 'ann@example.com', isPrimary: true, createdAt: at(2) },
      { name: 'Bob', email: 'bob@example.com', createdAt: at(0) },
      { name: 'Nobody' },
      { name: 'Nemo', doNotContact: true },
    ]);
    const beta = await seedAccount(db, { segment: 'merge' }, [
      // Case differs at input; stored normalized, so these are the same addresses as Ann's and Bob's.
      { name: 'Ann again', email: 'ANN@Example.com', createdAt: at(0) },
      { name: 'Bob again', email: 'bob@example.com', createdAt: at(1) },
      // Same address, same creation time, neither primary: the lowest id wins.
      { name: 'Cy high', id: '00000000-0000-4000-8000-000000000002', email: 'cy@example.com', createdAt: at(0) },
      { name: 'Cy low', id: '00000000-0000-4000-8000-000000000001', email: 'cy@example.com', createdAt: at(0) },
    ]);
    await seedAccount(db, { segment: 'merge' }, [
      { name: 'Uma', email: 'uma@example.com', unsubscribedAt: at(5) },
      { name: 'Bea', email: 'bea@example.com', bouncedAt: at(5) },
      { name: 'Dan', email: 'dan@example.com', doNotContact: true },
      // Eve would win her address, but another contact of that address unsubscribed: the address is suppressed.
      { name: 'Eve', email: 'eve@example.com', isPrimary: true },
      { name: 'Eve again', email: 'eve@example.com', unsubscribedAt: at(5) },
      // Hal's address bounced on a contact outside the segment: it is suppressed all the same.
      { name: 'Hal', email: 'hal@example.com' },
    ]);
    await seedAccount(db, { segment: 'merge', archivedAt: at(9) }, [{ name: 'Zed', email: 'zed@example.com' }]);
    await seedAccount(db, { segment: 'elsewhere' }, [{ name: 'Oli', email: 'oli@example.com' }, { name: 'Hal elsewhere', email: 'hal@example.com', bouncedAt: at(3) }]);
    const { campaignId, stageIds } = await seedCampaign(db, [listStage(segmentId)]);

    const counts = await activities.freezeTargetList({ campaignId, stageId: stageIds[0] });

    expect(counts).toEqual({ matched: 14, merged: 4, suppressed: 6, listed: 4, target: 4, ...none });
    addsUp(counts);
    const rows = await recipients(db, campaignId);
    const expected = [
      { contactId: acme.contacts.Ann, accountId: acme.id, emailNormalized: 'ann@example.com' },
      { contactId: acme.contacts.Bob, accountId: acme.id, emailNormalized: 'bob@example.com' },
      { contactId: acme.contacts.Nobody, accountId: acme.id, emailNormalized: null },
      { contactId: beta.contacts['Cy low'], accountId: beta.id, emailNormalized: 'cy@example.com' },
    ];
    expect(rows).toHaveLength(4);
    expect(rows).toEqual(expect.arrayContaining(expected.map((row) => ({ ...row, campaignId, cell: 'TARGET', listStageId: stageIds[0], enrollmentId: null }))));
    const stage = await db.campaignStage.findUniqueOrThrow({ where: { id: stageIds[0] } });
    expect(stage.result).toEqual({ ...counts, frozenAt: expect.any(String) });
  });

  test('when the activity runs again, after its commit or at the same time, then it answers the same counts and adds no row', async () => {
    const db = database.db;
    const segmentId = await seedSegment(db, 'retry');
    await seedAccount(db, { segment: 'retry' }, [{ name: 'A', email: 'a@retry.com' }, { name: 'B', email: 'b@retry.com' }, { name: 'B2', email: 'b@retry.com' }]);
    const first = await seedCampaign(db, [listStage(segmentId)]);
    const input = { campaignId: first.campaignId, stageId: first.stageIds[0] };
    const counts = await activities.freezeTargetList(input);
    const { result } = await db.campaignStage.findUniqueOrThrow({ where: { id: input.stageId } });
    // A contact added after the freeze must not reach the list through a retry.
    await seedAccount(db, { segment: 'retry' }, [{ name: 'Late', email: 'late@retry.com' }]);

    expect(await activities.freezeTargetList(input)).toEqual(counts);
    expect(await recipients(db, input.campaignId)).toHaveLength(2);
    expect((await db.campaignStage.findUniqueOrThrow({ where: { id: input.stageId } })).result).toEqual(result);

    const second = await seedCampaign(db, [listStage(segmentId)]);
    const both = await Promise.all([0, 1].map(() => activities.freezeTargetList({ campaignId: second.campaignId, stageId: second.stageIds[0] })));
    expect(both[0]).toEqual({ matched: 4, merged: 1, suppressed: 0, listed: 3, target: 3, ...none });
    expect(both[1]).toEqual(both[0]);
    expect(await recipients(db, second.campaignId)).toHaveLength(3);
  });

  test('when a second LIST stage runs then contacts already listed, or whose address is, are not enrolled again', async () => {
    const db = database.db;
    const segmentId = await seedSegment(db, 'second');
    const first = await seedAccount(db, { segment: 'second' }, [
      { name: 'Ann', email: 'ann@second.com' },
      { name: 'Bob', email: 'bob@second.com' },
      { name: 'Cy' },
    ]);
    const { campaignId, stageIds } = await seedCampaign(db, [listStage(segmentId), listStage(segmentId)]);
    expect(await activities.freezeTargetList({ campaignId, stageId: stageIds[0] })).toMatchObject({ matched: 3, listed: 3 });

    // Ann's address comes back through a primary contact of another account, which now wins the address.
    const later = await seedAccount(db, { segment: 'second' }, [
      { name: 'Ann elsewhere', email: 'ann@second.com', isPrimary: true },
      { name: 'Newt', email: 'newt@second.com' },
    ]);
    const counts = await activities.freezeTargetList({ campaignId, stageId: stageIds[1] });

    expect(counts).toEqual({ matched: 5, merged: 1, suppressed: 0, inOtherCampaigns: 0, alreadyListed: 3, listed: 1, target: 1, testCell: 0 });
    addsUp(counts);
    const rows = await recipients(db, campaignId);
    expect(rows.map((row) => [row.contactId, row.listStageId]).sort()).toEqual(
      [
        [first.contacts.Ann, stageIds[0]],
        [first.contacts.Bob, stageIds[0]],
        [first.contacts.Cy, stageIds[0]],
        [later.contacts.Newt, stageIds[1]],
      ].sort(),
    );
    expect(rows.filter((row) => row.emailNormalized === 'ann@second.com')).toHaveLength(1);
  });

  test('when two LIST stages of one campaign run at the same time then each contact is enrolled once, by one of them', async () => {
    const db = database.db;
    const segmentId = await seedSegment(db, 'together');
    await seedAccount(db, { segment: 'together' }, Array.from({ length: 30 }, (_, i) => ({ name: `T${i}`, email: `t${i}@together.com` })));
    const { campaignId, stageIds } = await seedCampaign(db, [listStage(segmentId), listStage(segmentId)]);

    const [one, two] = await Promise.all(stageIds.map((stageId) => activities.freezeTargetList({ campaignId, stageId })));

    expect([one.listed, two.listed].sort()).toEqual([0, 30]);
    expect([one.alreadyListed, two.alreadyListed].sort()).toEqual([0, 30]);
    expect(await recipients(db, campaignId)).toHaveLength(30);
  });

  test('when asked to leave out contacts of other running campaigns then those of running, paused and scheduled campaigns are left out, by contact or by address', async () => {
    const db = database.db;
    const segmentId = await seedSegment(db, 'others');
    const account = await seedAccount(db, { segment: 'others' }, [
      { name: 'Xa', email: 'x@others.com' },
      { name: 'Ya', email: 'y@others.com' },
      { name: 'Za', email: 'z@others.com' },
      { name: 'Wa', email: 'w@others.com' },
      { name: 'Na' },
    ]);
    const outside = await seedAccount(db, { segment: 'outside' }, [{ name: 'Z elsewhere', email: 'z@others.com' }]);
    const contact = (name: string, email: string | null = null) => ({ id: account.contacts[name], accountId: account.id, email });
    const other = async (status: 'RUNNING' | 'PAUSED' | 'SCHEDULED' | 'COMPLETED', members: { id: string; accountId: string; email?: string | null }[]) => {
      const seeded = await seedCampaign(db, [listStage(segmentId, {})], status, `other ${status}`);
      await enroll(db, seeded.campaignId, seeded.stageIds[0], members);
      return seeded;
    };
    const running = await other('RUNNING', [contact('Xa', 'x@others.com')]);
    await other('COMPLETED', [contact('Ya', 'y@others.com')]);
    await other('PAUSED', [{ id: outside.contacts['Z elsewhere'], accountId: outside.id, email: 'z@others.com' }]);
    await other('SCHEDULED', [contact('Na')]);

    const excludingStage = listStage(segmentId, { excludeContactsInRunningCampaigns: true });
    const excluding = await seedCampaign(db, [excludingStage, excludingStage]);
    const counts = await activities.freezeTargetList({ campaignId: excluding.campaignId, stageId: excluding.stageIds[0] });
    expect(counts).toEqual({ matched: 5, merged: 0, suppressed: 0, inOtherCampaigns: 3, alreadyListed: 0, listed: 2, target: 2, testCell: 0 });
    expect((await recipients(db, excluding.campaignId)).map((row) => row.contactId).sort()).toEqual([account.contacts.Ya, account.contacts.Wa].sort());

    // A second stage checks both lists: Wa, now also in the running campaign, counts as already listed here.
    const va = await seedAccount(db, { segment: 'others' }, [{ name: 'Va', email: 'v@others.com' }]);
    await enroll(db, running.campaignId, running.stageIds[0], [contact('Wa', 'w@others.com'), { id: va.contacts.Va, accountId: va.id, email: 'v@others.com' }]);
    const second = await activities.freezeTargetList({ campaignId: excluding.campaignId, stageId: excluding.stageIds[1] });
    expect(second).toEqual({ matched: 6, merged: 0, suppressed: 0, inOtherCampaigns: 4, alreadyListed: 2, listed: 0, target: 0, testCell: 0 });

    const including = await seedCampaign(db, [listStage(segmentId)]);
    expect(await activities.freezeTargetList({ campaignId: including.campaignId, stageId: including.stageIds[0] })).toMatchObject({ matched: 6, inOtherCampaigns: 0, listed: 6 });
  });

  test('when a random test cell is asked then about that share is kept apart, and a retry after a rollback picks the very same contacts', async () => {
    const db = database.db;
    const segmentId = await seedSegment(db, 'random');
    for (let account = 0; account < 20; account++) {
      await seedAccount(db, { segment: 'random' }, Array.from({ length: 20 }, (_, i) => ({ name: `R${account}-${i}`, email: `r${account}-${i}@random.com` })));
    }
    const settings = { testCell: { mode: 'random', percent: 25 } };
    const { campaignId, stageIds } = await seedCampaign(db, [listStage(segmentId, settings)]);
    const input = { campaignId, stageId: stageIds[0] };

    const counts = await activities.freezeTargetList(input);
    expect(counts).toMatchObject({ matched: 400, listed: 400 });
    addsUp(counts);
    // 25% of 400 is 100; a binomial spread of about 9, so 60..140 is far beyond chance.
    expect(counts.testCell).toBeGreaterThanOrEqual(60);
    expect(counts.testCell).toBeLessThanOrEqual(140);
    const testIds = async (id: string) => (await recipients(db, id)).filter((row) => row.cell === 'TEST').map((row) => row.contactId);
    const chosen = await testIds(campaignId);
    expect(chosen).toHaveLength(counts.testCell);

    // What a retry sees when the first attempt rolled back: no rows, no stored counts.
    await db.campaignRecipient.deleteMany({ where: { campaignId } });
    await db.campaignStage.update({ where: { id: stageIds[0] }, data: { result: {} } });
    expect(await activities.freezeTargetList(input)).toEqual(counts);
    expect(await testIds(campaignId)).toEqual(chosen);

    // The draw is seeded by the campaign: another campaign draws other contacts.
    const another = await seedCampaign(db, [listStage(segmentId, settings)]);
    await activities.freezeTargetList({ campaignId: another.campaignId, stageId: another.stageIds[0] });
    expect(await testIds(another.campaignId)).not.toEqual(chosen);
  });

  test('when an every-n-th test cell is asked then the n-th, 2n-th, … listed contacts by contact id are kept apart', async () => {
    const db = database.db;
    const segmentId = await seedSegment(db, 'nth');
    await seedAccount(db, { segment: 'nth' }, [
      ...Array.from({ length: 10 }, (_, i) => ({ name: `N${i}`, email: `n${i}@nth.com` })),
      { name: 'Gone', email: 'gone@nth.com', bouncedAt: at(0) },
    ]);
    const { campaignId, stageIds } = await seedCampaign(db, [listStage(segmentId, { testCell: { mode: 'everyNth', n: 3 } })]);

    const counts = await activities.freezeTargetList({ campaignId, stageId: stageIds[0] });

    expect(counts).toEqual({ matched: 11, merged: 0, suppressed: 1, inOtherCampaigns: 0, alreadyListed: 0, listed: 10, target: 7, testCell: 3 });
    const rows = await recipients(db, campaignId);
    // PostgreSQL orders uuids bytewise, as their lower-case text sorts.
    const byId = rows.map((row) => row.contactId).sort();
    expect(rows.filter((row) => row.cell === 'TEST').map((row) => row.contactId)).toEqual([byId[2], byId[5], byId[8]]);
  });

  test('when the stage has not started, is not a LIST stage, or its segment is gone then the activity fails for good and writes nothing', async () => {
    const db = database.db;
    const segmentId = await seedSegment(db, 'refused');
    await seedAccount(db, { segment: 'refused' }, [{ name: 'A', email: 'a@refused.com' }]);
    const { campaignId, stageIds } = await seedCampaign(db, [
      { ...listStage(segmentId), status: 'PENDING' },
      { type: 'CALL_TASKS', settings: {} },
      listStage('00000000-0000-4000-8000-00000000dead'),
    ]);
    // Called directly, not through the worker's wrapper: the refusal is the AppError that becomes a non-retryable failure of its code.
    const refusal = (code: string) => expect.objectContaining({ name: 'AppError', code });

    await expect(activities.freezeTargetList({ campaignId, stageId: stageIds[0] })).rejects.toEqual(refusal('CONFLICT'));
    await expect(activities.freezeTargetList({ campaignId, stageId: stageIds[1] })).rejects.toEqual(refusal('CONFLICT'));
    await expect(activities.freezeTargetList({ campaignId, stageId: stageIds[2] })).rejects.toEqual(refusal('NOT_FOUND'));
    await expect(activities.freezeTargetList({ campaignId: stageIds[0], stageId: stageIds[0] })).rejects.toBeInstanceOf(AppError);
    expect(await recipients(db, campaignId)).toEqual([]);
  });
});
