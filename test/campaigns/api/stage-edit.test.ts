import { AppError } from '../../../src/errors/app-error';
import { editStage } from '../../../src/campaigns/stage-edit';
import { validateCampaignForSchedule } from '../../../src/campaigns/validate-stages';
import { startTestApp, type TestApp } from '../../support/test-app';
import { auth, campaignRowCounts, createCampaign, createFixtures, inMinutes, paths, threeStages, uniqueName, type CampaignBody, type Fixtures } from './helpers';

let t: TestApp;
let marketer: { id: string; key: string };
let fixtures: Fixtures;

beforeAll(async () => {
  t = await startTestApp();
  marketer = await t.userWithKey('marketer');
  fixtures = await createFixtures(t);
});
afterAll(() => t.close());

const newCampaign = (stages = threeStages(fixtures)) => createCampaign(t, marketer.key, { name: uniqueName(), stages });

/** The AppError editStage throws, checked to change nothing. */
async function refusal(run: () => Promise<unknown>): Promise<AppError> {
  const before = await campaignRowCounts(t);
  const error = await run().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect(await campaignRowCounts(t)).toEqual(before);
  return error as AppError;
}
const pathsOf = (error: AppError) => error.details.map((detail) => detail.path).sort();

describe('editStage', () => {
  test('when a pending stage is rescheduled, renamed and given new settings then it changes and the history holds before and after', async () => {
    const campaign = await newCampaign();
    const mailing = campaign.stages[2];
    const startAt = inMinutes(240);
    const view = await editStage(
      t.database.db,
      { campaignId: campaign.id, stageId: mailing.id, startAt, name: 'The mailing', settings: { templateKey: fixtures.templateKey, ratePerSecond: 10 } },
      marketer.id,
    );
    expect(view).toMatchObject({ id: mailing.id, position: 2, type: 'MAILING', status: 'PENDING', name: 'The mailing', startAt: new Date(startAt).toISOString() });
    expect(view.settings).toEqual({ templateKey: fixtures.templateKey, ratePerSecond: 10 });
    expect(view.counts).toMatchObject({ recipients: 0 });
    const [event] = await t.database.db.campaignEvent.findMany({ where: { campaignId: campaign.id, kind: 'stage-edited' } });
    expect(event).toMatchObject({
      stageId: mailing.id,
      byUserId: marketer.id,
      message: expect.stringMatching(/^Stage 3 \(MAILING\) edited: startAt, name, settings/),
      details: {
        stageId: mailing.id,
        before: { startAt: null, name: null, settings: { templateKey: fixtures.templateKey, ratePerSecond: 50 } },
        after: { startAt: new Date(startAt).toISOString(), name: 'The mailing', settings: { templateKey: fixtures.templateKey, ratePerSecond: 10 } },
      },
    });
    // startAt null: right after the previous stage; only what changed is recorded.
    await editStage(t.database.db, { campaignId: campaign.id, stageId: mailing.id, startAt: null }, marketer.id);
    const events = await t.database.db.campaignEvent.findMany({ where: { campaignId: campaign.id, kind: 'stage-edited' }, orderBy: { at: 'desc' } });
    expect(events[0].details).toEqual({ stageId: mailing.id, before: { startAt: new Date(startAt).toISOString() }, after: { startAt: null } });
    // The same settings in another key order (as jsonb stores them) are no change, and write no event.
    const windowed = { sendWindow: { end: '17:00', start: '08:00', days: [1, 2] }, templateKey: fixtures.templateKey, ratePerSecond: 10 };
    await editStage(t.database.db, { campaignId: campaign.id, stageId: mailing.id, settings: windowed }, marketer.id);
    const same = { ratePerSecond: 10, templateKey: fixtures.templateKey, sendWindow: { days: [1, 2], start: '08:00', end: '17:00' } };
    const unchanged = await editStage(t.database.db, { campaignId: campaign.id, stageId: mailing.id, settings: same, name: 'The mailing' }, marketer.id);
    expect(unchanged.settings).toEqual(same);
    expect(await t.database.db.campaignEvent.count({ where: { campaignId: campaign.id, kind: 'stage-edited' } })).toBe(3);
  });

  test('when the stage has started then 409 says it keeps the settings it started with; an ended campaign is 409 too', async () => {
    const campaign = await newCampaign();
    const startedAt = new Date(Date.now() - 60_000);
    await t.database.db.campaignStage.update({ where: { id: campaign.stages[1].id }, data: { status: 'RUNNING', startedAt } });
    const running = await refusal(() => editStage(t.database.db, { campaignId: campaign.id, stageId: campaign.stages[1].id, name: 'late' }, marketer.id));
    expect(running.code).toBe('CONFLICT');
    expect(running.message).toBe(`stage 2 (APPROVAL) started at ${startedAt.toISOString()}: a running stage keeps the settings it started with`);
    await t.database.db.campaignStage.update({ where: { id: campaign.stages[0].id }, data: { status: 'COMPLETED', startedAt } });
    const done = await refusal(() => editStage(t.database.db, { campaignId: campaign.id, stageId: campaign.stages[0].id, startAt: inMinutes(10) }, marketer.id));
    expect(done.code).toBe('CONFLICT');
    expect(done.message).toMatch(/stage 1 \(LIST\) started at .* and is COMPLETED/);

    await t.database.db.campaign.update({ where: { id: campaign.id }, data: { status: 'CANCELLED' } });
    const ended = await refusal(() => editStage(t.database.db, { campaignId: campaign.id, stageId: campaign.stages[2].id, name: 'x' }, marketer.id));
    expect(ended.code).toBe('CONFLICT');
    expect(ended.message).toMatch(/CANCELLED/);
  });

  test('when the date is past, out of order, or the settings are bad then 400 names body fields', async () => {
    const campaign = await newCampaign();
    const [list, , mailing] = campaign.stages;
    const edit = (change: Record<string, unknown>, stage = mailing) => () => editStage(t.database.db, { campaignId: campaign.id, stageId: stage.id, ...change }, marketer.id);

    const past = await refusal(edit({ startAt: inMinutes(-1) }));
    expect(past.code).toBe('VALIDATION_FAILED');
    expect(pathsOf(past)).toEqual(['body.startAt']);
    expect(past.details[0].message).toMatch(/in the past/);
    // Before the LIST stage's date (60 minutes ahead): the problem is the edited stage's date.
    expect(pathsOf(await refusal(edit({ startAt: inMinutes(30) })))).toEqual(['body.startAt']);
    // Moving the LIST after a later stage's date: named at the LIST's date, citing the later stage.
    await editStage(t.database.db, { campaignId: campaign.id, stageId: mailing.id, startAt: inMinutes(120) }, marketer.id);
    const after = await refusal(edit({ startAt: inMinutes(180) }, list));
    expect(pathsOf(after)).toEqual(['body.startAt']);
    expect(after.details[0].message).toMatch(/^is after the date of stage 3, which waits for it: pick an earlier date$/);

    const settings = await refusal(edit({ settings: { templateKey: 'missing-template', ratePerSecond: 0, bogus: 1 } }));
    expect(pathsOf(settings)).toEqual(['body.settings.bogus', 'body.settings.ratePerSecond', 'body.settings.templateKey']);
    const nul = await refusal(edit({ settings: { title: 'a\u0000b' } }, campaign.stages[1]));
    expect(pathsOf(nul)).toContain('body.settings.title');
    const approver = await refusal(edit({ settings: { approverIds: ['00000000-0000-4000-8000-000000000000'] } }, campaign.stages[1]));
    expect(pathsOf(approver)).toEqual(['body.settings.approverIds.0']);
  });

  test('when the campaign is scheduled then the first stage keeps a date; a stage of another campaign is 404', async () => {
    const campaign = await newCampaign();
    await t.database.db.campaign.update({ where: { id: campaign.id }, data: { status: 'SCHEDULED' } });
    const undated = await refusal(() => editStage(t.database.db, { campaignId: campaign.id, stageId: campaign.stages[0].id, startAt: null }, marketer.id));
    expect(pathsOf(undated)).toEqual(['body.startAt']);
    const other: CampaignBody = await newCampaign();
    const foreign = await refusal(() => editStage(t.database.db, { campaignId: campaign.id, stageId: other.stages[0].id, name: 'x' }, marketer.id));
    expect(foreign.code).toBe('NOT_FOUND');
    expect(pathsOf(foreign)).toEqual(['path.stageId']);
    const missing = await refusal(() => editStage(t.database.db, { campaignId: '00000000-0000-4000-8000-000000000000', stageId: other.stages[0].id, name: 'x' }, marketer.id));
    expect(missing.code).toBe('NOT_FOUND');
  });

  test('when two edits of one campaign run at once then both land, one after the other', async () => {
    const campaign = await newCampaign();
    await Promise.all([
      editStage(t.database.db, { campaignId: campaign.id, stageId: campaign.stages[1].id, name: 'approval' }, marketer.id),
      editStage(t.database.db, { campaignId: campaign.id, stageId: campaign.stages[2].id, name: 'mailing' }, marketer.id),
    ]);
    const stages = await t.database.db.campaignStage.findMany({ where: { campaignId: campaign.id }, orderBy: { position: 'asc' } });
    expect(stages.map((stage) => stage.name)).toEqual(['Freeze the list', 'approval', 'mailing']);
    expect(await t.database.db.campaignEvent.count({ where: { campaignId: campaign.id, kind: 'stage-edited' } })).toBe(2);
  });
});

describe('PATCH /api/v1/campaigns/:id/stages/:stageId on a DRAFT (editStage behind it)', () => {
  test('when a pending stage is rescheduled then the campaign shows the new date; a past date is 400 naming body.startAt', async () => {
    const campaign = await newCampaign();
    const url = `/api/v1/campaigns/${campaign.id}/stages/${campaign.stages[0].id}`;
    const startAt = inMinutes(300);
    const moved = await t.request.patch(url).set(auth(marketer.key)).send({ startAt });
    expect(moved.status).toBe(200);
    expect(moved.body.stages[0].startAt).toBe(new Date(startAt).toISOString());
    expect(moved.body.history[0]).toMatchObject({ kind: 'stage-edited', stageId: campaign.stages[0].id, byUserId: marketer.id });
    const before = await campaignRowCounts(t);
    const past = await t.request.patch(url).set(auth(marketer.key)).send({ startAt: inMinutes(-60) });
    expect(past.status).toBe(400);
    expect(paths(past.body)).toEqual(['body.startAt']);
    expect(await campaignRowCounts(t)).toEqual(before);
  });
});

describe('validateCampaignForSchedule', () => {
  test('when the stored stages would not run then it names stages.N paths; a valid campaign passes', async () => {
    const undated = await newCampaign([
      { type: 'LIST', settings: { segmentId: fixtures.segmentId } },
      { type: 'MAILING', settings: { templateKey: fixtures.templateKey } },
    ] as ReturnType<typeof threeStages>);
    const error = await validateCampaignForSchedule(t.database.db, undated.id, new Date()).catch((caught: AppError) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(pathsOf(error as AppError)).toEqual(['stages.0.startAt']);
    // Time moved on: the date given at creation is now in the past.
    const dated = await newCampaign(threeStages(fixtures, inMinutes(5)));
    const later = await validateCampaignForSchedule(t.database.db, dated.id, new Date(Date.now() + 10 * 60_000)).catch((caught: AppError) => caught);
    expect(pathsOf(later as AppError)).toEqual(['stages.0.startAt']);
    const stages = await validateCampaignForSchedule(t.database.db, dated.id, new Date());
    expect(stages.map((stage) => stage.type)).toEqual(['LIST', 'APPROVAL', 'MAILING']);
    const missing = await validateCampaignForSchedule(t.database.db, '00000000-0000-4000-8000-000000000000', new Date()).catch((caught: AppError) => caught);
    expect((missing as AppError).code).toBe('NOT_FOUND');
  });
});
