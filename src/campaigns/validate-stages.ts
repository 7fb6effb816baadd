import type { DbClient } from '../db/prisma';
import { AppError, type ErrorDetail } from '../errors/app-error';
import { templateProblems } from '../templates/render-template';
import { MAX_STAGES, nulPaths, type StageStatus } from './campaigns.schemas';
import { DEFAULT_CAMPAIGN_LIMITS, type CampaignLimits } from './campaign-limits';
import { CohortFilter, EvergreenSettings, StartCondition } from './journey.schemas';
import { journeyProblems } from './journey-problems';
import { stageSettingsSchemas, type StageSettings, type StageType } from './stage-settings.schemas';
import { DEFAULT_MAIL_ATTACHMENTS_MAX_BYTES, stageCollateralProblems } from '../collateral-kits/stage-collateral-problems';

/** A stage as a request gives it or as it is stored. */
export interface StageToValidate {
  type: StageType;
  startAt?: Date | string | null;
  /** StartCondition; null or absent: right after the previous stage. */
  startWhen?: unknown;
  /** CohortFilter; null or absent: the list's target cell. */
  cohort?: unknown;
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
  /** The campaign's sub-source codes (the request's on create, the stored ones otherwise): what conditions and cohorts may quote. */
  sourceCodes?: readonly string[];
  /** Where the sub-sources sit (`body.sources`, `sources`): a campaign without stages needs one to be scheduled. */
  sourcesPath?: string;
  /**
   * The campaign's evergreen settings (absent or null: a campaign with an end) and where they sit in the
   * request; `stored`: as written earlier, when their interval was checked against the limit of the time.
   */
  evergreen?: { settings: unknown; path: string; stored?: boolean } | null;
  limits?: CampaignLimits;
}

export interface ValidatedStage {
  type: StageType;
  startAt: Date | null;
  /** The settings parsed by their type's schema (defaults filled). */
  settings: StageSettings<StageType>;
  startWhen: StartCondition | null;
  cohort: CohortFilter | null;
}

const toDate = (value: Date | string | null | undefined): Date | null => (value === null || value === undefined ? null : new Date(value));
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A schema's issues as problems named under `path`. */
function schemaProblems(issues: readonly { code: string; path: PropertyKey[]; message: string; keys?: string[] }[], at: (...path: (string | number)[]) => string): ErrorDetail[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys' && issue.keys
      ? issue.keys.map((key) => ({ path: at(...issue.path.map(String), key), message: 'Unknown field' }))
      : [{ path: at(...issue.path.map(String)), message: issue.message }],
  );
}

/**
 * Checks a campaign's stage list as a whole and against the database (templates, segments, users),
 * with its start conditions, cohorts and evergreen settings, throwing one 400 with a detail per
 * problem. Shared by create, PATCH, stage edits and schedule. Answers the stages parsed.
 */
export async function validateCampaignStages(db: DbClient, stages: readonly StageToValidate[], options: ValidateStagesOptions): Promise<ValidatedStage[]> {
  const { now, forSchedule, pathPrefix } = options;
  const at = (...path: (string | number)[]) => [pathPrefix, ...path].join('.');
  const problems: ErrorDetail[] = [];
  if (stages.length > MAX_STAGES) {
    throw new AppError('VALIDATION_FAILED', `A campaign has 0 to ${MAX_STAGES} stages, not ${stages.length}`, [
      { path: pathPrefix, message: `must hold at most ${MAX_STAGES} stages` },
    ]);
  }
  const isPending = (stage: StageToValidate) => (stage.status ?? 'PENDING') === 'PENDING';
  const checkDate = (index: number) => (options.checkDatesOf ? options.checkDatesOf.includes(index) : isPending(stages[index]));

  const parsed: ValidatedStage[] = stages.map((stage, index) => {
    const startAt = toDate(stage.startAt);
    const result = stageSettingsSchemas[stage.type].safeParse(stage.settings);
    // PostgreSQL's jsonb refuses the NUL character: a bad request, not a failed write.
    for (const path of nulPaths(stage.settings)) problems.push({ path: at(index, 'settings', ...path), message: 'must not contain the NUL character' });
    if (!result.success) problems.push(...schemaProblems(result.error.issues, (...path) => at(index, 'settings', ...path)));
    const startWhen = stage.startWhen === null || stage.startWhen === undefined ? null : StartCondition.safeParse(stage.startWhen);
    if (startWhen && !startWhen.success) problems.push(...schemaProblems(startWhen.error.issues, (...path) => at(index, 'startWhen', ...path)));
    const cohort = stage.cohort === null || stage.cohort === undefined ? null : CohortFilter.safeParse(stage.cohort);
    if (cohort && !cohort.success) problems.push(...schemaProblems(cohort.error.issues, (...path) => at(index, 'cohort', ...path)));
    return {
      type: stage.type,
      startAt,
      settings: (result.success ? result.data : stage.settings) as StageSettings<StageType>,
      startWhen: startWhen?.success ? startWhen.data : null,
      cohort: cohort?.success ? cohort.data : null,
    };
  });

  let evergreen: EvergreenSettings | null = null;
  const evergreenAt = (...path: (string | number)[]) => [options.evergreen?.path ?? 'evergreen', ...path].join('.');
  if (options.evergreen && options.evergreen.settings !== null && options.evergreen.settings !== undefined) {
    const result = EvergreenSettings.safeParse(options.evergreen.settings);
    if (result.success) evergreen = result.data;
    else problems.push(...schemaProblems(result.error.issues, evergreenAt));
  }
  const isEvergreen = evergreen !== null || (options.evergreen?.settings ?? null) !== null;

  // Conditions and cohorts: what they refer to, and whether they can ever hold.
  problems.push(
    ...journeyProblems(parsed, {
      at,
      evergreen: isEvergreen,
      sourceCodes: options.sourceCodes ?? [],
      evergreenAt,
      evergreenEvery: evergreen && 'every' in evergreen.schedule && !options.evergreen?.stored ? evergreen.schedule.every : null,
      limits: options.limits ?? DEFAULT_CAMPAIGN_LIMITS,
      pathPrefix,
    }),
  );

  if (!isEvergreen) {
    // Dates: in the future, and never before the date of a stage the stage waits for.
    problems.push(...dateProblems(parsed, { at, now, checkDate, checkDatesOf: options.checkDatesOf }));
    const first = parsed[0];
    if (forSchedule && first && isPending(stages[0]) && !first.startAt && first.startWhen?.kind !== 'responses') {
      problems.push({ path: at(0, 'startAt'), message: 'the first stage needs a date to be scheduled (or a condition on responses)' });
    }
    // Order: a mailing or call tasks work on the list a LIST stage froze before them (a cohort is drawn from that list too).
    let listSeen = false;
    parsed.forEach((stage, index) => {
      if (stage.type === 'LIST') listSeen = true;
      else if ((stage.type === 'MAILING' || stage.type === 'CALL_TASKS') && !listSeen) {
        problems.push({ path: at(index, 'type'), message: `${stage.type} needs a LIST stage before it` });
      }
    });
    if (forSchedule && stages.length === 0 && (options.sourceCodes ?? []).length === 0) {
      const sourcesPath = options.sourcesPath ?? 'sources';
      problems.push({ path: sourcesPath, message: 'a campaign without stages only collects responses and costs: it needs at least one sub-source to be scheduled' });
    }
  }

  problems.push(...(await referenceProblems(db, parsed, { at, isPending: (index) => isPending(stages[index]), evergreen, evergreenAt })));
  // Collateral attached to mailings and call tasks: APPROVED items, ACTIVE kits, files under the size limit.
  const maxAttachmentBytes = options.limits?.mailAttachmentsMaxBytes ?? DEFAULT_MAIL_ATTACHMENTS_MAX_BYTES;
  problems.push(...(await stageCollateralProblems(db, parsed, { at, isPending: (index) => isPending(stages[index]), maxAttachmentBytes })));

  if (problems.length) {
    const unique = problems.filter((problem, index) => problems.findIndex((other) => other.path === problem.path && other.message === problem.message) === index);
    throw new AppError('VALIDATION_FAILED', `Invalid campaign stages: ${[...new Set(unique.map((problem) => problem.path))].join(', ')}`, unique);
  }
  return parsed;
}

/** The positions a stage waits for: its condition's stage, else the previous stage (none for `responses` or the first stage). */
export function waitedFor(stage: Pick<ValidatedStage, 'startWhen'>, index: number): number | null {
  const condition = stage.startWhen;
  if (!condition) return index > 0 ? index - 1 : null;
  return condition.kind === 'responses' ? null : condition.stage;
}

/**
 * A date in the past, or before the latest date among the stages the stage waits for (directly or
 * through them): it could never start on it. Stages on other branches may have any dates.
 */
function dateProblems(
  parsed: readonly ValidatedStage[],
  { at, now, checkDate, checkDatesOf }: { at: (...path: (string | number)[]) => string; now: Date; checkDate: (index: number) => boolean; checkDatesOf?: readonly number[] },
): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  // The latest date up a stage's chain of waits, and the stage that carries it.
  const latestUpTo: ({ date: Date; index: number } | undefined)[] = [];
  parsed.forEach((stage, index) => {
    const waited = waitedFor(stage, index);
    const inherited = waited !== null && waited >= 0 && waited < index ? latestUpTo[waited] : undefined;
    let latest = inherited;
    const date = stage.startAt;
    if (date && Number.isNaN(date.getTime())) problems.push({ path: at(index, 'startAt'), message: 'not a date' });
    else if (date) {
      if (checkDate(index) && date.getTime() < now.getTime()) {
        problems.push({ path: at(index, 'startAt'), message: 'is in the past: pick a later date' });
      } else if (inherited && date.getTime() < inherited.date.getTime()) {
        // Named at the date being changed: the later stage's, unless only the earlier one is being edited.
        const blameEarlier = checkDatesOf?.includes(inherited.index) && !checkDatesOf.includes(index);
        problems.push(
          blameEarlier
            ? {
                path: at(inherited.index, 'startAt'),
                message: `is after the date of stage ${index + 1}, which waits for it: pick an earlier date`,
              }
            : {
                path: at(index, 'startAt'),
                message: `is before the date of stage ${inherited.index + 1}, which this stage waits for: pick a later date`,
              },
        );
      }
      if (!latest || date.getTime() > latest.date.getTime()) latest = { date, index };
    }
    latestUpTo.push(latest);
  });
  return problems;
}

/** Templates, segments and users the PENDING stages (and the evergreen settings) name, looked up together. */
async function referenceProblems(
  db: DbClient,
  parsed: readonly ValidatedStage[],
  { at, isPending, evergreen, evergreenAt }: { at: (...path: (string | number)[]) => string; isPending: (index: number) => boolean; evergreen: EvergreenSettings | null; evergreenAt: (...path: (string | number)[]) => string },
): Promise<ErrorDetail[]> {
  const problems: ErrorDetail[] = [];
  const templateKeys = new Set<string>();
  const segmentIds = new Set<string>();
  const userIds = new Set<string>();
  const eventIds = new Set<string>();
  const ids = (value: unknown) => (Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : []);
  const settingsOf = (index: number) => {
    const settings = parsed[index].settings as Record<string, unknown> | null;
    return isPending(index) && settings && typeof settings === 'object' ? settings : null;
  };
  parsed.forEach((stage, index) => {
    const settings = settingsOf(index);
    if (!settings) return;
    if (stage.type === 'MAILING' && typeof settings.templateKey === 'string') templateKeys.add(settings.templateKey);
    if (stage.type === 'MAILING' && typeof settings.eventId === 'string') eventIds.add(settings.eventId);
    if (stage.type === 'LIST' && typeof settings.segmentId === 'string') segmentIds.add(settings.segmentId);
    if (stage.type === 'APPROVAL') for (const id of [...ids(settings.approverIds), ...ids(settings.escalateToIds)]) userIds.add(id);
  });
  if (evergreen) segmentIds.add(evergreen.segmentId);
  const [templates, segments, users, events] = await Promise.all([
    templateKeys.size ? db.emailTemplate.findMany({ where: { key: { in: [...templateKeys] } }, select: { key: true, subject: true, text: true, html: true } }) : [],
    segmentIds.size ? db.segment.findMany({ where: { id: { in: [...segmentIds].filter((id) => uuid.test(id)) } }, select: { id: true } }) : [],
    userIds.size ? db.user.findMany({ where: { id: { in: [...userIds].filter((id) => uuid.test(id)) } }, select: { id: true, deactivatedAt: true } }) : [],
    eventIds.size ? db.event.findMany({ where: { id: { in: [...eventIds].filter((id) => uuid.test(id)) } }, select: { id: true } }) : [],
  ]);
  const eventSet = new Set(events.map((event) => event.id));
  const templateByKey = new Map(templates.map((template) => [template.key, template]));
  const segmentSet = new Set(segments.map((segment) => segment.id));
  const userSet = new Set(users.map((user) => user.id));
  const deactivated = new Set(users.filter((user) => user.deactivatedAt).map((user) => user.id));

  parsed.forEach((stage, index) => {
    const settings = settingsOf(index);
    if (!settings) return;
    if (stage.type === 'MAILING' && typeof settings.templateKey === 'string') {
      const template = templateByKey.get(settings.templateKey);
      if (!template) problems.push({ path: at(index, 'settings', 'templateKey'), message: `no template with the key ${settings.templateKey}` });
      else {
        const unknown = [...new Set([template.subject, template.text, template.html ?? ''].flatMap(templateProblems))];
        for (const message of unknown) problems.push({ path: at(index, 'settings', 'templateKey'), message: `template ${template.key}: ${message}` });
      }
    }
    if (stage.type === 'MAILING' && typeof settings.eventId === 'string' && !eventSet.has(settings.eventId)) {
      problems.push({ path: at(index, 'settings', 'eventId'), message: `no event ${settings.eventId}` });
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
  if (evergreen && !segmentSet.has(evergreen.segmentId)) problems.push({ path: evergreenAt('segmentId'), message: `no segment ${evergreen.segmentId}` });
  return problems;
}

/**
 * The checks of validateCampaignStages on a stored campaign (its stages, sub-sources and evergreen
 * settings), for scheduling: problems are named `stages.N…`, `sources`, `evergreen.…`. 404 when there
 * is no such campaign. Answers the validated stages.
 */
export async function validateCampaignForSchedule(db: DbClient, campaignId: string, now: Date, limits?: CampaignLimits): Promise<ValidatedStage[]> {
  const campaign = await db.campaign.findUnique({
    where: { id: campaignId },
    select: {
      id: true,
      evergreen: true,
      sources: { select: { code: true } },
      stages: { orderBy: { position: 'asc' }, select: { type: true, startAt: true, startWhen: true, cohort: true, settings: true, status: true } },
    },
  });
  if (!campaign) throw new AppError('NOT_FOUND', `No campaign ${campaignId}`, [{ path: 'path.id', message: 'no such campaign' }]);
  return validateCampaignStages(db, campaign.stages, {
    now,
    forSchedule: true,
    pathPrefix: 'stages',
    sourceCodes: campaign.sources.map((source) => source.code),
    sourcesPath: 'sources',
    evergreen: campaign.evergreen === null ? null : { settings: campaign.evergreen, path: 'evergreen', stored: true },
    limits,
  });
}
