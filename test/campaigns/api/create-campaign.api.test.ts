import { startTestApp, type TestApp } from '../../support/test-app';
import { auth, campaignRowCounts, createCampaign, createFixtures, inMinutes, paths, threeStages, uniqueName, type Fixtures } from './helpers';

let t: TestApp;
let marketer: { id: string; key: string };
let manager: { id: string; key: string };
let fixtures: Fixtures;

beforeAll(async () => {
  t = await startTestApp();
  [marketer, manager] = await Promise.all([t.userWithKey('marketer'), t.userWithKey('manager')]);
  fixtures = await createFixtures(t);
});
afterAll(() => t.close());

const post = (body: Record<string, unknown>, key = marketer.key) => t.request.post('/api/v1/campaigns').set(auth(key)).send(body);

/** Posts a bad body: answers the error's paths and proves nothing was written. */
async function refused(body: Record<string, unknown>, status = 400) {
  const before = await campaignRowCounts(t);
  const response = await post(body);
  expect(response.status).toBe(status);
  expect(await campaignRowCounts(t)).toEqual(before);
  return { paths: paths(response.body), messages: response.body.error.details.map((detail: { message: string }) => detail.message) as string[], body: response.body };
}

describe('POST /api/v1/campaigns', () => {
  test('when a marketer creates a campaign with every stage type then it is a DRAFT with its sources, budget, offers and stages in order', async () => {
    const startAt = inMinutes(30);
    const response = await post({
      name: 'Spring pharmacies',
      description: 'Press and e-mail',
      channels: ['email', 'press'],
      budget: { amount: 12500.5, currency: 'EUR' },
      offers: [{ code: 'SPRING10', name: '10% off', description: 'Until May' }],
      sources: [
        { code: 'PRESS-LEMONDE', name: 'Le Monde', channel: 'press', cost: 4000 },
        { code: 'WEB-1', name: 'Web banner' },
      ],
      stages: [
        { type: 'LIST', name: 'Freeze', startAt, settings: { segmentId: fixtures.segmentId, testCell: { mode: 'random', percent: 10 } } },
        { type: 'APPROVAL', startAt: null, settings: { approverIds: fixtures.approverIds, require: 'all', remindAfter: 'PT2H', escalateAfter: 'P1D', escalateToIds: [marketer.id] } },
        { type: 'MAILING', startAt: inMinutes(120), settings: { templateKey: fixtures.templateKey, sendWindow: { start: '09:00', end: '18:00' } } },
        { type: 'WAIT', settings: { duration: 'P3D' } },
        { type: 'CALL_TASKS', settings: { title: 'Call after the mailing' } },
        { type: 'CALL_TASKS' },
      ],
    });
    expect(response.status).toBe(201);
    const campaign = response.body;
    expect(campaign).toMatchObject({
      name: 'Spring pharmacies',
      description: 'Press and e-mail',
      status: 'DRAFT',
      channels: ['email', 'press'],
      budget: { amount: 12500.5, currency: 'EUR' },
      offers: [{ code: 'SPRING10', name: '10% off', description: 'Until May' }],
      parent: null,
      children: [],
      createdById: marketer.id,
      stageCount: 6,
      copiedFromId: null,
    });
    expect(campaign.sources).toEqual([
      { id: expect.any(String), code: 'PRESS-LEMONDE', name: 'Le Monde', channel: 'press', cost: 4000 },
      { id: expect.any(String), code: 'WEB-1', name: 'Web banner', channel: null, cost: null },
    ]);
    expect(campaign.stages.map((stage: { position: number; type: string; status: string }) => [stage.position, stage.type, stage.status])).toEqual([
      [0, 'LIST', 'PENDING'], [1, 'APPROVAL', 'PENDING'], [2, 'MAILING', 'PENDING'], [3, 'WAIT', 'PENDING'], [4, 'CALL_TASKS', 'PENDING'], [5, 'CALL_TASKS', 'PENDING'],
    ]);
    expect(campaign.stages[0]).toMatchObject({ name: 'Freeze', startAt: new Date(startAt).toISOString(), startedAt: null, startedSettings: null });
    // Settings are stored with their defaults filled in.
    expect(campaign.stages[0].settings).toEqual({ segmentId: fixtures.segmentId, excludeContactsInRunningCampaigns: false, testCell: { mode: 'random', percent: 10 } });
    expect(campaign.stages[2].settings).toEqual({ templateKey: fixtures.templateKey, ratePerSecond: 100, sendWindow: { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' } });
    expect(campaign.stages[5].settings).toEqual({ title: 'Campaign follow-up call', dueAfter: 'P2D' });
    // Counts before anything ran.
    expect(campaign.stages[0].counts).toEqual({ list: null, recipients: { target: 0, test: 0, total: 0 } });
    expect(campaign.stages[1].counts).toMatchObject({ pendingApprovals: 0, approved: 0, rejected: 0 });
    expect(campaign.stages[1].counts.approvers.map((approver: { userId: string }) => approver.userId)).toEqual(fixtures.approverIds);
    expect(campaign.stages[2].counts).toMatchObject({ recipients: 0, sent: 0 });
    expect(campaign.stages[3].counts).toEqual({ until: null });
    expect(campaign.stages[4].counts).toEqual({ tasksCreated: null, unassigned: null, cohort: null });
    expect(campaign.history).toEqual([expect.objectContaining({ kind: 'created', byUserId: marketer.id, stageId: null })]);

    const read = await t.request.get(`/api/v1/campaigns/${campaign.id}`).set(auth(manager.key));
    expect(read.status).toBe(200);
    expect(read.body).toEqual(campaign);
  });

  test('when a manager creates a campaign then 403 and nothing is written', async () => {
    const before = await campaignRowCounts(t);
    expect((await post({ name: uniqueName(), stages: threeStages(fixtures) }, manager.key)).status).toBe(403);
    expect(await campaignRowCounts(t)).toEqual(before);
  });

  test('when fields are malformed then 400 names each of them', async () => {
    const { paths: bad } = await refused({
      name: '',
      channels: ['email', 'email'],
      budget: { amount: 10.123, currency: 'eur' },
      offers: [{ code: 'A', name: 'x' }, { code: 'a', name: 'y' }],
      sources: [{ code: 'P1', name: 'One' }, { code: 'p1', name: 'Two' }, { code: 'bad code', name: 'Three', cost: -1 }],
      stages: [],
      extra: 1,
    });
    expect(bad).toEqual([
      'body.budget.amount', 'body.budget.currency', 'body.channels.1', 'body.extra', 'body.name', 'body.offers.1.code',
      'body.sources.1.code', 'body.sources.2.code', 'body.sources.2.cost',
    ]);
    expect((await refused({ name: 'x', budget: { amount: 5, currency: 'XYZ' }, stages: threeStages(fixtures) })).paths).toEqual(['body.budget.currency']);
    expect((await refused({ name: 'x', budget: { amount: 1e13, currency: 'EUR' }, stages: threeStages(fixtures) })).paths).toEqual(['body.budget.amount']);
  });

  test('when a stage has a bad type or bad settings then 400 names the stage’s field', async () => {
    const { paths: bad } = await refused({
      name: uniqueName(),
      stages: [
        { type: 'LIST', settings: { segmentId: 'nope', extra: true } },
        { type: 'SMOKE_SIGNALS', settings: {} },
        { type: 'MAILING', settings: { templateKey: 'Not A Slug', ratePerSecond: 0 } },
        { type: 'WAIT', settings: { duration: 'soon' } },
        { type: 'APPROVAL', settings: { approverIds: [] } },
        { type: 'CALL_TASKS', startAt: 'tomorrow', settings: { title: 'nul \u0000 inside' } },
      ],
    });
    expect(bad).toEqual([
      'body.stages.0.settings.extra', 'body.stages.0.settings.segmentId', 'body.stages.1.type', 'body.stages.2.settings.ratePerSecond',
      'body.stages.2.settings.templateKey', 'body.stages.3.settings.duration', 'body.stages.4.settings.approverIds', 'body.stages.5.settings.title',
      'body.stages.5.startAt',
    ]);
    const nul = await refused({ name: uniqueName(), stages: [{ type: 'LIST', settings: { segmentId: fixtures.segmentId } }, { type: 'CALL_TASKS', settings: { title: 'a\u0000b' } }] });
    expect(nul.paths).toEqual(['body.stages.1.settings.title']);
    const tooMany = await refused({ name: uniqueName(), stages: Array.from({ length: 21 }, () => ({ type: 'WAIT', settings: { duration: 'PT1H' } })) });
    expect(tooMany.paths).toEqual(['body.stages']);
  });

  test('when a stage date is in the past or before an earlier stage’s date then 400 names it', async () => {
    const past = await refused({ name: uniqueName(), stages: [{ type: 'LIST', startAt: inMinutes(-5), settings: { segmentId: fixtures.segmentId } }] });
    expect(past.paths).toEqual(['body.stages.0.startAt']);
    // The message says what to do, with no timestamp: the console shows it beside the field's label.
    expect(past.messages[0]).toBe('is in the past: pick a later date');
    const disorder = await refused({
      name: uniqueName(),
      stages: [
        { type: 'LIST', startAt: inMinutes(120), settings: { segmentId: fixtures.segmentId } },
        { type: 'WAIT', settings: { duration: 'PT1H' } },
        { type: 'MAILING', startAt: inMinutes(60), settings: { templateKey: fixtures.templateKey } },
      ],
    });
    expect(disorder.paths).toEqual(['body.stages.2.startAt']);
    expect(disorder.messages[0]).toBe('is before the date of stage 1, which this stage waits for: pick a later date');
  });

  test('when a MAILING or CALL_TASKS stage has no LIST before it then 400 says it needs one', async () => {
    const { paths: bad, messages } = await refused({
      name: uniqueName(),
      stages: [
        { type: 'MAILING', settings: { templateKey: fixtures.templateKey } },
        { type: 'CALL_TASKS', settings: {} },
        { type: 'LIST', settings: { segmentId: fixtures.segmentId } },
        { type: 'MAILING', settings: { templateKey: fixtures.templateKey } },
      ],
    });
    expect(bad).toEqual(['body.stages.0.type', 'body.stages.1.type']);
    expect(messages).toEqual(['MAILING needs a LIST stage before it', 'CALL_TASKS needs a LIST stage before it']);
  });

  test('when a stage refers to a missing template, segment or user then 400 names each reference', async () => {
    const ghost = '00000000-0000-4000-8000-000000000000';
    const { paths: bad, messages } = await refused({
      name: uniqueName(),
      stages: [
        { type: 'LIST', settings: { segmentId: ghost } },
        { type: 'APPROVAL', settings: { approverIds: [fixtures.approverIds[0], ghost], escalateToIds: [ghost] } },
        { type: 'MAILING', settings: { templateKey: 'no-such-template' } },
      ],
    });
    expect(bad).toEqual(['body.stages.0.settings.segmentId', 'body.stages.1.settings.approverIds.1', 'body.stages.1.settings.escalateToIds.0', 'body.stages.2.settings.templateKey']);
    expect(messages).toContain(`${ghost} is not a user`);
    expect(messages).toContain('no template with the key no-such-template');
  });

  test('when the MAILING template has unknown variables then 400 names them', async () => {
    // Written straight to the table: the templates API refuses such text, an older row may hold it.
    const key = uniqueName('legacy');
    await t.database.db.emailTemplate.create({ data: { key, name: 'Legacy', subject: 'Hi {{ contact.nickname }}', text: 'Body {{ coupon }}' } });
    const { paths: bad, messages } = await refused({
      name: uniqueName(),
      stages: [{ type: 'LIST', settings: { segmentId: fixtures.segmentId } }, { type: 'MAILING', settings: { templateKey: key } }],
    });
    expect(bad).toEqual(['body.stages.1.settings.templateKey', 'body.stages.1.settings.templateKey']);
    expect(messages.join('\n')).toMatch(/contact\.nickname/);
    expect(messages.join('\n')).toMatch(/coupon/);
  });

  test('when the parent does not exist then 404 names body.parentId; a child shows in its parent’s view', async () => {
    const missing = await refused({ name: uniqueName(), parentId: '00000000-0000-4000-8000-000000000000', stages: threeStages(fixtures) }, 404);
    expect(missing.paths).toEqual(['body.parentId']);
    const parent = await createCampaign(t, marketer.key, { name: uniqueName('parent'), stages: threeStages(fixtures) });
    const child = await createCampaign(t, marketer.key, { name: uniqueName('child'), parentId: parent.id, stages: threeStages(fixtures) });
    expect(child).toMatchObject({ parentId: parent.id, parent: { id: parent.id, name: parent.name } });
    const read = await t.request.get(`/api/v1/campaigns/${parent.id}`).set(auth(manager.key));
    expect(read.body).toMatchObject({ childCount: 1, children: [{ id: child.id, name: child.name, parentId: parent.id, status: 'DRAFT', stageCount: 3 }] });
  });

  test('when the body is not JSON or the id is not a uuid then 415 and 400', async () => {
    expect((await t.request.post('/api/v1/campaigns').set(auth(marketer.key)).type('text').send('hello')).status).toBe(415);
    const badId = await t.request.get('/api/v1/campaigns/not-a-uuid').set(auth(marketer.key));
    expect(badId.status).toBe(400);
    expect(paths(badId.body)).toEqual(['path.id']);
    const unknown = await t.request.get('/api/v1/campaigns/00000000-0000-4000-8000-000000000000').set(auth(marketer.key));
    expect(unknown.status).toBe(404);
  });
});
