import type { StageView } from '../../../../../campaigns/campaign-views.schemas';
import { fromLocalInput, toLocalInput } from '../../../date-input';
import type { StageType } from './campaign-model';
import { cohortForApi, cohortFromView, newCohort, newStart, startFromView, startWhenForApi, type CohortDraft, type PositionOf, type StartDraft } from './journey-draft';
import type { JourneyStageView } from './journey-view';
import { t } from '../../../i18n/i18n';

export interface ListDraft {
  segmentId: string;
  excludeContactsInRunningCampaigns: boolean;
  testCell: 'none' | 'random' | 'everyNth';
  percent: string;
  n: string;
}
export interface ApprovalDraft {
  approverIds: string[];
  require: 'any' | 'all';
  remindAfter: string;
  escalateAfter: string;
  escalateToIds: string[];
}
export interface MailingDraft {
  templateKey: string;
  ratePerSecond: string;
  useSendWindow: boolean;
  days: number[];
  start: string;
  end: string;
  attachments: AttachmentDraft[];
}
/** One attached item or kit: `ref` is `item:<id>`, `kit:<id>`, or '' while none is chosen. */
export interface AttachmentDraft {
  ref: string;
  as: 'link' | 'file';
}
export interface CallTasksDraft {
  title: string;
  dueAfter: string;
  callScriptItemId: string;
  kitId: string;
}
export interface WaitDraft {
  duration: string;
}
export interface SettingsDrafts {
  LIST: ListDraft;
  APPROVAL: ApprovalDraft;
  MAILING: MailingDraft;
  CALL_TASKS: CallTasksDraft;
  WAIT: WaitDraft;
}

/** A stage as the builder edits it: typed text, turned into the API's stage on save. */
export type StageDraft = {
  [T in StageType]: {
    uid: number;
    type: T;
    name: string;
    /** A `datetime-local` value (the browser's time zone): the date of a stage starting on one, or the "not before" of a condition; '' for none. */
    startAt: string;
    start: StartDraft;
    /** Used by MAILING and CALL_TASKS only. */
    cohort: CohortDraft;
    settings: SettingsDrafts[T];
  };
}[StageType];

let nextUid = 1;

export function newSettings<T extends StageType>(type: T, defaults: { segmentId?: string } = {}): SettingsDrafts[T] {
  const drafts: SettingsDrafts = {
    LIST: { segmentId: defaults.segmentId ?? '', excludeContactsInRunningCampaigns: false, testCell: 'none', percent: '10', n: '10' },
    APPROVAL: { approverIds: [], require: 'any', remindAfter: '', escalateAfter: '', escalateToIds: [] },
    MAILING: { templateKey: '', ratePerSecond: '100', useSendWindow: false, days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00', attachments: [] },
    CALL_TASKS: { title: t('Campaign follow-up call'), dueAfter: 'P2D', callScriptItemId: '', kitId: '' },
    WAIT: { duration: 'P1D' },
  };
  return drafts[type];
}

export const newStage = (type: StageType, defaults: { segmentId?: string } = {}): StageDraft =>
  ({ uid: nextUid++, type, name: '', startAt: '', start: newStart(), cohort: newCohort(), settings: newSettings(type, defaults) }) as StageDraft;

/** The types that take a cohort. */
export const hasCohort = (type: StageType) => type === 'MAILING' || type === 'CALL_TASKS';

/** A stage's start as the builder's `datetime-local` value (with seconds: its inputs have `step={1}`). */
export const startAtInput = (iso: string | Date | null | undefined) => toLocalInput(iso, { seconds: true });

/** A stage's start for the API: empty is null, "right after the previous stage". */
export const startAtForApi = (value: string): string | null => (value.trim() === '' ? null : fromLocalInput(value));

// A number field left empty takes the API's default; anything else that is not a number goes as
// typed so the API's message names the field.
const numberOrText = (text: string): number | string | undefined => (text.trim() === '' ? undefined : /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text);
const optionalText = (text: string) => (text.trim() === '' ? undefined : text.trim());

/** A segment with its test cell, as a LIST stage or an evergreen campaign takes it. */
export function listSettingsForApi({ segmentId, excludeContactsInRunningCampaigns, testCell, percent, n }: ListDraft) {
  const cell = testCell === 'random' ? { mode: 'random', percent: numberOrText(percent) } : testCell === 'everyNth' ? { mode: 'everyNth', n: numberOrText(n) } : undefined;
  return { segmentId, excludeContactsInRunningCampaigns, ...(cell ? { testCell: cell } : {}) };
}

// An attachment without a choice goes without either id, so the API names the row.
const attachmentForApi = ({ ref, as }: AttachmentDraft) =>
  ref.startsWith('item:') ? { itemId: ref.slice(5), as } : ref.startsWith('kit:') ? { kitId: ref.slice(4), as } : { as };

function attachmentsFromSettings(value: unknown): AttachmentDraft[] {
  if (!Array.isArray(value)) return [];
  return (value as { itemId?: string; kitId?: string; as?: string }[]).map((attachment) => ({
    ref: attachment.itemId ? `item:${attachment.itemId}` : attachment.kitId ? `kit:${attachment.kitId}` : '',
    as: attachment.as === 'file' ? 'file' : 'link',
  }));
}

function settingsForApi(stage: StageDraft): Record<string, unknown> {
  switch (stage.type) {
    case 'LIST':
      return listSettingsForApi(stage.settings);
    case 'APPROVAL': {
      const { approverIds, require, remindAfter, escalateAfter, escalateToIds } = stage.settings;
      return { approverIds, require, remindAfter: optionalText(remindAfter), escalateAfter: optionalText(escalateAfter), escalateToIds: escalateToIds.length ? escalateToIds : undefined };
    }
    case 'MAILING': {
      const { templateKey, ratePerSecond, useSendWindow, days, start, end, attachments } = stage.settings;
      return {
        templateKey,
        ratePerSecond: numberOrText(ratePerSecond),
        sendWindow: useSendWindow ? { days: [...days].sort((a, b) => a - b), start, end } : undefined,
        attachments: attachments.length ? attachments.map(attachmentForApi) : undefined,
      };
    }
    case 'CALL_TASKS': {
      const { title, dueAfter, callScriptItemId, kitId } = stage.settings;
      return { title, dueAfter, callScriptItemId: optionalText(callScriptItemId), kitId: optionalText(kitId) };
    }
    case 'WAIT':
      return { duration: stage.settings.duration };
  }
}

/**
 * The stage as POST/PATCH /campaigns take it. "After the previous stage" sends no date; an evergreen
 * campaign's stages have none at all (they are timed from each enrollment).
 */
export function stageForApi(stage: StageDraft, positionOf: PositionOf, evergreen = false) {
  // The first stage has no previous one: "after the previous stage" is shown there as its date.
  const dated = !evergreen && (stage.start.kind !== 'previous' || positionOf(stage.uid) === 0);
  return {
    type: stage.type,
    name: optionalText(stage.name),
    startAt: dated ? startAtForApi(stage.startAt) : null,
    startWhen: startWhenForApi(stage.start, positionOf),
    cohort: hasCohort(stage.type) ? cohortForApi(stage.cohort, positionOf) : undefined,
    settings: settingsForApi(stage),
  };
}

/** Stored stages back into the builder, their references to each other turned into draft uids. */
export function stagesFromView(views: readonly JourneyStageView[]): StageDraft[] {
  const drafts = views.map(stageFromView);
  const uidAt = (position: number | undefined) => (position === undefined ? null : (drafts[position]?.uid ?? null));
  return drafts.map((draft, index) => ({
    ...draft,
    start: startFromView(views[index]!.startWhen, views[index]!.startAt, uidAt),
    cohort: cohortFromView(views[index]!.cohort, uidAt),
  }));
}

const text = (value: unknown, fallback = '') => (value === undefined || value === null ? fallback : String(value));
const ids = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);

export function listDraftFromSettings(settings: Record<string, unknown>): ListDraft {
  const cell = settings.testCell as { mode?: string; percent?: number; n?: number } | undefined;
  return {
    segmentId: text(settings.segmentId),
    excludeContactsInRunningCampaigns: settings.excludeContactsInRunningCampaigns === true,
    testCell: cell?.mode === 'random' ? 'random' : cell?.mode === 'everyNth' ? 'everyNth' : 'none',
    percent: text(cell?.percent, '10'),
    n: text(cell?.n, '10'),
  };
}

/** A stored stage back into the builder (editing a draft, or a copy). */
export function stageFromView(view: Pick<StageView, 'type' | 'name' | 'startAt' | 'settings'>): StageDraft {
  const settings = view.settings;
  const stage = newStage(view.type);
  stage.name = view.name ?? '';
  stage.startAt = startAtInput(view.startAt);
  switch (stage.type) {
    case 'LIST':
      stage.settings = listDraftFromSettings(settings);
      break;
    case 'APPROVAL':
      stage.settings = {
        approverIds: ids(settings.approverIds),
        require: settings.require === 'all' ? 'all' : 'any',
        remindAfter: text(settings.remindAfter),
        escalateAfter: text(settings.escalateAfter),
        escalateToIds: ids(settings.escalateToIds),
      };
      break;
    case 'MAILING': {
      const window = settings.sendWindow as { days?: number[]; start?: string; end?: string } | undefined;
      stage.settings = {
        templateKey: text(settings.templateKey),
        ratePerSecond: text(settings.ratePerSecond, '100'),
        useSendWindow: window !== undefined,
        days: window?.days ?? [1, 2, 3, 4, 5],
        start: window?.start ?? '09:00',
        end: window?.end ?? '18:00',
        attachments: attachmentsFromSettings(settings.attachments),
      };
      break;
    }
    case 'CALL_TASKS':
      stage.settings = {
        title: text(settings.title, t('Campaign follow-up call')),
        dueAfter: text(settings.dueAfter, 'P2D'),
        callScriptItemId: text(settings.callScriptItemId),
        kitId: text(settings.kitId),
      };
      break;
    case 'WAIT':
      stage.settings = { duration: text(settings.duration, 'P1D') };
      break;
  }
  return stage;
}

/** Error details for one stage: a create or PATCH names `body.stages.N…`, scheduling `stages.N…`. */
export function stageDetail(error: { detailFor(path: string): string | undefined } | undefined, index: number, field: string): string | undefined {
  return error?.detailFor(`body.stages.${index}.${field}`) ?? error?.detailFor(`stages.${index}.${field}`);
}
