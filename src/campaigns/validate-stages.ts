import type { DbClient } from '../db/prisma';
import { AppError, type ErrorDetail } from '../errors/app-error';
import { templateProblems } from '../templates/render-template';
import { MAX_STAGES, nulPaths, type StageStatus } from './campaigns.schemas';
import { stageSettingsSchemas, type StageSettings, type StageType } from './stage-settings.schemas';

/** A stage as a request gives it or as it is stored. */
export interface StageToValidate {
  type: StageType;
  startAt?: Date | string | null;
  settings: unknown;
  /** Stored stages: only PENDING ones are checked for dates and references (a started stage keeps what it started with). */
  status?: StageStatus;
}

export interface ValidateStagesOptions {
  now: Date;
  /** Scheduling (or editing a scheduled campaign): the first stage must then have a date. */
  forSchedule: boolean;
  /** Where the stage list sits in the request, e.g. `body.stages`: problems are named `<prefix>.2.settings.templateKey`. */
  pathPrefix: string;
  /**
   * The positions whose date must be in the future; default: every PENDING stage. Editing one stage
   * of a scheduled campaign checks only that one, so a stage about to start does not refuse the edit.
   */
  checkDatesOf?: readonly number[];
}

export interface ValidatedStage {
  type: StageType;
  startAt: Date | null;
  /** The settings parsed by their type's schema (defaults filled). */
  settings: StageSettings<StageType>;
}

const toDate = (value: Date | string | null | undefined): Date | null => (value === null || value === undefined ? null : new Date(value));
const describeDate = (date: Date) => date.toISOString();

/**
 * Checks a campaign's stage list as a whole and against the database (templates, segments, users),
 * throwing one 400 with a detail per problem. Shared by create, PATCH, stage edits and schedule.
 * Answers the stages with their settings parsed.
 */
export async function validateCampaignStages(db: DbClient, stages: readonly StageToValidate[], options: ValidateStagesOptions): Promise<ValidatedStage[]> {
  const { now, forSchedule, pathPrefix } = options;
  const at = (...path: (string | number)[]) => [pathPrefix, ...path].join('.');
  const problems: ErrorDetail[] = [];
  if (stages.length < 1 || stages.length > MAX_STAGES) {
    throw new AppError('VALIDATION_FAILED', `A campaign has 1 to ${MAX_STAGES} stages, not ${stages.length}`, [
      { path: pathPrefix, message: `must hold 1 to ${MAX_STAGES} stages` },
    ]);
  }
  const isPending = (stage: StageToValidate) => (stage.status ?? 'PENDING') === 'PENDING';
  const checkDate = (index: number) => (options.checkDatesOf ? options.checkDatesOf.includes(index) : isPending(stages[index]));

  const parsed: ValidatedStage[] = stages.map((stage, index) => {
    const startAt = toDate(stage.startAt);
    const result = stageSettingsSchemas[stage.type].safeParse(stage.settings);
    // PostgreSQL's jsonb refuses the NUL character: a bad request, not a failed write.
    for (const path of nulPaths(stage.settings)) problems.push({ path: at(index, 'settings', ...path), message: 'must not contain the NUL character' });
    if (!result.success) {
      for (const issue of result.error.issues) {
        if (issue.code === 'unrecognized_keys') for (const key of issue.keys) problems.push({ path: at(index, 'settings', ...issue.path.map(String), key), message: 'Unknown field' });
        else problems.push({ path: at(index, 'settings', ...issue.path.map(String)), message: issue.message });
      }
    }
    return { type: stage.type, startAt, settings: (result.success ? result.data : stage.settings) as StageSettings<StageType> };
  });

  // Dates: in the future, and never before an earlier stage's date.
  let latest: { date: Date; index: number } | undefined;
  parsed.forEach((stage, index) => {
    if (!stage.startAt) return;
    if (Number.isNaN(stage.startAt.getTime())) {
      problems.push({ path: at(index, 'startAt'), message: 'not a date' });
      return;
    }
    if (checkDate(index) && stage.startAt.getTime() < now.getTime()) {
      problems.push({ path: at(index, 'startAt'), message: `${describeDate(stage.startAt)} is in the past (now is ${describeDate(now)})` });
    } else if (latest && stage.startAt.getTime() < latest.date.getTime()) {
      // Named at the date being changed: the later stage's, unless only the earlier one is being edited.
      const blameEarlier = options.checkDatesOf?.includes(latest.index) && !options.checkDatesOf.includes(index);
      problems.push(
        blameEarlier
          ? {
              path: at(latest.index, 'startAt'),
              message: `${describeDate(latest.date)} is after the date of a later stage (${at(index, 'startAt')}: ${describeDate(stage.startAt)}): stages run in order`,
            }
          : {
              path: at(index, 'startAt'),
              message: `${describeDate(stage.startAt)} is before the date of an earlier stage (${at(latest.index, 'startAt')}: ${describeDate(latest.date)}): stages run in order`,
            },
      );
    }
    if (!latest || stage.startAt.getTime() > latest.date.getTime()) latest = { date: stage.startAt, index };
  });
  if (forSchedule && isPending(stages[0]) && !parsed[0].startAt) {
    problems.push({ path: at(0, 'startAt'), message: 'the first stage needs a date to be scheduled' });
  }

  // Order: a mailing or call tasks work on the list a LIST stage froze before them.
  let listSeen = false;
  parsed.forEach((stage, index) => {
    if (stage.type === 'LIST') listSeen = true;
    else if ((stage.type === 'MAILING' || stage.type === 'CALL_TASKS') && !listSeen) {
      problems.push({ path: at(index, 'type'), message: `${stage.type} needs a LIST stage before it` });
    }
  });

  // References, looked up together: templates, segments, users (PENDING stages only).
  const templateKeys = new Set<string>();
  const segmentIds = new Set<string>();
  const userIds = new Set<string>();
  const ids = (value: unknown) => (Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : []);
  parsed.forEach((stage, index) => {
    if (!isPending(stages[index])) return;
    const settings = stage.settings as Record<string, unknown> | null;
    if (!settings || typeof settings !== 'object') return;
    if (stage.type === 'MAILING' && typeof settings.templateKey === 'string') templateKeys.add(settings.templateKey);
    if (stage.type === 'LIST' && typeof settings.segmentId === 'string') segmentIds.add(settings.segmentId);
    if (stage.type === 'APPROVAL') for (const id of [...ids(settings.approverIds), ...ids(settings.escalateToIds)]) userIds.add(id);
  });
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const [templates, segments, users] = await Promise.all([
    templateKeys.size ? db.emailTemplate.findMany({ where: { key: { in: [...templateKeys] } }, select: { key: true, subject: true, text: true, html: true } }) : [],
    segmentIds.size ? db.segment.findMany({ where: { id: { in: [...segmentIds].filter((id) => uuid.test(id)) } }, select: { id: true } }) : [],
    userIds.size ? db.user.findMany({ where: { id: { in: [...userIds].filter((id) => uuid.test(id)) } }, select: { id: true, deactivatedAt: true } }) : [],
  ]);
  const templateByKey = new Map(templates.map((template) => [template.key, template]));
  const segmentSet = new Set(segments.map((segment) => segment.id));
  const userSet = new Set(users.map((user) => user.id));
  const deactivated = new Set(users.filter((user) => user.deactivatedAt).map((user) => user.id));

  parsed.forEach((stage, index) => {
    if (!isPending(stages[index])) return;
    const settings = stage.settings as Record<string, unknown> | null;
    if (!settings || typeof settings !== 'object') return;
    if (stage.type === 'MAILING' && typeof settings.templateKey === 'string') {
      const template = templateByKey.get(settings.templateKey);
      if (!template) problems.push({ path: at(index, 'settings', 'templateKey'), message: `no template with the key ${settings.templateKey}` });
      else {
        const unknown = [...new Set([template.subject, template.text, template.html ?? ''].flatMap(templateProblems))];
        for (const message of unknown) problems.push({ path: at(index, 'settings', 'templateKey'), message: `template ${template.key}: ${message}` });
      }
    }
    if (stage.type === 'LIST' && typeof settings.segmentId === 'string' && !segmentSet.has(settings.segmentId)) {
      problems.push({ path: at(index, 'settings', 'segmentId'), message: `no segment ${settings.segmentId}` });
    }
    if (stage.type === 'APPROVAL') {
      for (const field of ['approverIds', 'escalateToIds'] as const) {
        const list = settings[field];
        if (!Array.isArray(list)) continue;
        list.forEach((id, position) => {
          if (typeof id === 'string' && !userSet.has(id)) problems.push({ path: at(index, 'settings', field, position), message: `${id} is not a user` });
          else if (typeof id === 'string' && deactivated.has(id)) problems.push({ path: at(index, 'settings', field, position), message: `user ${id} is deactivated` });
        });
      }
    }
  });

  if (problems.length) {
    const unique = problems.filter((problem, index) => problems.findIndex((other) => other.path === problem.path && other.message === problem.message) === index);
    throw new AppError('VALIDATION_FAILED', `Invalid campaign stages: ${[...new Set(unique.map((problem) => problem.path))].join(', ')}`, unique);
  }
  return parsed;
}

/**
 * The checks of validateCampaignStages on a stored campaign's stages, for scheduling: problems are
 * named `stages.N…`. 404 when there is no such campaign. Answers the validated stages.
 */
export async function validateCampaignForSchedule(db: DbClient, campaignId: string, now: Date): Promise<ValidatedStage[]> {
  const campaign = await db.campaign.findUnique({
    where: { id: campaignId },
    select: { id: true, stages: { orderBy: { position: 'asc' }, select: { type: true, startAt: true, settings: true, status: true } } },
  });
  if (!campaign) throw new AppError('NOT_FOUND', `No campaign ${campaignId}`, [{ path: 'path.id', message: 'no such campaign' }]);
  return validateCampaignStages(db, campaign.stages, { now, forSchedule: true, pathPrefix: 'stages' });
}
