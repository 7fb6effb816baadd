import { metResponseCondition } from '../../../src/responses/response-conditions';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { seedEnrollment, seedJourney, seedResponses } from './helpers';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

/** Writes one response through `code`, then asks whether it met a waiting condition, as recordResponse does. */
const respond = async (campaignId: string, sourceIds: Record<string, string>, code: string) => {
  await seedResponses(database.db, campaignId, sourceIds[code], 1);
  return metResponseCondition(database.db, campaignId, code);
};

describe('metResponseCondition', () => {
  test('when responses arrive then only the one that reaches a waiting stage’s count exactly meets it, counting through the sub-source the condition names', async () => {
    const { campaignId, sourceIds } = await seedJourney(
      database.db,
      [
        { type: 'LIST', status: 'RUNNING' },
        { type: 'WAIT', startWhen: { kind: 'responses', count: 2, sourceCode: 'press' } },
        { type: 'WAIT', startWhen: { kind: 'responses', count: 4 } },
      ],
      { sources: ['PRESS', 'WEB'] },
    );
    const met: boolean[] = [];
    for (const code of ['WEB', 'PRESS', 'PRESS', 'PRESS', 'WEB']) met.push(await respond(campaignId, sourceIds, code));
    expect(met).toEqual([false, false, true, true, false]);
  });

  test('when the stage already started, or the campaign is a draft, then no response meets anything; an evergreen stage meets it while one of its runs waits', async () => {
    const condition = { kind: 'responses', count: 1 };
    const started = await seedJourney(database.db, [{ type: 'WAIT', status: 'RUNNING', startWhen: condition }], { sources: ['WEB'] });
    expect(await respond(started.campaignId, started.sourceIds, 'WEB')).toBe(false);
    const draft = await seedJourney(database.db, [{ type: 'WAIT', startWhen: condition }], { status: 'DRAFT', sources: ['WEB'] });
    expect(await respond(draft.campaignId, draft.sourceIds, 'WEB')).toBe(false);

    const evergreen = await seedJourney(database.db, [{ type: 'WAIT', status: 'RUNNING', startWhen: condition }], {
      evergreen: { segmentId: '00000000-0000-4000-8000-000000000000', schedule: { every: 'PT1H' } },
      sources: ['WEB'],
    });
    await seedEnrollment(database.db, evergreen.campaignId, evergreen.stageIds, 1, ['PENDING']);
    expect(await respond(evergreen.campaignId, evergreen.sourceIds, 'WEB')).toBe(true);
  });
});
