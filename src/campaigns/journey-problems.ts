import type { ErrorDetail } from '../errors/app-error';
import { parsedDuration } from '../rules/duration.schemas';
import type { CampaignLimits } from './campaign-limits';
import type { CohortFilter, StartCondition } from './journey.schemas';
import type { StageType } from './stage-settings.schemas';

// What makes a journey unable to work, found without the database: conditions and cohorts that name a
// stage that is not earlier (or not of the right type), conditions that can never hold, and what an
// evergreen campaign's stages may be. Positions count from 0 in paths and from 1 in words.

interface JourneyStage {
  type: StageType;
  startAt: Date | null;
  startWhen: StartCondition | null;
  cohort: CohortFilter | null;
}

interface JourneyContext {
  at: (...path: (string | number)[]) => string;
  pathPrefix: string;
  evergreen: boolean;
  evergreenAt: (...path: (string | number)[]) => string;
  /** The schedule's `every`, when it is an interval. */
  evergreenEvery: string | null;
  sourceCodes: readonly string[];
  limits: CampaignLimits;
}

const EVERGREEN_TYPES: readonly StageType[] = ['MAILING', 'CALL_TASKS', 'WAIT'];
const COHORT_TYPES: readonly StageType[] = ['MAILING', 'CALL_TASKS'];

const label = (stages: readonly JourneyStage[], position: number) => `stage ${position + 1} (${stages[position].type})`;

export function journeyProblems(stages: readonly JourneyStage[], context: JourneyContext): ErrorDetail[] {
  const { at } = context;
  const problems: ErrorDetail[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const codes = new Set(context.sourceCodes.map((code) => code.toLowerCase()));
  const knownCodes = context.sourceCodes.length ? `its codes: ${context.sourceCodes.join(', ')}` : 'it has none';

  /** An earlier stage (of `type`, when given), else the problem; `what` says what the stage does with it. */
  const checkEarlier = (index: number, ref: number, path: string, what: string, type?: StageType): boolean => {
    if (ref >= stages.length) {
      add(path, `there is no stage at position ${ref}: the campaign has ${stages.length} stage${stages.length === 1 ? '' : 's'} (positions from 0)`);
      return false;
    }
    if (ref === index) {
      add(path, `stage ${index + 1} cannot ${what} itself`);
      return false;
    }
    if (ref > index) {
      add(path, `stage ${index + 1} cannot ${what} stage ${ref + 1}, which comes later`);
      return false;
    }
    if (type && stages[ref].type !== type) {
      add(path, `${label(stages, ref)} is not ${/^[AEIOU]/.test(type) ? 'an' : 'a'} ${type} stage`);
      return false;
    }
    return true;
  };
  const checkCode = (code: string | undefined, path: string) => {
    if (code !== undefined && !codes.has(code.toLowerCase())) add(path, `the campaign has no sub-source ${code} (${knownCodes})`);
  };

  stages.forEach((stage, index) => {
    const condition = stage.startWhen;
    if (condition) {
      if (condition.kind === 'stageEnded' || condition.kind === 'afterStage') checkEarlier(index, condition.stage, at(index, 'startWhen', 'stage'), 'wait for');
      if (condition.kind === 'approved') checkEarlier(index, condition.stage, at(index, 'startWhen', 'stage'), 'wait for the approval of', 'APPROVAL');
      if (context.evergreen && (condition.kind === 'responses' || condition.kind === 'approved')) {
        add(
          at(index, 'startWhen', 'kind'),
          `an evergreen campaign's stages run once per enrollment, timed from it: they can wait for a stage or a duration, not for ${condition.kind === 'responses' ? 'responses to the whole campaign' : 'an approval'}`,
        );
      } else if (condition.kind === 'responses') {
        if (context.sourceCodes.length === 0) add(at(index, 'startWhen', 'kind'), 'can never hold: every response comes through a sub-source, and the campaign has none');
        else checkCode(condition.sourceCode, at(index, 'startWhen', 'sourceCode'));
      }
    }

    const cohort = stage.cohort;
    if (cohort) {
      if (!COHORT_TYPES.includes(stage.type)) add(at(index, 'cohort'), `only MAILING and CALL_TASKS stages work on a cohort, not ${stage.type}`);
      const window = cohort.response?.window;
      if (window) checkEarlier(index, window.fromStage, at(index, 'cohort', 'response', 'window', 'fromStage'), 'count responses from');
      if (cohort.response) checkCode(cohort.response.sourceCode, at(index, 'cohort', 'response', 'sourceCode'));
      if (cohort.mailing) checkEarlier(index, cohort.mailing.stage, at(index, 'cohort', 'mailing', 'stage'), 'draw its cohort from the mailing of', 'MAILING');
    }

    if (context.evergreen) {
      if (!EVERGREEN_TYPES.includes(stage.type)) {
        const why = stage.type === 'LIST' ? 'each enrollment is its list' : 'its stages run unattended for each enrollment';
        add(at(index, 'type'), `an evergreen campaign's stages are MAILING, CALL_TASKS and WAIT, not ${stage.type}: ${why}`);
      }
      if (stage.startAt) add(at(index, 'startAt'), "an evergreen campaign's stages have no date: they run relative to each enrollment");
    }
  });

  if (context.evergreen) {
    if (stages.length === 0) add(context.pathPrefix, 'an evergreen campaign needs at least one stage (MAILING, CALL_TASKS or WAIT) to run for each enrollment');
    const every = context.evergreenEvery;
    const minimum = context.limits.evergreenMinInterval;
    if (every && parsedDuration(every).toMillis() < parsedDuration(minimum).toMillis()) {
      add(context.evergreenAt('schedule', 'every'), `${every} is shorter than the shortest interval allowed, ${minimum} (EVERGREEN_MIN_INTERVAL)`);
    }
  }
  return problems;
}
