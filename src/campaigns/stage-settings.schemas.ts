import { z } from 'zod';
import { IsoDuration, LocalTime } from '../rules/duration.schemas';
import { TemplateKey } from '../templates/templates.schemas';

export const TestCell = z
  .discriminatedUnion('mode', [
    z.strictObject({ mode: z.literal('random'), percent: z.number().int().min(1).max(50).meta({ description: 'Share of the list kept apart, in percent' }) }),
    z.strictObject({ mode: z.literal('everyNth'), n: z.number().int().min(2).max(1000).meta({ description: 'Every n-th contact (by contact id) is kept apart' }) }),
  ])
  .meta({ id: 'TestCell', description: 'Contacts kept apart from the mailing and call tasks, to measure lift' });
export type TestCell = z.output<typeof TestCell>;

export const ListSettings = z
  .strictObject({
    segmentId: z.uuid().meta({ description: 'The saved segment frozen into the target list at the stage’s start' }),
    excludeContactsInRunningCampaigns: z.boolean().default(false).meta({ description: 'Leave out contacts already in the list of another running campaign' }),
    testCell: TestCell.optional(),
  })
  .meta({ id: 'ListStageSettings' });
export type ListSettings = z.output<typeof ListSettings>;

export const ApprovalSettings = z
  .strictObject({
    approverIds: z.array(z.uuid()).min(1).max(20).refine((ids) => new Set(ids).size === ids.length, { error: 'must not repeat an approver' }),
    require: z.enum(['any', 'all']).default('any').meta({ description: 'One approval suffices (any) or every approver must approve (all); one rejection always ends the campaign' }),
    remindAfter: IsoDuration.optional().meta({ description: 'Remind the approvers who have not answered after this long' }),
    escalateAfter: IsoDuration.optional().meta({ description: 'Notify escalateToIds (default: the approvers’ managers) after this long' }),
    escalateToIds: z.array(z.uuid()).max(20).optional(),
  })
  .meta({ id: 'ApprovalStageSettings' });
export type ApprovalSettings = z.output<typeof ApprovalSettings>;

const IsoWeekday = z.number().int().min(1).max(7).meta({ description: 'ISO weekday: 1 is Monday, 7 is Sunday' });

export const SendWindow = z
  .strictObject({
    days: z.array(IsoWeekday).min(1).max(7).default([1, 2, 3, 4, 5]),
    start: LocalTime,
    end: LocalTime,
  })
  .refine((window) => window.start < window.end, { error: 'start must be before end', path: ['end'] })
  .meta({ id: 'SendWindow', description: 'Hours and weekdays in each contact’s own time zone (else its account’s)' });
export type SendWindow = z.output<typeof SendWindow>;

export const MailAttachment = z
  .strictObject({
    itemId: z.uuid().optional().meta({ description: 'An APPROVED collateral item' }),
    kitId: z.uuid().optional().meta({ description: 'An ACTIVE kit: each of its items, in its order' }),
    as: z.enum(['link', 'file']).default('link').meta({
      description:
        'link: a download link in the message (signed, expiring, no API key needed); file: the file attached to the message (all files of the stage together under MAIL_ATTACHMENTS_MAX_SIZE)',
    }),
  })
  .refine((attachment) => (attachment.itemId === undefined) !== (attachment.kitId === undefined), { error: 'give exactly one of itemId and kitId', path: ['itemId'] })
  .meta({ id: 'MailAttachment', description: 'Collateral sent with each message: the version current when the stage starts' });
export type MailAttachment = z.output<typeof MailAttachment>;

export const MailingSettings = z
  .strictObject({
    templateKey: TemplateKey,
    ratePerSecond: z.number().int().min(1).max(10_000).default(100).meta({ description: 'At most this many messages per second' }),
    sendWindow: SendWindow.optional(),
    eventId: z
      .uuid()
      .optional()
      .meta({
        description:
          'An event the mailing invites to: the template may use {{ event.name }}, {{ event.startsAt }}, {{ event.venue }} and {{ event.registrationUrl }} (a personal invitation link for an invitation-only event), and each recipient is recorded as invited',
      }),
    attachments: z.array(MailAttachment).max(20).optional().meta({ description: 'Collateral items or kits sent with each message, as links or attached files' }),
  })
  .meta({ id: 'MailingStageSettings' });
export type MailingSettings = z.output<typeof MailingSettings>;

export const CallTasksSettings = z
  .strictObject({
    title: z.string().trim().min(1).max(200).default('Campaign follow-up call'),
    dueAfter: IsoDuration.default('P2D').meta({ description: 'Due this long after the stage starts' }),
    callScriptItemId: z.uuid().optional().meta({ description: 'An APPROVED CALL_SCRIPT collateral item, shown with each task (the version current when the stage starts)' }),
    kitId: z.uuid().optional().meta({ description: 'An ACTIVE kit whose items are shown with each task (their versions when the stage starts)' }),
  })
  .meta({ id: 'CallTasksStageSettings' });
export type CallTasksSettings = z.output<typeof CallTasksSettings>;

export const WaitSettings = z.strictObject({ duration: IsoDuration }).meta({ id: 'WaitStageSettings' });
export type WaitSettings = z.output<typeof WaitSettings>;

export const stageSettingsSchemas = {
  LIST: ListSettings,
  APPROVAL: ApprovalSettings,
  MAILING: MailingSettings,
  CALL_TASKS: CallTasksSettings,
  WAIT: WaitSettings,
} as const;
export type StageType = keyof typeof stageSettingsSchemas;
export type StageSettings<T extends StageType> = z.output<(typeof stageSettingsSchemas)[T]>;
