import type { CohortFilter, MailingOutcome } from './journey.schemas';

// A stage's cohort in words, for the campaign page and a call task's `why`. Pure: no database.

/** Names a stage by its position (from 0), e.g. `(position) => \`stage ${position + 1}\``. */
export type StageLabel = (position: number) => string;
/** Names a sub-source by its code, e.g. `“Spring web form” (WEB-SPRING)`; the code itself when it answers undefined. */
export type SourceName = (code: string) => string | undefined;

const cells: Record<CohortFilter['cell'], string> = {
  TARGET: 'in the target cell',
  TEST: 'in the test cell',
  ALL: 'in the target or the test cell',
};

const outcomeWords: Record<MailingOutcome, string> = { sent: 'was sent', failed: 'failed', bounced: 'bounced', skipped: 'was skipped' };

interface CohortWords {
  cell: string;
  /** e.g. `did not respond to the campaign through WEB-SPRING since stage 2 started` */
  response?: string;
  /** e.g. `reached CLIENT or LOST since the contact was listed` */
  account?: string;
  /** e.g. `of stage 2 bounced or failed` */
  message?: string;
}

function wordsOf(cohort: CohortFilter, stageLabel: StageLabel, sourceName?: SourceName): CohortWords {
  const words: CohortWords = { cell: cells[cohort.cell ?? 'TARGET'] };
  if (cohort.response) {
    const { responded, sourceCode, window } = cohort.response;
    const through = sourceCode ? ` through ${sourceName?.(sourceCode) ?? sourceCode}` : '';
    const when = !window ? '' : window.duration ? ` within ${window.duration} after ${stageLabel(window.fromStage)} started` : ` since ${stageLabel(window.fromStage)} started`;
    words.response = `${responded ? 'responded' : 'did not respond'} to the campaign${through}${when}`;
  }
  if (cohort.accountStatus) words.account = `reached ${orList(cohort.accountStatus)} since the contact was listed`;
  if (cohort.mailing) words.message = `of ${stageLabel(cohort.mailing.stage)} ${orList(cohort.mailing.outcomes.map((outcome) => outcomeWords[outcome]))}`;
  return words;
}

/**
 * One sentence per part of the cohort, in the order of the filter: the `why.conditions` of a call
 * task, e.g. `The contact responded to the campaign through WEB-SPRING since stage 2 started`.
 */
export function cohortConditions(cohort: CohortFilter, stageLabel: StageLabel, sourceName?: SourceName): string[] {
  const words = wordsOf(cohort, stageLabel, sourceName);
  return [
    `The contact is ${words.cell} of the campaign’s list`,
    ...(words.response ? [`The contact ${words.response}`] : []),
    ...(words.account ? [`The contact’s account ${words.account}`] : []),
    ...(words.message ? [`The contact’s message ${words.message}`] : []),
  ];
}

/**
 * The cohort as one phrase, for the campaign page next to its stage, e.g. `Contacts in the target
 * cell who did not respond to the campaign since stage 2 started and whose message of stage 2 bounced`.
 */
export function describeCohort(cohort: CohortFilter, stageLabel: StageLabel, sourceName?: SourceName): string {
  const words = wordsOf(cohort, stageLabel, sourceName);
  const clauses = [
    ...(words.response ? [`who ${words.response}`] : []),
    ...(words.account ? [`whose account ${words.account}`] : []),
    ...(words.message ? [`whose message ${words.message}`] : []),
  ];
  return `Contacts ${words.cell}${clauses.length ? ` ${andList(clauses)}` : ''}`;
}

function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function andList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
