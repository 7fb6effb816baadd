import type { AppError } from '../../../src/errors/app-error';
import { createCampaign as createCampaignDirectly } from '../../../src/campaigns/campaign-store';
import { CreateCampaignRequest } from '../../../src/campaigns/campaigns.schemas';
import { startTestApp, type TestApp } from '../../support/test-app';
import { auth, campaignRowCounts, createCampaign, createFixtures, inMinutes, paths, uniqueName, type Fixtures } from './helpers';

// Journeys through the API: start conditions and cohorts on stages, evergreen campaigns, and the
// validation that says when a journey cannot work (one 400 naming each stage and field, nothing written).

let t: TestApp;
let marketer: { id: string; key: string };
let fixtures: Fixtures;

beforeAll(async () => {
  t = await startTestApp();
  marketer = await t.userWithKey('marketer');
  fixtures = await createFixtures(t);
});
afterAll(() => t.close());

const post = (body: Record<string, unknown>) => t.request.post('/api/v1/campaigns').set(auth(marketer.key)).send(body);
const list = () => ({ type: 'LIST', startAt: inMinutes(60), settings: { segmentId: fixtures.segmentId } });
const mailing = (extra: Record<string, unknown> = {}) => ({ type: 'MAILING', settings: { templateKey: fixtures.templateKey }, ...extra });
const wait = (extra: Record<string, unknown> = {}) => ({ type: 'WAIT', settings: { duration: 'P7D' }, ...extra });
const calls = (extra: Record<string, unknown> = {}) => ({ type: 'CALL_TASKS', settings: { title: 'Call back' }, ...extra });
const approval = () => ({ type: 'APPROVAL', settings: { approverIds: fixtures.approverIds } });
const sources = [
  { code: 'REPLY-MAIL', name: 'Replies to the offer' },
  { code: 'WEB-SPRING', name: 'Spring landing page' },
];

/** Sends a request that must be refused with 400: answers the details by path and proves nothing was written. */
async function refused(send: () => Promise<{ status: number; body: { error: { details: { path: string; message: string }[] } } }>) {
  const before = await campaignRowCounts(t);
  const response = await send();
  expect(response.status).toBe(400);
  expect(await campaignRowCounts(t)).toEqual(before);
  const messages = Object.fromEntries(response.body.error.details.map((detail) => [detail.path, detail.message]));
  return { paths: paths(response.body), messages };
}

/** The issue's journey: list, mail, wait a week, then remind the non-responders and call the responders. */
const issueJourney = () => [
  list(),
  mailing({ name: 'Offer' }),
  wait({ name: 'A week' }),
  mailing({ name: 'Reminder', startWhen: { kind: 'stageEnded', stage: 2 }, cohort: { response: { responded: false, window: { fromStage: 1 } } } }),
  calls({ name: 'Call the responders', startWhen: { kind: 'stageEnded', stage: 2 }, cohort: { response: { responded: true, sourceCode: 'REPLY-MAIL' } } }),
];

describe('start conditions and cohorts on create', () => {
  test('when the issue’s journey is created then each stage keeps its condition and cohort, in words too', async () => {
    const campaign = await createCampaign(t, marketer.key, { name: uniqueName('journey'), sources, stages: issueJourney() });
    expect(campaign.stages.map((stage) => [stage.startWhen, stage.cohort])).toEqual([
      [null, null],
      [null, null],
      [null, null],
      [{ kind: 'stageEnded', stage: 2 }, { cell: 'TARGET', response: { responded: false, window: { fromStage: 1 } } }],
      [{ kind: 'stageEnded', stage: 2 }, { cell: 'TARGET', response: { responded: true, sourceCode: 'REPLY-MAIL' } }],
    ]);
    expect(campaign.stages[3].cohortText).toBe('Contacts in the target cell who did not respond to the campaign since stage 2 (MAILING) “Offer” started');
    expect(campaign.stages[4].cohortText).toBe('Contacts in the target cell who responded to the campaign through “Replies to the offer” (REPLY-MAIL)');
    // A draft waits for nothing yet; counts of a cohort appear once the stage froze it.
    expect(campaign.stages.map((stage) => stage.waitsFor)).toEqual([null, null, null, null, null]);
    expect(campaign.stages[3].counts).toMatchObject({ recipients: 0, cohort: null });
    expect(campaign.stages[4].counts).toEqual({ tasksCreated: null, unassigned: null, cohort: null });
    expect(campaign).toMatchObject({ evergreen: null, enrollments: [], enrollmentCount: 0 });

    const read = await t.request.get(`/api/v1/campaigns/${campaign.id}`).set(auth(marketer.key));
    expect(read.body.stages).toEqual(campaign.stages);
  });

  test('when a stage has a condition then it needs no date, and dates are compared only with the stages it waits for', async () => {
    // Stage 3 waits for stage 1 (a branch): it may be dated before stage 2, not before stage 1.
    const branch = await post({
      name: uniqueName(),
      stages: [list(), wait({ startAt: inMinutes(600) }), wait({ startAt: inMinutes(120), startWhen: { kind: 'afterStage', stage: 0, duration: 'PT1H' } })],
    });
    expect(branch.status).toBe(201);
    const { paths: bad, messages } = await refused(() =>
      post({ name: uniqueName(), stages: [list(), wait({ startAt: inMinutes(30), startWhen: { kind: 'stageEnded', stage: 0 } })] }),
    );
    expect(bad).toEqual(['body.stages.1.startAt']);
    expect(messages['body.stages.1.startAt']).toMatch(/^is before the date of stage 1, which this stage waits for: pick a later date$/);
  });

  test('when conditions and cohorts name a stage that is not earlier, or past the end, then 400 names each stage and field', async () => {
    const { paths: bad, messages } = await refused(() =>
      post({
        name: uniqueName(),
        sources,
        stages: [
          list(),
          mailing(),
          wait({ startWhen: { kind: 'stageEnded', stage: 2 } }),
          wait({ startWhen: { kind: 'afterStage', stage: 5, duration: 'P1D' } }),
          mailing({ startWhen: { kind: 'stageEnded', stage: 19 }, cohort: { response: { responded: false, window: { fromStage: 5 } } } }),
          calls({ cohort: { mailing: { stage: 6, outcomes: ['sent'] } } }),
        ],
      }),
    );
    expect(bad).toEqual([
      'body.stages.2.startWhen.stage',
      'body.stages.3.startWhen.stage',
      'body.stages.4.cohort.response.window.fromStage',
      'body.stages.4.startWhen.stage',
      'body.stages.5.cohort.mailing.stage',
    ]);
    expect(messages['body.stages.2.startWhen.stage']).toBe('stage 3 cannot wait for itself');
    expect(messages['body.stages.3.startWhen.stage']).toBe('stage 4 cannot wait for stage 6, which comes later');
    expect(messages['body.stages.4.cohort.response.window.fromStage']).toBe('stage 5 cannot count responses from stage 6, which comes later');
    expect(messages['body.stages.4.startWhen.stage']).toBe('there is no stage at position 19: the campaign has 6 stages (positions from 0)');
    expect(messages['body.stages.5.cohort.mailing.stage']).toBe('there is no stage at position 6: the campaign has 6 stages (positions from 0)');
  });

  test('when a condition or cohort names a stage of the wrong type, or a cohort sits on a stage without recipients, then 400 says so', async () => {
    const { paths: bad, messages } = await refused(() =>
      post({
        name: uniqueName(),
        stages: [
          list(),
          wait({ cohort: { cell: 'TEST' } }),
          mailing({ startWhen: { kind: 'approved', stage: 1 } }),
          calls({ cohort: { mailing: { stage: 1, outcomes: ['bounced'] } } }),
          approval(),
          { ...list(), cohort: { cell: 'ALL' }, startAt: null },
        ],
      }),
    );
    expect(bad).toEqual(['body.stages.1.cohort', 'body.stages.2.startWhen.stage', 'body.stages.3.cohort.mailing.stage', 'body.stages.5.cohort']);
    expect(messages['body.stages.1.cohort']).toBe('only MAILING and CALL_TASKS stages work on a cohort, not WAIT');
    expect(messages['body.stages.2.startWhen.stage']).toBe('stage 2 (WAIT) is not an APPROVAL stage');
    expect(messages['body.stages.3.cohort.mailing.stage']).toBe('stage 2 (WAIT) is not a MAILING stage');
  });

  test('when a condition can never hold (responses without sub-sources, a code the campaign does not have) then 400 says why', async () => {
    const none = await refused(() => post({ name: uniqueName(), stages: [list(), calls({ startWhen: { kind: 'responses', count: 5 } })] }));
    expect(none.paths).toEqual(['body.stages.1.startWhen.kind']);
    expect(none.messages['body.stages.1.startWhen.kind']).toBe('can never hold: every response comes through a sub-source, and the campaign has none');

    const codes = await refused(() =>
      post({
        name: uniqueName(),
        sources,
        stages: [
          list(),
          calls({ startWhen: { kind: 'responses', count: 5, sourceCode: 'PRESS-1' } }),
          mailing({ cohort: { response: { responded: true, sourceCode: 'NOPE' } } }),
          mailing({ cohort: { response: { responded: true, sourceCode: 'web-spring' } } }),
        ],
      }),
    );
    expect(codes.paths).toEqual(['body.stages.1.startWhen.sourceCode', 'body.stages.2.cohort.response.sourceCode']);
    expect(codes.messages['body.stages.1.startWhen.sourceCode']).toBe('the campaign has no sub-source PRESS-1 (its codes: REPLY-MAIL, WEB-SPRING)');
  });

  test('when a cohort comes before any LIST stage then 400: a cohort is drawn from the list', async () => {
    const { paths: bad } = await refused(() => post({ name: uniqueName(), stages: [mailing({ cohort: { cell: 'TEST' } }), list()] }));
    expect(bad).toEqual(['body.stages.0.type']);
  });

  test('when a condition or cohort is malformed then 400 names its field', async () => {
    const { paths: bad } = await refused(() =>
      post({
        name: uniqueName(),
        stages: [list(), mailing({ startWhen: { kind: 'whenever' } }), calls({ cohort: { cell: 'SOME', extra: 1, response: { responded: 'yes' } } })],
      }),
    );
    expect(bad).toEqual(['body.stages.1.startWhen.kind', 'body.stages.2.cohort.cell', 'body.stages.2.cohort.extra', 'body.stages.2.cohort.response.responded']);
  });
});

describe('evergreen campaigns', () => {
  const evergreen = (extra: Record<string, unknown> = {}) => ({ segmentId: fixtures.segmentId, schedule: { time: '09:00', timeZone: 'Europe/Paris', days: [1, 2, 3, 4, 5] }, ...extra });

  test('when an evergreen campaign is created then it keeps its schedule, and a MAILING needs no LIST before it', async () => {
    const campaign = await createCampaign(t, marketer.key, {
      name: uniqueName('welcome'),
      evergreen: evergreen({ testCell: { mode: 'random', percent: 10 } }),
      stages: [mailing({ name: 'Welcome' }), wait({ settings: { duration: 'P3D' } }), calls({ cohort: { response: { responded: false } } })],
    });
    expect(campaign.evergreen).toEqual({ ...evergreen({ testCell: { mode: 'random', percent: 10 } }), excludeContactsInRunningCampaigns: false, nextEnrollmentAt: null, stoppedAt: null });
    expect(campaign).toMatchObject({ status: 'DRAFT', enrollments: [], enrollmentCount: 0 });
    expect(campaign.history[0].message).toBe('Evergreen campaign created with 3 stages: MAILING, WAIT, CALL_TASKS');
    const row = await t.database.db.campaign.findUniqueOrThrow({ where: { id: campaign.id }, select: { evergreen: true } });
    expect(row.evergreen).toEqual({ ...evergreen({ testCell: { mode: 'random', percent: 10 } }), excludeContactsInRunningCampaigns: false });
  });

  test('when an evergreen campaign has a LIST or APPROVAL stage, a date, or a condition on responses or approval then 400 names each', async () => {
    const { paths: bad, messages } = await refused(() =>
      post({
        name: uniqueName(),
        sources,
        evergreen: evergreen(),
        stages: [
          list(),
          approval(),
          mailing({ startAt: inMinutes(30) }),
          calls({ startWhen: { kind: 'responses', count: 3 } }),
          wait({ startWhen: { kind: 'approved', stage: 1 } }),
          calls({ startWhen: { kind: 'afterStage', stage: 2, duration: 'P1D' } }),
        ],
      }),
    );
    expect(bad).toEqual([
      'body.stages.0.startAt',
      'body.stages.0.type',
      'body.stages.1.type',
      'body.stages.2.startAt',
      'body.stages.3.startWhen.kind',
      'body.stages.4.startWhen.kind',
    ]);
    expect(messages['body.stages.0.type']).toBe("an evergreen campaign's stages are MAILING, CALL_TASKS and WAIT, not LIST: each enrollment is its list");
    expect(messages['body.stages.3.startWhen.kind']).toMatch(/^an evergreen campaign's stages run once per enrollment, timed from it/);
  });

  test('when an evergreen campaign has no stage, or its segment does not exist, then 400 names the field', async () => {
    const { paths: bad } = await refused(() => post({ name: uniqueName(), evergreen: evergreen({ segmentId: '00000000-0000-4000-8000-000000000000' }), stages: [] }));
    expect(bad).toEqual(['body.evergreen.segmentId', 'body.stages']);
    const malformed = await refused(() => post({ name: uniqueName(), evergreen: { segmentId: fixtures.segmentId, schedule: { time: '25:00', timeZone: 'Mars/Olympus' } }, stages: [mailing()] }));
    expect(malformed.paths).toEqual(['body.evergreen.schedule.time', 'body.evergreen.schedule.timeZone']);
  });

  test('when the interval is shorter than EVERGREEN_MIN_INTERVAL then 400 names schedule.every', async () => {
    // The test app allows PT1S; the production default is an hour.
    const request = CreateCampaignRequest.parse({ name: uniqueName(), evergreen: evergreen({ schedule: { every: 'PT30M' } }), stages: [mailing()] });
    const before = await campaignRowCounts(t);
    const error = (await createCampaignDirectly(t.database.db, marketer.id, request).catch((caught: unknown) => caught)) as AppError;
    expect(error.details).toEqual([{ path: 'body.evergreen.schedule.every', message: 'PT30M is shorter than the shortest interval allowed, PT1H (EVERGREEN_MIN_INTERVAL)' }]);
    expect(await campaignRowCounts(t)).toEqual(before);
    const fine = await createCampaignDirectly(t.database.db, marketer.id, { ...request, evergreen: { ...request.evergreen!, schedule: { every: 'PT2H' } } });
    expect(fine.evergreen).toMatchObject({ schedule: { every: 'PT2H' } });
  });

  test('when a draft is made evergreen or not by PATCH then its stages are checked against it, and null makes it a campaign with an end again', async () => {
    const campaign = await createCampaign(t, marketer.key, { name: uniqueName(), stages: [list(), mailing()] });
    const patch = (body: Record<string, unknown>) => t.request.patch(`/api/v1/campaigns/${campaign.id}`).set(auth(marketer.key)).send(body);
    const refusedPatch = await refused(() => patch({ evergreen: evergreen() }));
    expect(refusedPatch.paths).toEqual(['stages.0.startAt', 'stages.0.type']);

    const made = await patch({ evergreen: evergreen(), stages: [mailing(), wait()] });
    expect(made.status).toBe(200);
    expect(made.body.evergreen).toMatchObject({ segmentId: fixtures.segmentId, nextEnrollmentAt: null });
    expect(made.body.history[0].details.changes.evergreen).toEqual({ before: null, after: expect.objectContaining({ segmentId: fixtures.segmentId }) });

    // Back to a campaign with an end: its MAILING now needs a LIST before it.
    expect((await refused(() => patch({ evergreen: null }))).paths).toEqual(['stages.0.type']);
    const back = await patch({ evergreen: null, stages: [list(), mailing()] });
    expect(back.status).toBe(200);
    expect(back.body.evergreen).toBeNull();
    expect((await t.database.db.campaign.findUniqueOrThrow({ where: { id: campaign.id }, select: { evergreen: true } })).evergreen).toBeNull();
  });
});

describe('PATCH a draft and its stages', () => {
  test('when a draft’s stages are replaced then their conditions and cohorts are checked and kept', async () => {
    const campaign = await createCampaign(t, marketer.key, { name: uniqueName(), sources, stages: [list(), mailing()] });
    const patch = (body: Record<string, unknown>) => t.request.patch(`/api/v1/campaigns/${campaign.id}`).set(auth(marketer.key)).send(body);
    expect((await refused(() => patch({ stages: [list(), mailing({ startWhen: { kind: 'stageEnded', stage: 3 } })] }))).paths).toEqual(['body.stages.1.startWhen.stage']);
    const replaced = await patch({ stages: issueJourney() });
    expect(replaced.status).toBe(200);
    expect(replaced.body.stages[4]).toMatchObject({ startWhen: { kind: 'stageEnded', stage: 2 }, cohort: { response: { responded: true, sourceCode: 'REPLY-MAIL' } } });
    expect(replaced.body.history[0].details.changes.stages.after[3]).toMatchObject({ startWhen: { kind: 'stageEnded', stage: 2 }, cohort: { cell: 'TARGET' } });
  });

  test('when a sub-source a condition or cohort quotes is removed from a draft then 400 names the stage that quotes it', async () => {
    const campaign = await createCampaign(t, marketer.key, { name: uniqueName(), sources, stages: issueJourney() });
    const { paths: bad, messages } = await refused(() =>
      t.request.patch(`/api/v1/campaigns/${campaign.id}`).set(auth(marketer.key)).send({ sources: [sources[1]] }),
    );
    expect(bad).toEqual(['stages.4.cohort.response.sourceCode']);
    expect(messages['stages.4.cohort.response.sourceCode']).toBe('the campaign has no sub-source REPLY-MAIL (its codes: WEB-SPRING)');
  });

  test('when one stage’s condition or cohort is edited then the whole journey is checked, and null removes them', async () => {
    const campaign = await createCampaign(t, marketer.key, { name: uniqueName(), sources, stages: issueJourney() });
    const stage = (position: number) => `/api/v1/campaigns/${campaign.id}/stages/${campaign.stages[position].id}`;
    const edit = (position: number, body: Record<string, unknown>) => t.request.patch(stage(position)).set(auth(marketer.key)).send(body);

    const later = await refused(() => edit(1, { startWhen: { kind: 'stageEnded', stage: 3 } }));
    expect(later.paths).toEqual(['body.startWhen.stage']);
    expect(later.messages['body.startWhen.stage']).toBe('stage 2 cannot wait for stage 4, which comes later');
    expect((await refused(() => edit(2, { cohort: { cell: 'TEST' } }))).paths).toEqual(['body.cohort']);
    expect((await refused(() => edit(4, { cohort: { response: { responded: true, sourceCode: 'PRESS' } } }))).paths).toEqual(['body.cohort.response.sourceCode']);
    expect((await refused(() => edit(3, { startWhen: { kind: 'afterStage', stage: 1 } }))).paths).toEqual(['body.startWhen.duration']);

    const changed = await edit(3, { startWhen: { kind: 'afterStage', stage: 1, duration: 'P10D' }, cohort: { cell: 'ALL', accountStatus: ['CLIENT'] } });
    expect(changed.status).toBe(200);
    expect(changed.body.stages[3]).toMatchObject({
      startWhen: { kind: 'afterStage', stage: 1, duration: 'P10D' },
      cohort: { cell: 'ALL', accountStatus: ['CLIENT'] },
      cohortText: 'Contacts in the target or the test cell whose account reached CLIENT since the contact was listed',
    });
    const event = changed.body.history[0];
    expect(event).toMatchObject({ kind: 'stage-edited', details: { before: { startWhen: { kind: 'stageEnded', stage: 2 } }, after: { startWhen: { kind: 'afterStage', stage: 1, duration: 'P10D' } } } });

    const cleared = await edit(3, { startWhen: null, cohort: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.stages[3]).toMatchObject({ startWhen: null, cohort: null, cohortText: null });
    const row = await t.database.db.campaignStage.findUniqueOrThrow({ where: { id: campaign.stages[3].id }, select: { startWhen: true, cohort: true } });
    expect(row).toEqual({ startWhen: null, cohort: null });
  });

  test('when a scheduled campaign’s evergreen settings are changed then 409', async () => {
    const segment = fixtures.segmentId;
    const campaign = await createCampaign(t, marketer.key, { name: uniqueName(), evergreen: { segmentId: segment, schedule: { every: 'P1D' } }, stages: [mailing()] });
    await t.database.db.campaign.update({ where: { id: campaign.id }, data: { status: 'PAUSED' } });
    const before = await campaignRowCounts(t);
    const response = await t.request.patch(`/api/v1/campaigns/${campaign.id}`).set(auth(marketer.key)).send({ evergreen: null });
    expect(response.status).toBe(409);
    expect(paths(response.body)).toEqual(['body.evergreen']);
    expect(await campaignRowCounts(t)).toEqual(before);
  });
});

describe('copy', () => {
  test('when a journey or an evergreen campaign is copied then the copy keeps conditions, cohorts and the schedule', async () => {
    const journey = await createCampaign(t, marketer.key, { name: uniqueName(), sources, stages: issueJourney() });
    const copy = await t.request.post(`/api/v1/campaigns/${journey.id}/copy`).set(auth(marketer.key)).send({});
    expect(copy.status).toBe(201);
    const strip = (stages: { startWhen: unknown; cohort: unknown; cohortText: unknown }[]) => stages.map(({ startWhen, cohort, cohortText }) => ({ startWhen, cohort, cohortText }));
    expect(strip(copy.body.stages)).toEqual(strip(journey.stages as never));

    const evergreen = await createCampaign(t, marketer.key, { name: uniqueName(), evergreen: { segmentId: fixtures.segmentId, schedule: { every: 'PT6H' } }, stages: [mailing()] });
    const evergreenCopy = await t.request.post(`/api/v1/campaigns/${evergreen.id}/copy`).set(auth(marketer.key)).send({});
    expect(evergreenCopy.status).toBe(201);
    expect(evergreenCopy.body.evergreen).toEqual(evergreen.evergreen);
  });
});

describe('the OpenAPI document', () => {
  test('when it is read then it describes the journey fields and routes, and every reference in it resolves', async () => {
    const { body } = await t.request.get('/api/v1/openapi.json');
    const schemas = body.components.schemas;
    expect(body.paths['/campaigns/{id}/stop'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/StopCampaignRequest' });
    expect(body.paths['/campaigns/{id}/complete'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/CompleteCampaignRequest' });
    expect(Object.keys(body.paths['/campaigns/{id}/stop'].post.responses).sort()).toEqual(['200', '400', '401', '403', '404', '409', '413', '415', '503']);
    expect(schemas.CreateCampaignRequest.required).toEqual(['name']);
    expect(schemas.CreateCampaignRequest.properties).toHaveProperty('evergreen');
    for (const name of ['StageStartCondition', 'StageCohort', 'EvergreenSettings', 'CampaignEnrollment', 'EvergreenCampaign', 'StageCohortCounts']) expect(schemas).toHaveProperty(name);
    expect(JSON.stringify(schemas.Campaign)).toContain('enrollments');
    const refs = [...JSON.stringify(body).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((match) => match[1]);
    expect([...new Set(refs)].filter((name) => !(name in schemas))).toEqual([]);
  });
});
