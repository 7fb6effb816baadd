import { DateTime } from 'luxon';
import { StartCondition } from '../journey.schemas';
import { parsedDuration } from '../../rules/duration.schemas';
import type { StageStatus } from '../../../workflows/campaign.messages';
import { endedWords, stageWords, type NamedStage } from './stage-words';

/** A stage, or its run for one enrollment, as a condition refers to it. */
export interface ReferencedRun extends NamedStage {
  status: StageStatus;
  completedAt: Date | null;
}

/** A PENDING run to judge: its stage's position, date and start condition. */
export interface WaitingRun {
  position: number;
  startAt: Date | null;
  /** As stored (campaign_stages.start_when): parsed here, so a row that no longer parses never starts. */
  startWhen: unknown;
}

export interface StartFacts {
  now: Date;
  /** The stage at that position (for an enrollment: that stage's run of the same enrollment). */
  at(position: number): ReferencedRun | undefined;
  /** Responses the campaign has received, through one sub-source when a code is given. */
  responses(sourceCode?: string): number;
}

export interface StartVerdict {
  startable: boolean;
  wakeAt: string | null;
  waitsFor: string | null;
  /** The condition can never hold: a stage it names ended otherwise than completed. */
  never: boolean;
  /** It waits for responses, which arrive without a time to wake up at. */
  waitsOnResponses: boolean;
}

type ConditionState = { holds: true } | { holds: false; never: true; words: string } | { holds: false; never: false; words: string; at: Date | null; onResponses?: true };

const ended = (status: StageStatus) => status !== 'PENDING' && status !== 'RUNNING';
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** Calendar arithmetic in UTC, as durations are written (P1M is a month, not 30 days). */
export const plusDuration = (from: Date, iso: string) => DateTime.fromJSDate(from, { zone: 'utc' }).plus(parsedDuration(iso)).toJSDate();

/** What a stage waits for when it names no condition: the previous stage's end (the first stage: only its date). */
export function conditionOf(run: WaitingRun): StartCondition | null | 'invalid' {
  if (run.startWhen === null || run.startWhen === undefined) return run.position > 0 ? { kind: 'stageEnded', stage: run.position - 1 } : null;
  const parsed = StartCondition.safeParse(run.startWhen);
  return parsed.success ? parsed.data : 'invalid';
}

function referenced(facts: StartFacts, position: number, whenCompleted: (stage: ReferencedRun) => ConditionState, waiting: (stage: ReferencedRun) => ConditionState): ConditionState {
  const stage = facts.at(position);
  if (!stage) return { holds: false, never: true, words: `stage ${position + 1} does not exist` };
  if (stage.status === 'COMPLETED') return whenCompleted(stage);
  if (ended(stage.status)) return { holds: false, never: true, words: `${stageWords(stage)} ${endedWords(stage.status)}` };
  return waiting(stage);
}

function conditionState(condition: StartCondition, facts: StartFacts): ConditionState {
  switch (condition.kind) {
    case 'stageEnded':
      return referenced(facts, condition.stage, () => ({ holds: true }), (stage) => ({ holds: false, never: false, words: `${stageWords(stage)} to end`, at: null }));
    case 'approved':
      return referenced(facts, condition.stage, () => ({ holds: true }), (stage) => ({ holds: false, never: false, words: `${stageWords(stage)} to be approved`, at: null }));
    case 'afterStage':
      return referenced(
        facts,
        condition.stage,
        (stage) => {
          const at = plusDuration(stage.completedAt ?? facts.now, condition.duration);
          if (at <= facts.now) return { holds: true };
          return { holds: false, never: false, words: `${condition.duration} after ${stageWords(stage)} ended (at ${(stage.completedAt ?? facts.now).toISOString()})`, at };
        },
        (stage) => ({ holds: false, never: false, words: `${condition.duration} after ${stageWords(stage)} ends`, at: null }),
      );
    case 'responses': {
      const received = facts.responses(condition.sourceCode);
      if (received >= condition.count) return { holds: true };
      const through = condition.sourceCode ? ` through ${condition.sourceCode}` : '';
      return { holds: false, never: false, words: `${plural(condition.count, 'response')}${through} (${received} so far)`, at: null, onResponses: true };
    }
  }
}

/**
 * Whether a PENDING run may start now: its date has passed and its start condition holds. When not,
 * the time it may start (when that is a time: its date, a duration after a stage's end; both must
 * hold, so the later one) and what it waits for, in words.
 */
export function judgeStart(run: WaitingRun, facts: StartFacts): StartVerdict {
  const condition = conditionOf(run);
  const state: ConditionState =
    condition === 'invalid' ? { holds: false, never: true, words: 'its start condition is not valid' } : condition ? conditionState(condition, facts) : { holds: true };
  if (!state.holds && state.never) return { startable: false, wakeAt: null, waitsFor: `never: ${state.words}`, never: true, waitsOnResponses: false };
  const dateAhead = run.startAt && run.startAt > facts.now ? run.startAt : null;
  const dateWords = dateAhead ? `its date, ${dateAhead.toISOString()}` : null;
  if (state.holds) {
    return dateAhead ? { startable: false, wakeAt: dateAhead.toISOString(), waitsFor: dateWords, never: false, waitsOnResponses: false } : { startable: true, wakeAt: null, waitsFor: null, never: false, waitsOnResponses: false };
  }
  // Both must hold: the later of two known times, or no time while the condition's is unknown.
  const wakeAt = state.at ? new Date(Math.max(state.at.getTime(), dateAhead?.getTime() ?? 0)).toISOString() : null;
  return { startable: false, wakeAt, waitsFor: [state.words, dateWords].filter(Boolean).join(' and '), never: false, waitsOnResponses: state.onResponses === true };
}

/** A run to settle after one of its enrollment's runs ended otherwise than completed. */
export interface EnrollmentRun extends ReferencedRun, WaitingRun {
  stageId: string;
}

/**
 * The PENDING runs of one enrollment that can never start, with why: those naming a run that ended
 * otherwise than completed, then those naming those, and so on (a chain of defaults included).
 * Responses never make a condition impossible, so they are not counted here.
 */
export function runsThatCanNeverStart(runs: readonly EnrollmentRun[], now: Date): { stageId: string; reason: string }[] {
  const current = new Map(runs.map((run) => [run.position, { ...run }]));
  const settled: { stageId: string; reason: string }[] = [];
  for (let changed = true; changed; ) {
    changed = false;
    const facts: StartFacts = { now, at: (position) => current.get(position), responses: () => 0 };
    for (const run of current.values()) {
      if (run.status !== 'PENDING') continue;
      const verdict = judgeStart(run, facts);
      if (!verdict.never) continue;
      run.status = 'CANCELLED';
      settled.push({ stageId: run.stageId, reason: `it could never start: ${verdict.waitsFor!.replace(/^never: /, '')}` });
      changed = true;
    }
  }
  return settled;
}
