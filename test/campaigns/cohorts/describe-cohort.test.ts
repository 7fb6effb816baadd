import { cohortConditions, describeCohort } from '../../../src/campaigns/describe-cohort';
import { CohortFilter } from '../../../src/campaigns/journey.schemas';

const stageLabel = (position: number) => `stage ${position + 1}`;

describe('describeCohort', () => {
  test('when a cohort has only its cell then it reads as that cell', () => {
    expect(describeCohort(CohortFilter.parse({}), stageLabel)).toBe('Contacts in the target cell');
    expect(describeCohort(CohortFilter.parse({ cell: 'ALL' }), stageLabel)).toBe('Contacts in the target or the test cell');
  });

  test('when a cohort has every part then each reads in one clause, stages by their label and sub-sources by their name', () => {
    const cohort = CohortFilter.parse({
      cell: 'TEST',
      response: { responded: false, sourceCode: 'WEB-SPRING', window: { fromStage: 1, duration: 'P7D' } },
      accountStatus: ['CLIENT', 'MEETING_HELD', 'LOST'],
      mailing: { stage: 1, outcomes: ['bounced', 'skipped'] },
    });
    const sourceName = (code: string) => (code === 'WEB-SPRING' ? 'WEB-SPRING (“Spring web form”)' : undefined);

    expect(describeCohort(cohort, stageLabel, sourceName)).toBe(
      'Contacts in the test cell who did not respond to the campaign through WEB-SPRING (“Spring web form”) within P7D after stage 2 started, ' +
        'whose account reached CLIENT, MEETING_HELD or LOST since the contact was listed and whose message of stage 2 bounced or was skipped',
    );
    expect(cohortConditions(cohort, stageLabel, sourceName)).toEqual([
      'The contact is in the test cell of the campaign’s list',
      'The contact did not respond to the campaign through WEB-SPRING (“Spring web form”) within P7D after stage 2 started',
      'The contact’s account reached CLIENT, MEETING_HELD or LOST since the contact was listed',
      'The contact’s message of stage 2 bounced or was skipped',
    ]);
  });

  test('when a response window has no duration then it reads as since the stage started; an unnamed sub-source reads as its code', () => {
    const cohort = CohortFilter.parse({ response: { responded: true, sourceCode: 'PRESS', window: { fromStage: 0 } } });
    expect(cohortConditions(cohort, stageLabel)[1]).toBe('The contact responded to the campaign through PRESS since stage 1 started');
    expect(describeCohort(cohort, stageLabel, () => undefined)).toBe('Contacts in the target cell who responded to the campaign through PRESS since stage 1 started');
  });
});
