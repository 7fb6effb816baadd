import { z } from 'zod';
import { cancelCampaign, completeCampaign, decideApproval, editCampaignStage, pauseCampaign, resumeCampaign, scheduleCampaign, stopCampaign } from '../../campaigns/campaign-commands';
import { CompleteCampaignRequest, StopCampaignRequest } from '../../campaigns/journey.schemas';
import { CampaignIdParams, CampaignStageParams, EditStageRequest } from '../../campaigns/campaigns.schemas';
import { CampaignView } from '../../campaigns/campaign-views.schemas';
import { defineRoute } from '../route';

const marketers = ['marketer', 'admin'] as const;
const Reason = z.string().trim().min(1).max(500);
const CancelRequest = z.strictObject({ reason: Reason.meta({ description: 'Why the campaign stops; kept in its history' }) }).meta({ id: 'CancelCampaignRequest' });
const ApproveRequest = z.strictObject({ comment: Reason.optional() }).meta({ id: 'ApproveStageRequest' });
const RejectRequest = z.strictObject({ reason: Reason.meta({ description: 'Ends the campaign; shown as its end reason' }) }).meta({ id: 'RejectStageRequest' });
const theCampaign = { status: 200, description: 'The campaign after the change', schema: CampaignView } as const;

/** What talks to a campaign's workflow: it runs the stages, so it takes every change of a scheduled campaign. */
export const campaignCommandRoutes = [
  defineRoute({
    method: 'post', path: '/campaigns/:id/schedule', tag: 'Campaigns', roles: marketers,
    summary: 'Validate a draft and start its workflow: each stage runs on its date and condition, or right after the previous one; an evergreen campaign enrolls on its schedule, one without stages collects responses until completed',
    params: CampaignIdParams,
    response: theCampaign,
    errors: [404, 409, 503],
    handler: ({ params, context, deps }) => scheduleCampaign(context, params.id, deps.campaignLimits),
  }),
  defineRoute({
    method: 'post', path: '/campaigns/:id/pause', tag: 'Campaigns', roles: marketers,
    summary: 'Pause: no stage starts and mailings stop after the batch in progress, until resumed',
    params: CampaignIdParams,
    response: theCampaign,
    errors: [404, 409, 503],
    handler: ({ params, context }) => pauseCampaign(context, params.id),
  }),
  defineRoute({
    method: 'post', path: '/campaigns/:id/resume', tag: 'Campaigns', roles: marketers,
    summary: 'Resume a paused campaign: a stage whose date passed meanwhile starts at once',
    params: CampaignIdParams,
    response: theCampaign,
    errors: [404, 409, 503],
    handler: ({ params, context }) => resumeCampaign(context, params.id),
  }),
  defineRoute({
    method: 'post', path: '/campaigns/:id/cancel', tag: 'Campaigns', roles: marketers,
    summary: 'Cancel: stages that have not ended are cancelled, unsent mails are never sent',
    params: CampaignIdParams,
    body: CancelRequest,
    response: theCampaign,
    errors: [404, 409, 503],
    handler: ({ params, body, context }) => cancelCampaign(context, params.id, body.reason),
  }),
  defineRoute({
    method: 'post', path: '/campaigns/:id/stop', tag: 'Campaigns', roles: marketers,
    summary: 'Stop an evergreen campaign’s enrollments: enrolled cohorts finish (then it completes) or are cancelled with it',
    params: CampaignIdParams,
    body: StopCampaignRequest,
    response: theCampaign,
    errors: [404, 409, 503],
    handler: ({ params, body, context }) => stopCampaign(context, params.id, body),
  }),
  defineRoute({
    method: 'post', path: '/campaigns/:id/complete', tag: 'Campaigns', roles: marketers,
    summary: 'End a scheduled, running or paused campaign as completed (stages not started are cancelled); refused while a stage runs',
    params: CampaignIdParams,
    body: CompleteCampaignRequest,
    response: theCampaign,
    errors: [404, 409, 503],
    handler: ({ params, body, context }) => completeCampaign(context, params.id, body),
  }),
  defineRoute({
    method: 'patch', path: '/campaigns/:id/stages/:stageId', tag: 'Campaigns', roles: marketers,
    summary: 'Reschedule or change a stage that has not started; a running stage keeps the settings it started with',
    params: CampaignStageParams,
    body: EditStageRequest,
    response: theCampaign,
    errors: [404, 409, 503],
    handler: ({ params, body, context, deps }) => editCampaignStage(context, params.id, params.stageId, body, deps.campaignLimits),
  }),
  defineRoute({
    method: 'post', path: '/campaigns/:id/stages/:stageId/approve', tag: 'Campaigns', roles: 'any',
    summary: 'Approve an APPROVAL stage that waits for you (one of its approvers); an admin who is not one approves it outright on behalf of the approvers, who are told',
    params: CampaignStageParams,
    body: ApproveRequest,
    response: theCampaign,
    errors: [404, 409, 503],
    handler: ({ params, body, context }) => decideApproval(context, params.id, params.stageId, 'APPROVED', body.comment),
  }),
  defineRoute({
    method: 'post', path: '/campaigns/:id/stages/:stageId/reject', tag: 'Campaigns', roles: 'any',
    summary: 'Reject an APPROVAL stage that waits for you: the campaign ends with your reason (an admin who is not an approver rejects on behalf of the approvers, who are told)',
    params: CampaignStageParams,
    body: RejectRequest,
    response: theCampaign,
    errors: [404, 409, 503],
    handler: ({ params, body, context }) => decideApproval(context, params.id, params.stageId, 'REJECTED', body.reason),
  }),
];
