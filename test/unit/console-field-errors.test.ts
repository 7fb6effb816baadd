import { detailsInWords, headlineInWords, labelFromPath, readableMessage, readableText, registerField } from '../../src/console/app/field-errors';
import { setLanguage } from '../../src/console/app/i18n/i18n';

const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}/i;

describe('console errors: named by the form’s labels, saying what to do', () => {
  afterEach(() => setLanguage('en'));

  test('when a field on screen shows a detail then the notice names that detail by the field’s label, never by its path', () => {
    const onScreen = [
      { label: 'Campaign name', error: 'Too small: expected string to have >=1 characters' },
      { label: 'Start', error: 'is in the past: pick a later date' },
    ];
    const details = [
      { path: 'body.stages.0.startAt', message: 'is in the past: pick a later date' },
      { path: 'body.name', message: 'Too small: expected string to have >=1 characters' },
    ];
    expect(detailsInWords(details, onScreen)).toEqual([
      { label: 'Start', message: 'this date is in the past — pick a later one' },
      { label: 'Campaign name', message: 'is required — fill it in' },
    ]);
  });

  test('when two fields show the same message then each detail takes its own field, by path where the field gives one', () => {
    const onScreen = [
      { label: 'Title', path: 'body.title', error: 'Invalid input: expected string, received undefined' },
      { label: 'Owner', path: 'body.ownerId', error: 'Invalid input: expected string, received undefined' },
    ];
    const details = [
      { path: 'body.ownerId', message: 'Invalid input: expected string, received undefined' },
      { path: 'body.title', message: 'Invalid input: expected string, received undefined' },
    ];
    expect(detailsInWords(details, onScreen).map((detail) => detail.label)).toEqual(['Owner', 'Title']);
    expect(detailsInWords(details, [{ label: 'A', error: details[0]!.message }, { label: 'B', error: details[0]!.message }]).map((detail) => detail.label)).toEqual(['A', 'B']);
  });

  test('when no field on screen claims a detail then its label is made from the path, and a registered path is used when it is', () => {
    expect(detailsInWords([{ path: 'body.stages.2.settings.remindAfter', message: '"PT0H" must be longer than zero' }], [])).toEqual([
      { label: 'Remind after', message: 'must be longer than zero — choose a number of 1 or more' },
    ]);
    expect(labelFromPath('body.stages.0.startAt')).toBe('Start at');
    expect(labelFromPath('query.limit')).toBe('Limit');
    const unregister = registerField({ label: 'Segment', path: 'body.settings.segmentId' });
    try {
      expect(detailsInWords([{ path: 'body.settings.segmentId', message: 'no segment with this id' }])).toEqual([{ label: 'Segment', message: 'no segment with this id' }]);
    } finally {
      unregister();
    }
  });

  test('when the server’s words hold ISO instants, ISO durations, ids or paths then they read as dates, words and labels', () => {
    const text = readableMessage('Event "Fair" ended at 2026-12-02T00:07:19.000Z: waits P1DT2H for body.stages.1.startAt (c6efa870-1b2c-4d5e-8f90-123456789abc)');
    expect(text).not.toMatch(ISO);
    expect(text).not.toMatch(UUID);
    expect(text).not.toMatch(/body\./);
    expect(text).toContain('1 day 2 hours');
    expect(text).toContain('“Start at”');
    expect(readableText('CALL activity c6efa870-1b2c-4d5e-8f90-123456789abc logged with outcome NO_ANSWER')).toBe('CALL activity logged with outcome NO_ANSWER');
  });

  test('when the headline only repeats the paths then it becomes an instruction; other headlines are made readable', () => {
    const one = [{ path: 'body.a' }];
    expect(headlineInWords('Invalid request body: body.stages.0.startAt', one)).toBe('One value needs a change:');
    expect(headlineInWords('Invalid request body: body.a, body.b', [{ path: 'body.a' }, { path: 'body.b' }])).toBe('Some values need a change:');
    expect(headlineInWords('Invalid ownerId: no user with this id', one)).toBe('One value needs a change:');
    expect(headlineInWords('Invalid campaign stages: body.stages.0.startAt', one, 'VALIDATION_FAILED')).toBe('One value needs a change:');
    // A conflict keeps its words (they name the other event), without its id and ISO instants.
    const conflict = headlineInWords('"Room" is booked for "Fair" (c6efa870-1b2c-4d5e-8f90-123456789abc) from 2026-12-02T09:00:00.000Z', [{ message: 'booked' }], 'CONFLICT');
    expect(conflict).toMatch(/^"Room" is booked for "Fair" from /);
    expect(conflict).not.toMatch(ISO);
    expect(headlineInWords('Stage 2 started at 2026-12-02T00:07:19.000Z', [])).not.toMatch(ISO);
  });

  test('when the console is in Russian then the known messages are in Russian', () => {
    setLanguage('ru');
    expect(readableMessage('is in the past: pick a later date')).toBe('эта дата уже прошла — выберите более позднюю');
    expect(readableMessage('Too big: expected string to have <=200 characters')).toBe('слишком длинно — сократите до 200 символов');
    expect(headlineInWords('Invalid request body: body.a', [{ path: 'body.a' }])).toBe('Одно значение нужно исправить:');
  });
});
