import { campaignWorkflowId } from '../../../workflows/campaign.messages';
import { eventually } from '../../support/eventually';
import { startTestApp, type TestApp } from '../../support/test-app';
import { auth, campaignRowCounts, createCampaign, createFixtures, inMinutes, paths, uniqueName, type CampaignBody, type Fixtures } from './helpers';

// Scheduling journeys, evergreen and tracking-only campaigns, and the routes that end them:
// POST /campaigns/:id/stop (evergreen) and /complete. These run the campaign's real workflow.

let t: TestApp;
let marketer: { id: string; key: string };
let fixtures: Fixtures;

beforeAll(async () => {
  t = await startTestApp();
  marketer = await t.userWithKey('marketer');
  fixtures = await createFixtures(t);
}, 120_000);
afterAll(() => t.close());

const command = (id: string, name: string, body?: Record<string, unknown>) => {
  const request = t.request.post(`/api/v1/campaigns/${id}/${name}`).set(auth(marketer.key));
  return body ? request.send(body) : request;
};
const read = async (id: string): Promise<CampaignBody> => (await t.request.get(`/api/v1/campaigns/${id}`).set(auth(marketer.key))).body;
const workflowResult = (id: string) => t.temporal.client.workflow.getHandle(campaignWorkflowId(id)).result();
const respond = (campaignId: string, sourceCode: string, email: string) =>
  t.request.post('/api/v1/responses').set(auth(marketer.key)).send({ campaignId, sourceCode, type: 'REPLY', contact: { email, name: 'Respondent' } });

/** A request that must be refused: answers the body and proves no campaign row or event was written. */
async function refusedWith(status: number, send: () => PromiseLike<{ status: number; body: { error: { message: string; details: { path: string }[] } } }>) {
  const before = await campaignRowCounts(t);
  const response = await send();
  expect(response.status).toBe(status);
  expect(await campaignRowCounts(t)).toEqual(before);
  return response.body;
}

describe('tracking-only campaigns', () => {
  test('when a campaign without stages is created then it is a draft that already collects responses and costs', async () => {
    const campaign = await createCampaign(t, marketer.key, { name: uniqueName('press'), sources: [{ code: `FAIR-${Date.now()}`, name: 'Trade fair stand', cost: 2500 }] });
    expect(campaign).toMatchObject({ status: 'DRAFT', stages: [], stageCount: 0 });
    expect(campaign.history[0].message).toBe('Created without stages: it collects responses and costs through its sub-sources');
    const response = await respond(campaign.id, campaign.sources[0].code, `visitor-${Date.now()}@fair.test`);
    expect(response.status).toBe(201);
    const report = await t.request.get(`/api/v1/reports/campaigns/${campaign.id}`).set(auth(marketer.key));
    expect(report.status).toBe(200);
    expect(report.body.total).toMatchObject({ responses: 1, cost: 2500 });
  });

  test('when a campaign without stages or sub-sources is scheduled then 400 names sources and it stays a draft', async () => {
    const campaign = await createCampaign(t, marketer.key, { name: uniqueName('empty'), stages: [] });
    const body = await refusedWith(400, () => command(campaign.id, 'schedule'));
    expect(paths(body)).toEqual(['sources']);
    expect((await read(campaign.id)).status).toBe('DRAFT');
  });

  test('when a tracking-only campaign is scheduled then it collects responses until completed; complete ends it and its workflow', async () => {
    const code = `BILLBOARD-${Date.now()}`;
    const campaign = await createCampaign(t, marketer.key, { name: uniqueName('billboards'), sources: [{ code, name: 'Billboard', cost: 900 }] });
    const scheduled = await command(campaign.id, 'schedule');
    expect(scheduled.status).toBe(200);
    expect(scheduled.body).toMatchObject({ status: 'SCHEDULED', workflowId: campaignWorkflowId(campaign.id) });
    expect((await respond(campaign.id, code, `reader-${Date.now()}@billboard.test`)).status).toBe(201);

    const completed = await command(campaign.id, 'complete', { reason: 'The billboards came down' });
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({ status: 'COMPLETED' });
    expect(await workflowResult(campaign.id)).toBe('COMPLETED');
    // Ended: nothing more to complete, stop or schedule.
    expect((await command(campaign.id, 'complete', {})).status).toBe(409);
  });
});

describe('scheduling journeys', () => {
  test('when the first stage has no date then 400, unless it waits for responses', async () => {
    const undated = await createCampaign(t, marketer.key, { name: uniqueName(), stages: [{ type: 'LIST', settings: { segmentId: fixtures.segmentId } }] });
    const body = await refusedWith(400, () => command(undated.id, 'schedule'));
    expect(paths(body)).toEqual(['stages.0.startAt']);

    const onResponses = await createCampaign(t, marketer.key, {
      name: uniqueName(),
      sources: [{ code: 'PRESS', name: 'Press ad' }],
      stages: [{ type: 'LIST', startWhen: { kind: 'responses', count: 100, sourceCode: 'PRESS' }, settings: { segmentId: fixtures.segmentId } }],
    });
    const scheduled = await command(onResponses.id, 'schedule');
    expect(scheduled.status).toBe(200);
    expect(scheduled.body.stages[0]).toMatchObject({ status: 'PENDING', waitsFor: expect.stringContaining('0 so far') });
    expect((await command(onResponses.id, 'cancel', { reason: 'test over' })).status).toBe(200);
  });

  test('when a scheduled campaign’s pending stage gets a condition or cohort then the workflow takes it, and a bad one is a 400 naming the body field', async () => {
    const campaign = await createCampaign(t, marketer.key, {
      name: uniqueName(),
      sources: [{ code: 'PRESS', name: 'Press ad' }],
      stages: [
        { type: 'LIST', startAt: inMinutes(60), settings: { segmentId: fixtures.segmentId } },
        { type: 'WAIT', settings: { duration: 'P1D' } },
        { type: 'MAILING', settings: { templateKey: fixtures.templateKey } },
      ],
    });
    expect((await command(campaign.id, 'schedule')).status).toBe(200);
    const edit = (position: number, body: Record<string, unknown>) =>
      t.request.patch(`/api/v1/campaigns/${campaign.id}/stages/${campaign.stages[position].id}`).set(auth(marketer.key)).send(body);

    const later = await edit(1, { startWhen: { kind: 'stageEnded', stage: 2 } });
    expect(later.status).toBe(400);
    expect(paths(later.body)).toEqual(['body.startWhen.stage']);
    const code = await edit(2, { cohort: { response: { responded: false, sourceCode: 'RADIO' } } });
    expect(code.status).toBe(400);
    expect(paths(code.body)).toEqual(['body.cohort.response.sourceCode']);

    const edited = await edit(2, { startWhen: { kind: 'afterStage', stage: 0, duration: 'PT2H' }, cohort: { response: { responded: false, sourceCode: 'PRESS' } } });
    expect(edited.status).toBe(200);
    expect(edited.body.stages[2]).toMatchObject({
      startWhen: { kind: 'afterStage', stage: 0, duration: 'PT2H' },
      cohort: { response: { responded: false, sourceCode: 'PRESS' } },
      waitsFor: expect.stringContaining('stage 1'),
    });
    expect((await command(campaign.id, 'cancel', { reason: 'test over' })).status).toBe(200);
  });

  test('when a scheduled campaign is completed before its stages started then they are cancelled and it ends COMPLETED', async () => {
    const campaign = await createCampaign(t, marketer.key, {
      name: uniqueName(),
      stages: [
        { type: 'LIST', startAt: inMinutes(60), settings: { segmentId: fixtures.segmentId } },
        { type: 'WAIT', settings: { duration: 'P1D' } },
      ],
    });
    expect((await command(campaign.id, 'schedule')).status).toBe(200);
    const completed = await command(campaign.id, 'complete', { reason: 'Dropped' });
    expect(completed.status).toBe(200);
    expect(completed.body.status).toBe('COMPLETED');
    expect(completed.body.stages.map((stage: { status: string }) => stage.status)).toEqual(['CANCELLED', 'CANCELLED']);
    expect(await workflowResult(campaign.id)).toBe('COMPLETED');
  });

  test('when a campaign is completed while a stage runs then 409 names the stage and nothing changes', async () => {
    const campaign = await createCampaign(t, marketer.key, {
      name: uniqueName(),
      stages: [
        { type: 'LIST', startAt: new Date(Date.now() + 4000).toISOString(), settings: { segmentId: fixtures.segmentId } },
        { type: 'APPROVAL', settings: { approverIds: fixtures.approverIds } },
      ],
    });
    expect((await command(campaign.id, 'schedule')).status).toBe(200);
    await eventually(async () => expect((await read(campaign.id)).stages[1].status).toBe('RUNNING'), 30_000);
    // The approval stage writes its own events meanwhile: the campaign and its stages are what must not change.
    const refused = await command(campaign.id, 'complete', {});
    expect(refused.status).toBe(409);
    // Refused by the workflow's update validator (or its activity, which names the stage's position).
    expect(refused.body.error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/APPROVAL\)? stage is running|stage 2 \(APPROVAL\) is running/) });
    const after = await read(campaign.id);
    expect([after.status, ...after.stages.map((stage) => stage.status)]).toEqual(['RUNNING', 'COMPLETED', 'RUNNING']);
    expect((await command(campaign.id, 'cancel', { reason: 'test over' })).status).toBe(200);
  });
});

describe('stop and complete refusals', () => {
  test('when stop is asked of a campaign that is not evergreen, or of a draft, then 409; complete of a draft 409', async () => {
    const classic = await createCampaign(t, marketer.key, { name: uniqueName(), stages: [{ type: 'LIST', startAt: inMinutes(60), settings: { segmentId: fixtures.segmentId } }] });
    const notEvergreen = await refusedWith(409, () => command(classic.id, 'stop', { enrolled: 'finish' }));
    expect(notEvergreen.error.message).toMatch(/is not an evergreen campaign/);
    const draft = await refusedWith(409, () => command(classic.id, 'complete', {}));
    expect(draft.error.message).toMatch(/is a draft/);

    const evergreen = await createCampaign(t, marketer.key, {
      name: uniqueName(),
      evergreen: { segmentId: fixtures.segmentId, schedule: { every: 'PT1H' } },
      stages: [{ type: 'WAIT', settings: { duration: 'P1D' } }],
    });
    expect((await refusedWith(409, () => command(evergreen.id, 'stop', { enrolled: 'cancel' }))).error.message).toMatch(/is a draft/);
    const bad = await refusedWith(400, () => command(evergreen.id, 'stop', { enrolled: 'later', extra: 1 }));
    expect(paths(bad)).toEqual(['body.enrolled', 'body.extra']);
    expect((await refusedWith(404, () => command('00000000-0000-4000-8000-000000000000', 'complete', {}))).error.message).toMatch(/No campaign/);
  });
});

describe('evergreen campaigns', () => {
  test('when an evergreen campaign is scheduled then the view gives its next enrollment, and stop with cancel ends it CANCELLED', async () => {
    const campaign = await createCampaign(t, marketer.key, {
      name: uniqueName('evergreen'),
      // Daily, so no enrollment falls in this test: the schedule's next occurrence is what is shown.
      evergreen: { segmentId: fixtures.segmentId, schedule: { time: '03:00', timeZone: 'Pacific/Kiritimati', days: [1, 2, 3, 4, 5, 6, 7] } },
      stages: [{ type: 'MAILING', settings: { templateKey: fixtures.templateKey } }],
    });
    const scheduled = await command(campaign.id, 'schedule');
    expect(scheduled.status).toBe(200);
    expect(scheduled.body.evergreen).toMatchObject({ nextEnrollmentAt: expect.any(String), stoppedAt: null });

    const stopped = await command(campaign.id, 'stop', { enrolled: 'cancel', reason: 'Season over' });
    expect(stopped.status).toBe(200);
    expect(stopped.body.status).toBe('CANCELLED');
    expect(stopped.body.evergreen).toMatchObject({ nextEnrollmentAt: null, stoppedAt: expect.any(String) });
    expect(await workflowResult(campaign.id)).toBe('CANCELLED');
  });

  test('when an evergreen campaign is stopped letting its cohorts finish then it completes', async () => {
    const campaign = await createCampaign(t, marketer.key, {
      name: uniqueName('evergreen'),
      evergreen: { segmentId: fixtures.segmentId, schedule: { time: '03:00', timeZone: 'Pacific/Kiritimati' } },
      stages: [{ type: 'WAIT', settings: { duration: 'PT1S' } }],
    });
    expect((await command(campaign.id, 'schedule')).status).toBe(200);
    const stopped = await command(campaign.id, 'stop', { enrolled: 'finish' });
    expect(stopped.status).toBe(200);
    expect(stopped.body.evergreen.stoppedAt).toEqual(expect.any(String));
    expect(await workflowResult(campaign.id)).toBe('COMPLETED');
    expect((await read(campaign.id)).status).toBe('COMPLETED');
  });
});
