import type { Locator, Page } from 'playwright-core';
import { seedRecipients } from '../campaigns/workflow/helpers';
import { eventually } from '../support/eventually';
import { moveStage, positionsOf, removeStage, switchEvergreen } from '../../src/console/app/pages/marketer/campaigns/builder-stages';
import { newEvergreen } from '../../src/console/app/pages/marketer/campaigns/evergreen-draft';
import { journeyOrder } from '../../src/console/app/pages/marketer/campaigns/journey-tree';
import { cohortWords, durationWords, startWords, withLocalTimes } from '../../src/console/app/pages/marketer/campaigns/journey-words';
import { newStage, stageForApi, stagesFromView } from '../../src/console/app/pages/marketer/campaigns/stage-draft';
import { authAs, consoleHarnessForFile, saveScreenshot } from './support/console-browser';

// The console's journey builder and campaign page: start conditions and cohorts edited per stage,
// the journey read as a timeline with its branches, evergreen campaigns and tracking-only ones.

const harness = consoleHarnessForFile();
let marketer: { id: string; key: string };
beforeAll(async () => {
  marketer = await harness.app.userWithKey('marketer');
});
const open = (path: string) => harness.openPage({ key: marketer.key, path });

/** The texts a control's aria-describedby points at: its hint and its error, as a screen reader reads them. */
const descriptionOf = (control: Locator) =>
  control.evaluate((element) => (element.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '));

/** Waits until what `read` answers passes `check` (the page updates by itself: polling, debounced counts). */
const until = <T>(read: () => Promise<T>, check: (value: T) => void, timeoutMs = 20_000) => eventually(async () => check(await read()), timeoutMs);

/** A `datetime-local` value `seconds` from now in the browser's own time zone. */
const localInputFromNow = (page: Page, seconds: number) =>
  page.evaluate((offset) => {
    const date = new Date(Date.now() + offset * 1000);
    const pad = (value: number) => String(value).padStart(2, '0');
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  }, seconds);

const timeline = (page: Page) => page.getByRole('figure', { name: 'Journey timeline' }).getByRole('listitem');
/** Each timeline row's text, in reading order, with its depth (how far it is indented under a branch point). */
const timelineRows = (page: Page) =>
  timeline(page).evaluateAll((items) => items.map((item) => ({ depth: Number(item.getAttribute('data-depth')), text: (item as HTMLElement).innerText.replace(/\s+/g, ' ').trim() })));
/** The unit select of the duration field labelled `label` (its number input carries the label). */
const unitOf = (scope: Page | Locator, label: string) => scope.locator('.field', { has: ('goto' in scope ? scope : scope.page()).getByLabel(label, { exact: true }) }).getByLabel('Unit');
const stageCard = (page: Page, number: number) => page.getByRole('region', { name: new RegExp(`^Stage ${number}: `) });

async function segmentOf(tag: string): Promise<string> {
  const segment = await harness.app.request.post('/api/v1/segments').set(authAs(marketer)).send({ name: `Segment ${tag}`, criteria: { field: 'account.segment', op: 'eq', value: tag } });
  expect(segment.status).toBe(201);
  return segment.body.id as string;
}

async function templateOf(key: string) {
  const created = await harness.app.request
    .post('/api/v1/templates')
    .set(authAs(marketer))
    .send({ key, name: `Offer ${key}`, subject: 'Offer for {{ account.name }}', text: 'Hello {{ contact.name }}. Unsubscribe: {{ unsubscribeUrl }}' });
  expect(created.status).toBe(201);
}

async function addStage(page: Page, type: string, name: string) {
  await page.getByLabel('New stage type').selectOption(type);
  await page.getByRole('button', { name: 'Add stage' }).click();
  const number = await page.getByRole('heading', { name: /^Stage \d+: / }).count();
  await page.getByLabel(`Stage ${number} name`).fill(name);
  return stageCard(page, number);
}

test('a marketer builds the journey of the issue (a reminder to non-responders and calls to responders after a week), is told where a reference is wrong, and reads it as a timeline with two branches', async () => {
  const tag = `jrn${Date.now()}`;
  await seedRecipients(harness.app, tag, 2, 'journey.test');
  const segmentId = await segmentOf(tag);
  await templateOf(`first-${tag}`);
  await templateOf(`reminder-${tag}`);

  const page = await open(`/campaigns/new?segment=${segmentId}`);
  await page.getByRole('heading', { name: 'New campaign' }).waitFor();
  await page.getByLabel('Campaign name').fill(`Journey ${tag}`);
  await page.getByRole('button', { name: 'Add sub-source' }).click();
  await page.getByLabel('Code').fill('WEB');
  await page.getByLabel('Source name').fill('Web form');
  // Stage 1, the list, on a date; stage 2 the first mailing, right after it.
  await until(() => page.getByLabel('Segment', { exact: true }).locator('option:checked').textContent(), (value) => expect(value).toBe(`Segment ${tag}`));
  await page.getByLabel('Stage 1 starts').fill(await localInputFromNow(page, 3600));
  await expect(page.getByLabel('Start of stage 1').locator('option').allTextContents()).resolves.toEqual(['On a date', 'When enough responses have arrived']);
  await page.getByLabel('Stage 2 name').fill('Spring mailing');
  await stageCard(page, 2).getByLabel('Template').selectOption(`first-${tag}`);

  // Durations are a number and a unit: a new wait is counted in days.
  await (await addStage(page, 'WAIT', 'Wait a week')).getByLabel('Wait for').fill('7');

  // Stage 4: the reminder, when the wait ends, to those who did not respond since the first mailing.
  const reminder = await addStage(page, 'MAILING', 'Reminder');
  await reminder.getByLabel('Template').selectOption(`reminder-${tag}`);
  await expect(page.getByLabel('Start of stage 4').locator('option').allTextContents()).resolves.toEqual([
    'After the previous stage',
    'On a date',
    'When a stage ends',
    'Some time after a stage ends',
    'When enough responses have arrived',
  ]);
  await page.getByLabel('Start of stage 4').selectOption('stageEnded');
  // Only earlier stages are offered.
  await expect(page.getByLabel('Stage 4 depends on').locator('option').allTextContents()).resolves.toEqual([
    'Choose a stage…',
    'Stage 1 (target list)',
    'Stage 2 “Spring mailing”',
    'Stage 3 “Wait a week”',
  ]);
  await page.getByLabel('Stage 4 depends on').selectOption({ label: 'Stage 3 “Wait a week”' });
  // A cohort can only be drawn from an earlier mailing's outcomes: none before stage 2, stage 2 for stage 4.
  await expect(stageCard(page, 2).getByLabel('Outcome of mailing').count()).resolves.toBe(0);
  await expect(reminder.getByLabel('Outcome of mailing').locator('option').allTextContents()).resolves.toEqual(['Any (no mailing filter)', 'Stage 2 “Spring mailing”']);
  await reminder.getByLabel('Responders').selectOption('notResponded');
  await reminder.getByLabel('Counting responses since').selectOption({ label: 'The start of stage 2 “Spring mailing”' });

  // Stage 5: call tasks for the responders (through the web form), also when the wait ends.
  const calls = await addStage(page, 'CALL_TASKS', 'Call the responders');
  await page.getByLabel('Start of stage 5').selectOption('stageEnded');
  await page.getByLabel('Stage 5 depends on').selectOption({ label: 'Stage 3 “Wait a week”' });
  await calls.getByLabel('Responders').selectOption('responded');
  await expect(calls.getByLabel('Responses through').locator('option').allTextContents()).resolves.toEqual(['Any sub-source', 'WEB']);
  await calls.getByLabel('Responses through').selectOption('WEB');
  await calls.getByLabel('Counting responses since').selectOption({ label: 'The start of stage 2 “Spring mailing”' });
  await calls.getByLabel('Within').fill('14');
  await calls.getByRole('group', { name: 'Account reached' }).getByLabel('Contact established').check();

  // The timeline reads the journey as it is built: the reminder and the calls are two branches after the wait.
  await until(
    () => timelineRows(page),
    (rows) => {
      expect(rows.map((row) => row.depth)).toEqual([0, 0, 0, 1, 1]);
      expect(rows[0]!.text).toMatch(/^1\. Target list Starts on /);
      expect(rows[1]!.text).toContain('2. Mailing · Spring mailing Starts right after stage 1 (target list) ends for the whole target cell');
      expect(rows[3]!.text).toContain('Branch 1 of 2 after stage 3');
      expect(rows[3]!.text).toContain('4. Mailing · Reminder Starts when stage 3 “Wait a week” ends for the contacts who did not respond since stage 2 “Spring mailing”');
      expect(rows[4]!.text).toContain('Branch 2 of 2 after stage 3');
      expect(rows[4]!.text).toContain(
        'Starts when stage 3 “Wait a week” ends for the contacts who responded through WEB within 14 days of the start of stage 2 “Spring mailing” and whose account reached contact established',
      );
    },
  );

  // The wait moved below both branches: they would wait for a later stage. The API's refusal shows at each one's "depends on".
  await page.getByRole('button', { name: 'Move stage 3 later' }).click();
  await page.getByRole('button', { name: 'Move stage 4 later' }).click();
  await expect(page.getByRole('heading', { name: /^Stage \d: / }).allTextContents()).resolves.toEqual([
    'Stage 1: Target list',
    'Stage 2: Mailing',
    'Stage 3: Mailing',
    'Stage 4: Call tasks',
    'Stage 5: Wait',
  ]);
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByRole('alert').filter({ hasText: 'The campaign was not saved' }).waitFor();
  await expect(descriptionOf(page.getByLabel('Stage 3 depends on'))).resolves.toContain('stage 3 cannot wait for stage 5, which comes later');
  await expect(page.getByLabel('Stage 3 depends on').getAttribute('aria-invalid')).resolves.toBe('true');
  await expect(descriptionOf(page.getByLabel('Stage 4 depends on'))).resolves.toContain('stage 4 cannot wait for stage 5, which comes later');
  expect(await harness.app.database.db.campaign.count({ where: { name: `Journey ${tag}` } })).toBe(0);

  await page.getByRole('button', { name: 'Move stage 5 earlier' }).click();
  await page.getByRole('button', { name: 'Move stage 4 earlier' }).click();
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText(`Draft “Journey ${tag}” saved with 5 stages`).waitFor();
  await saveScreenshot(page, 'campaign-journey-builder');

  // Stored as the API's contract says: positions from 0.
  const stored = await harness.app.database.db.campaign.findFirstOrThrow({
    where: { name: `Journey ${tag}` },
    select: { id: true, stages: { orderBy: { position: 'asc' }, select: { type: true, startWhen: true, cohort: true } } },
  });
  expect(stored.stages.map((stage) => stage.type)).toEqual(['LIST', 'MAILING', 'WAIT', 'MAILING', 'CALL_TASKS']);
  expect(stored.stages[3]).toMatchObject({ startWhen: { kind: 'stageEnded', stage: 2 }, cohort: { response: { responded: false, window: { fromStage: 1 } } } });
  expect(stored.stages[4]).toMatchObject({
    startWhen: { kind: 'stageEnded', stage: 2 },
    cohort: { response: { responded: true, sourceCode: 'WEB', window: { fromStage: 1, duration: 'P14D' } }, accountStatus: ['CONTACT_ESTABLISHED'] },
  });
  expect(stored.stages[1]!.startWhen).toBeNull();

  // Opened again, the builder shows the same journey (references turned back into stages).
  await page.reload();
  await page.getByRole('heading', { name: `Edit draft “Journey ${tag}”` }).waitFor();
  await expect(page.getByLabel('Stage 4 depends on').locator('option:checked').textContent()).resolves.toBe('Stage 3 “Wait a week”');
  // 14 days read back as the largest unit that holds them.
  await expect(stageCard(page, 5).getByLabel('Within').inputValue()).resolves.toBe('2');
  await expect(unitOf(stageCard(page, 5), 'Within').inputValue()).resolves.toBe('weeks');

  // The campaign page reads the same, and once scheduled says what each waiting stage waits for.
  await page.getByRole('link', { name: 'Campaign page' }).click();
  await page.getByRole('heading', { level: 1 }).filter({ hasText: `Journey ${tag}` }).waitFor();
  await until(() => timelineRows(page), (rows) => expect(rows.map((row) => row.depth)).toEqual([0, 0, 0, 1, 1]));
  await expect(stageCard(page, 4).textContent()).resolves.toContain('Starts when stage 3 “Wait a week” ends');
  await page.getByRole('button', { name: 'Schedule', exact: true }).click();
  await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Scheduled' }).waitFor();
  await until(() => stageCard(page, 4).locator('.waits-for').textContent(), (value) => expect(value).toMatch(/^Waits for .*stage 3/));
  await saveScreenshot(page, 'campaign-journey');
}, 90_000);

test('an evergreen campaign is built with its schedule and only the stage types it may have; scheduled, its page shows each enrollment and stops it with a clear choice', async () => {
  const tag = `evg${Date.now()}`;
  await seedRecipients(harness.app, tag, 2, 'evergreen.test');
  const segmentId = await segmentOf(tag);
  await templateOf(`welcome-${tag}`);

  const page = await open(`/campaigns/new?segment=${segmentId}`);
  await page.getByRole('heading', { name: 'New campaign' }).waitFor();
  await page.getByLabel('Campaign name').fill(`Evergreen ${tag}`);
  await until(() => page.getByLabel('Segment', { exact: true }).locator('option:checked').textContent(), (value) => expect(value).toBe(`Segment ${tag}`));
  await page.getByLabel('Test cell', { exact: true }).selectOption('random');

  // Switched to evergreen, the list stage's segment and test cell become the enrollments'.
  await page.getByLabel('Evergreen: enroll a segment’s new contacts on a schedule').check();
  const evergreen = page.getByRole('region', { name: 'Evergreen' });
  await expect(evergreen.getByLabel('Segment', { exact: true }).locator('option:checked').textContent()).resolves.toBe(`Segment ${tag}`);
  await expect(evergreen.getByLabel('Test cell', { exact: true }).inputValue()).resolves.toBe('random');
  await expect(page.getByRole('heading', { name: /^Stage \d: / }).allTextContents()).resolves.toEqual(['Stage 1: Mailing']);
  await expect(page.getByLabel('New stage type').locator('option').allTextContents()).resolves.toEqual(['Mailing', 'Call tasks', 'Wait']);
  // No dates: the first stage starts at each enrollment; the others on stages, never on responses.
  await expect(page.getByLabel('Start of stage 1').locator('option').allTextContents()).resolves.toEqual(['At enrollment']);
  await expect(page.locator('input[type="datetime-local"]').count()).resolves.toBe(0);
  await stageCard(page, 1).getByLabel('Template').selectOption(`welcome-${tag}`);
  await page.getByLabel('Stage 1 name').fill('Welcome');
  await addStage(page, 'CALL_TASKS', 'Welcome call');
  await expect(page.getByLabel('Start of stage 2').locator('option').allTextContents()).resolves.toEqual(['After the previous stage', 'When a stage ends', 'Some time after a stage ends']);
  await page.getByLabel('Start of stage 2').selectOption('afterStage');
  await page.getByLabel('Stage 2 depends on').selectOption({ label: 'Stage 1 “Welcome”' });
  await page.getByLabel('Stage 2 delay').fill('2');
  await unitOf(page, 'Stage 2 delay').selectOption('days');
  await stageCard(page, 2).getByLabel('Cell').selectOption('ALL');

  // Every 0 hours: refused at the field.
  await evergreen.getByLabel('Enrollment schedule').selectOption('interval');
  await evergreen.getByLabel('Every (hours)').fill('0');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByRole('alert').filter({ hasText: 'The campaign was not saved' }).waitFor();
  await expect(evergreen.getByLabel('Every (hours)').getAttribute('aria-invalid')).resolves.toBe('true');

  // Daily at 07:30 in Paris on weekdays.
  await evergreen.getByLabel('Enrollment schedule').selectOption('daily');
  await evergreen.getByLabel('Enrollment time').fill('07:30');
  await evergreen.getByLabel('Time zone').fill('Europe/Paris');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText(`Draft “Evergreen ${tag}” saved with 2 stages, evergreen`).waitFor();
  await until(
    () => timelineRows(page),
    (rows) => {
      expect(rows[0]!.text).toContain('1. Mailing · Welcome Starts at enrollment for the whole target cell');
      expect(rows[1]!.text).toContain('Starts when stage 1 “Welcome” ends + 2 days for the whole list (both cells)');
    },
  );
  await expect(page.getByRole('figure', { name: 'Journey timeline' }).textContent()).resolves.toContain('At enrollment');
  await saveScreenshot(page, 'campaign-evergreen-builder');
  const stored = await harness.app.database.db.campaign.findFirstOrThrow({ where: { name: `Evergreen ${tag}` }, select: { id: true, evergreen: true } });
  expect(stored.evergreen).toMatchObject({ segmentId, schedule: { time: '07:30', timeZone: 'Europe/Paris', days: [1, 2, 3, 4, 5] }, testCell: { mode: 'random', percent: 10 } });

  // Every hour instead: the first enrollment comes as soon as the campaign is scheduled.
  await evergreen.getByLabel('Enrollment schedule').selectOption('interval');
  await evergreen.getByLabel('Every (hours)').fill('1');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await until(
    () => harness.app.database.db.campaign.findUniqueOrThrow({ where: { id: stored.id }, select: { evergreen: true } }),
    (campaign) => expect(campaign.evergreen).toMatchObject({ schedule: { every: 'PT1H' } }),
  );

  // Scheduled, its page shows the enrollment with its contacts and each stage's run, and when the next one comes.
  await page.getByRole('link', { name: 'Campaign page' }).click();
  await page.getByRole('button', { name: 'Schedule', exact: true }).click();
  const enrollments = page.getByRole('region', { name: 'Enrollments' });
  await until(() => enrollments.textContent(), (value) => expect(value).toMatch(/every 1 hour.*Next enrollment:/));
  const first = enrollments.getByRole('row', { name: /^#1 / });
  await until(() => first.getByRole('cell').allTextContents(), (cells) => expect(cells[2]).toBe('2'), 30_000);
  await expect(enrollments.getByRole('columnheader').allTextContents()).resolves.toEqual(['Enrollment', 'Scheduled for', 'Enrolled', 'Contacts', 'Status', '1. Welcome', '2. Welcome call']);
  await saveScreenshot(page, 'campaign-evergreen');

  // Stopping needs a clear choice: refused without one, named at it.
  await page.getByRole('button', { name: 'Stop enrollments…' }).click();
  await page.getByRole('button', { name: 'Stop enrollments', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: 'The enrollments were not stopped' }).waitFor();
  await expect(page.getByRole('group', { name: 'The enrolled contacts' }).locator('.field-error').count()).resolves.toBe(1);
  await page.getByLabel('Let them finish their stages, then complete the campaign').check();
  await page.getByLabel('Reason for stopping').fill('Season over');
  await page.getByRole('button', { name: 'Stop enrollments', exact: true }).click();
  await until(() => enrollments.textContent(), (value) => expect(value).toContain('Enrollments stopped'));
  await expect(page.getByRole('button', { name: 'Stop enrollments…' }).count()).resolves.toBe(0);
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/Running|Scheduled/);
}, 90_000);

test('a tracking-only campaign has sub-sources and no stages; scheduled, it runs until it is completed from its page', async () => {
  const tag = `trk${Date.now()}`;
  const page = await open('/campaigns/new');
  await page.getByRole('heading', { name: 'New campaign' }).waitFor();
  await page.getByLabel('Campaign name').fill(`Trade fair ${tag}`);
  await page.getByLabel('Channels').fill('press, fair');
  await page.getByRole('button', { name: 'Add sub-source' }).click();
  await page.getByLabel('Code').fill('FAIR-2026');
  await page.getByLabel('Source name').fill('Trade fair stand');
  await page.getByLabel('Cost').fill('1200');
  await page.getByRole('button', { name: 'Remove stage 2' }).click();
  await page.getByRole('button', { name: 'Remove stage 1' }).click();
  await page.getByText('No stages: a tracking-only campaign').first().waitFor();
  await page.getByRole('button', { name: 'Save and schedule' }).click();

  const title = page.getByRole('heading', { level: 1 });
  await title.filter({ hasText: `Trade fair ${tag}` }).waitFor();
  await page.getByText('No stages: this tracking-only campaign collects responses and costs').waitFor();
  await page.getByText('Sub-sources: FAIR-2026.').waitFor();
  await title.filter({ hasText: /Scheduled|Running/ }).waitFor();
  await page.getByRole('button', { name: 'Complete campaign…' }).click();
  await page.getByLabel('Reason for completing').fill('The fair is over');
  await page.getByRole('button', { name: 'Complete the campaign' }).click();
  await title.filter({ hasText: 'Completed' }).waitFor({ timeout: 30_000 });
  await page.getByText('Ended: The fair is over').waitFor();
}, 90_000);

describe('the journey helpers behind the builder', () => {
  const named = (type: 'LIST' | 'MAILING' | 'WAIT' | 'CALL_TASKS', name: string | null) => ({ type, name });
  const stages = [named('LIST', null), named('MAILING', 'Spring mailing'), named('WAIT', 'Wait a week'), named('MAILING', 'Reminder'), named('CALL_TASKS', null)];

  test('durations, starts and cohorts read as words', () => {
    expect([durationWords('P7D'), durationWords('PT1H'), durationWords('P1DT12H'), durationWords('P1W'), durationWords('soon')]).toEqual(['7 days', '1 hour', '1 day 12 hours', '1 week', 'soon']);
    expect(startWords({ startWhen: { kind: 'afterStage', stage: 1, duration: 'P7D' }, startAt: null }, 3, stages)).toBe('when stage 2 “Spring mailing” ends + 7 days');
    expect(startWords({ startWhen: null, startAt: null }, 1, stages)).toBe('right after stage 1 (target list) ends');
    expect(startWords({ startWhen: null, startAt: null }, 0, stages, true)).toBe('at enrollment');
    expect(startWords({ startWhen: { kind: 'responses', count: 50, sourceCode: 'WEB' }, startAt: null }, 4, stages)).toBe('when 50 responses have arrived through WEB');
    expect(cohortWords({ cell: 'TARGET', response: { responded: false, window: { fromStage: 1 } } }, stages)).toBe('for the contacts who did not respond since stage 2 “Spring mailing”');
    expect(cohortWords({ cell: 'TEST', mailing: { stage: 1, outcomes: ['bounced', 'skipped'] } }, stages)).toBe('for the contacts of the test cell whose mail of stage 2 “Spring mailing” was bounced or skipped');
    expect(cohortWords(null, stages)).toBe('for the whole target cell');
    // The server's instants in the reader's format.
    expect(withLocalTimes('its date, 2026-12-04T06:09:05.000Z')).toMatch(/^its date, \d+ Dec 2026/);
  });

  test('stages waiting for the same stage are branches under it; a chain stays at one depth', () => {
    const ended = (stage: number) => ({ startWhen: { kind: 'stageEnded' as const, stage } });
    // 0 → 1 → 2, then 3 and 4 both after 2, and 5 after 4 on the second branch; 6 on responses.
    const order = journeyOrder([{}, {}, {}, ended(2), ended(2), {}, { startWhen: { kind: 'responses' as const, count: 5 } }]);
    expect(order.map(({ index, depth }) => [index, depth])).toEqual([[0, 0], [1, 0], [2, 0], [3, 1], [4, 1], [5, 1], [6, 0]]);
    expect(order[3]!.branch).toEqual({ of: 2, number: 1, count: 2 });
    expect(order[5]!.branch).toBeNull();
  });

  test('references follow the stages when they move, and go with a removed stage', () => {
    const [list, mailing, wait, reminder] = [newStage('LIST'), newStage('MAILING'), newStage('WAIT'), newStage('MAILING')];
    reminder.start = { ...reminder.start, kind: 'stageEnded', stageUid: wait.uid };
    reminder.cohort = { ...reminder.cohort, responders: 'notResponded', windowStageUid: mailing.uid };
    let drafts = [list, mailing, wait, reminder];
    const body = (all: typeof drafts) => all.map((stage) => stageForApi(stage, positionsOf(all)));
    expect(body(drafts)[3]).toMatchObject({ startAt: null, startWhen: { kind: 'stageEnded', stage: 2 }, cohort: { response: { responded: false, window: { fromStage: 1 } } } });
    drafts = moveStage(drafts, 2, -1);
    expect(body(drafts)[3]).toMatchObject({ startWhen: { stage: 1 }, cohort: { response: { window: { fromStage: 2 } } } });
    // Read back from the API's view, the positions become the same stages again.
    const views = body(drafts).map((stage, position) => ({ ...stage, position, name: null, startAt: null, startWhen: stage.startWhen ?? null, cohort: stage.cohort ?? null }));
    const again = stagesFromView(views as never);
    expect(again[3]!.start.stageUid).toBe(again[1]!.uid);
    expect(again[3]!.cohort.windowStageUid).toBe(again[2]!.uid);
    const removed = removeStage(drafts, wait.uid);
    expect(removed[2]!.start.kind).toBe('previous');
    expect(removed[2]!.cohort.windowStageUid).toBe(mailing.uid);
  });

  test('switching to evergreen takes the list stage’s segment; switching back puts a list stage first', () => {
    const list = newStage('LIST', { segmentId: 'segment-1' });
    const on = switchEvergreen([list, newStage('MAILING')], newEvergreen(), true);
    expect(on.stages.map((stage) => stage.type)).toEqual(['MAILING']);
    expect(on.evergreen).toMatchObject({ on: true, segmentId: 'segment-1' });
    const off = switchEvergreen(on.stages, on.evergreen, false);
    expect(off.stages.map((stage) => stage.type)).toEqual(['LIST', 'MAILING']);
    expect(off.stages[0]!.settings).toMatchObject({ segmentId: 'segment-1' });
  });
});
