import type { EventMeasureCounts } from '../../../src/event-measures/count-measures';
import { explainMeasure } from '../../../src/event-measures/explain-measure';
import { MeasureDefinition } from '../../../src/event-measures/measures.schemas';
import { reportMeasures, type ReportFigures } from '../../../src/event-measures/report-measures';

const figures: ReportFigures = {
  invited: 30, registered: 12, waiting: 0, cancelled: 1, attended: 3, noShows: null, newAccounts: 2, contracts: 0, revenue: 1000.5, plannedCost: 500, actualCost: 0,
};

function counts(shown: [string, object][], values: Record<string, number | null> = {}): EventMeasureCounts {
  return {
    shown: shown.map(([key, definition]) => ({ key, name: `Name of ${key}`, definition: MeasureDefinition.parse(definition) })),
    counts: new Map(Object.entries(values).map(([key, value]) => [key, { value, windowClosesAt: value === null ? null : new Date('2027-01-01T00:00:00Z') }])),
    names: new Map([['meetings', 'Meetings']]),
  };
}

const ratio = (numerator: string, denominator: string, percent = false) => ({ kind: 'ratio', numerator, denominator, percent });

test('a ratio divides report figures and counts, rounds to 4 places (a percentage to 2), and has no value over 0 or over a figure not known yet', () => {
  const measures = reportMeasures(
    counts(
      [
        ['attendance', ratio('attended', 'registered', true)],
        ['revenue-per-invite', ratio('revenue', 'invited')],
        ['meetings-per-attendee', ratio('meetings', 'attended')],
        ['per-contract', ratio('plannedCost', 'contracts')],
        ['per-no-show', ratio('attended', 'noShows')],
        ['over-nothing', ratio('meetings', 'not-counted')],
      ],
      { meetings: 2 },
    ),
    figures,
  );
  expect(measures.map(({ key, unit, value }) => [key, unit, value])).toEqual([
    ['attendance', 'percent', 25],
    ['revenue-per-invite', 'ratio', 33.35],
    ['meetings-per-attendee', 'ratio', 0.6667],
    ['per-contract', 'ratio', null],
    ['per-no-show', 'ratio', null],
    ['over-nothing', 'ratio', null],
  ]);
});

test('a count shows its value and when its window closes, in the unit it counts', () => {
  const window = { from: 'registration', days: 1 };
  const [accounts, activities, unknown] = reportMeasures(
    counts(
      [
        ['meetings', { kind: 'activities', cohort: 'attendees', window }],
        ['calls', { kind: 'activities', cohort: 'noShows', types: ['CALL'], window, count: 'activities' }],
        ['signed', { kind: 'statusReached', cohort: 'registrants', statuses: ['CLIENT'], window: { from: 'eventEnd', days: 2 } }],
      ],
      { meetings: 4, calls: 7 },
    ),
    figures,
  );
  expect(accounts).toEqual({ key: 'meetings', name: 'Name of meetings', unit: 'accounts', value: 4, windowClosesAt: '2027-01-01T00:00:00.000Z', explanation: 'Accounts of attendees with activities within 1 day after their registration' });
  expect(activities).toMatchObject({ unit: 'activities', value: 7, explanation: 'CALL activities logged on the accounts of no-shows within 1 day after their registration' });
  expect(unknown).toMatchObject({ unit: 'accounts', value: null, windowClosesAt: null, explanation: 'Accounts of registrants that reached CLIENT within 2 days after the event’s end' });
});

test('explanations list several values with "or", name measures by name and report figures in words', () => {
  const definition = MeasureDefinition.parse({
    kind: 'activities', cohort: 'registrants', types: ['CALL', 'MEETING', 'EMAIL'], outcomes: ['INTERESTED', 'MEETING_HELD'], window: { from: 'eventStart', days: 14 },
  });
  expect(explainMeasure(definition)).toBe('Accounts of registrants with CALL, MEETING or EMAIL activities with outcome INTERESTED or MEETING_HELD within 14 days after the event’s start');
  expect(explainMeasure(MeasureDefinition.parse(ratio('meetings', 'newAccounts')), new Map([['meetings', 'Meetings']]))).toBe('“Meetings” ÷ new accounts');
  expect(explainMeasure(MeasureDefinition.parse(ratio('gone', 'noShows', true)))).toBe('“gone” ÷ no-shows, as a percentage');
});
