import { z } from 'zod';
import { IsoDuration, LocalTime, TimeZone } from '../rules/duration.schemas';
import { Status } from '../rules/lifecycle';
import { TestCell } from './stage-settings.schemas';

// What makes a campaign a journey: when each stage starts, whom it works on, and the schedule of an evergreen campaign.
// Stages are named by position (from 0), so a request can refer to stages it creates; a reference must name an earlier stage.

const StagePosition = z.number().int().min(0).max(19).meta({ description: 'The position of an earlier stage of the same campaign (from 0)' });
const SourceCodeRef = z.string().trim().min(1).max(50).meta({ description: 'The code of one of the campaign’s sub-sources' });

export const StartCondition = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('stageEnded'), stage: StagePosition }).meta({ description: 'When that stage ends' }),
    z
      .strictObject({ kind: z.literal('afterStage'), stage: StagePosition, duration: IsoDuration })
      .meta({ description: 'When `duration` has passed since that stage ended' }),
    z
      .strictObject({ kind: z.literal('responses'), count: z.number().int().min(1).max(10_000_000), sourceCode: SourceCodeRef.optional() })
      .meta({ description: 'When the campaign has received `count` responses (through one sub-source, when `sourceCode` is given)' }),
    z.strictObject({ kind: z.literal('approved'), stage: StagePosition }).meta({ description: 'When that APPROVAL stage is approved' }),
  ])
  .meta({
    id: 'StageStartCondition',
    description:
      'When the stage starts, instead of right after the previous stage. With a `startAt` as well, the stage starts once both hold (not before the date).',
  });
export type StartCondition = z.output<typeof StartCondition>;

export const mailingOutcomes = ['sent', 'bounced', 'failed', 'skipped'] as const;
export type MailingOutcome = (typeof mailingOutcomes)[number];

export const CohortFilter = z
  .strictObject({
    cell: z.enum(['TARGET', 'TEST', 'ALL']).default('TARGET').meta({ description: 'Which cell of the list: the target cell (default), the test cell, or both' }),
    response: z
      .strictObject({
        responded: z.boolean().meta({ description: 'true: the contacts who responded; false: those who did not' }),
        sourceCode: SourceCodeRef.optional().meta({ description: 'Only responses through this sub-source count' }),
        window: z
          .strictObject({
            fromStage: StagePosition.meta({ description: 'Responses count from the start of this earlier stage' }),
            duration: IsoDuration.optional().meta({ description: 'and within this long after it (default: until the cohort is computed)' }),
          })
          .optional(),
      })
      .optional()
      .meta({ description: 'A contact responded when a response names them, or names their account without a contact' }),
    accountStatus: z
      .array(Status)
      .min(1)
      .max(10)
      .optional()
      .meta({ description: 'Contacts whose account reached one of these statuses since it was listed (a change to it, or its current status)' }),
    mailing: z
      .strictObject({ stage: StagePosition.meta({ description: 'An earlier MAILING stage' }), outcomes: z.array(z.enum(mailingOutcomes)).min(1) })
      .optional()
      .meta({ description: 'Contacts whose message of that mailing had one of these outcomes (bounced: refused as unknown, the address is now bounced)' }),
  })
  .meta({
    id: 'StageCohort',
    description: 'Who a MAILING or CALL_TASKS stage works on: the contacts of the campaign’s list for which every given part holds. Computed in SQL when the stage starts, then frozen with its counts.',
  });
export type CohortFilter = z.output<typeof CohortFilter>;

const IsoWeekday = z.number().int().min(1).max(7);

const DailySchedule = z
  .strictObject({
    time: LocalTime.meta({ description: 'Local time of day of each enrollment' }),
    timeZone: TimeZone,
    days: z.array(IsoWeekday).min(1).max(7).default([1, 2, 3, 4, 5, 6, 7]).meta({ description: 'ISO weekdays (1 is Monday) with an enrollment' }),
  })
  .meta({ id: 'DailyEnrollmentSchedule' });
const IntervalSchedule = z
  .strictObject({
    every: IsoDuration.meta({ description: 'An enrollment this often, from the time the campaign is scheduled (at least EVERGREEN_MIN_INTERVAL, one hour by default)' }),
  })
  .meta({ id: 'IntervalEnrollmentSchedule' });

export const EnrollmentSchedule = z.union([DailySchedule, IntervalSchedule]).meta({
  id: 'EnrollmentSchedule',
  description: 'When the segment is re-evaluated: daily at a local time (on some weekdays), or at a fixed interval',
});
export type EnrollmentSchedule = z.output<typeof EnrollmentSchedule>;

export const EvergreenSettings = z
  .strictObject({
    segmentId: z.uuid().meta({ description: 'Re-evaluated at each enrollment: its new contacts are enrolled (never twice)' }),
    schedule: EnrollmentSchedule,
    excludeContactsInRunningCampaigns: z.boolean().default(false),
    testCell: TestCell.optional(),
  })
  .meta({
    id: 'EvergreenSettings',
    description:
      'Makes the campaign continuous: on each scheduled enrollment the segment’s new contacts form a cohort that runs through the stages, timed from its enrollment. ' +
      'Its stages are MAILING, CALL_TASKS and WAIT, without dates.',
  });
export type EvergreenSettings = z.output<typeof EvergreenSettings>;

export const StopCampaignRequest = z
  .strictObject({
    enrolled: z.enum(['finish', 'cancel']).meta({ description: 'finish: enrolled cohorts run to their end, then the campaign completes; cancel: they stop now and the campaign is cancelled' }),
    reason: z.string().trim().min(1).max(500).optional(),
  })
  .meta({ id: 'StopCampaignRequest', description: 'Stops an evergreen campaign’s enrollments' });
export type StopCampaignRequest = z.output<typeof StopCampaignRequest>;

export const CompleteCampaignRequest = z
  .strictObject({ reason: z.string().trim().min(1).max(500).optional() })
  .meta({ id: 'CompleteCampaignRequest', description: 'Ends a running campaign as completed: stages that have not started are cancelled' });
export type CompleteCampaignRequest = z.output<typeof CompleteCampaignRequest>;
