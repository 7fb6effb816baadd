import { durationMs } from './iso-duration';
import { cohortForApi, startWhenForApi, withoutReferencesTo, type PositionOf } from './journey-draft';
import type { EvergreenDraft } from './evergreen-draft';
import { hasCohort, newStage, startAtForApi, type StageDraft } from './stage-draft';
import type { TimelineStage } from './timeline-stage';

// The builder's edits of the stage list as a whole: each keeps the stages' references to each other right.

export const positionsOf = (stages: readonly StageDraft[]): PositionOf => {
  const positions = new Map(stages.map((stage, index) => [stage.uid, index]));
  return (uid) => (uid === null ? undefined : positions.get(uid));
};

export function moveStage(stages: readonly StageDraft[], index: number, offset: -1 | 1): StageDraft[] {
  const next = [...stages];
  const [stage] = next.splice(index, 1);
  next.splice(index + offset, 0, stage!);
  return next;
}

/** Removes a stage, and every reference the others make to it. */
export function removeStage(stages: readonly StageDraft[], uid: number): StageDraft[] {
  return stages.filter((stage) => stage.uid !== uid).map((stage) => withoutReferencesTo(stage, uid));
}

/**
 * Switching a campaign to evergreen takes its LIST stage's segment and test cell (its enrollments
 * replace the list); switching back puts a LIST stage with them first, if there are other stages.
 */
export function switchEvergreen(stages: readonly StageDraft[], evergreen: EvergreenDraft, on: boolean): { stages: StageDraft[]; evergreen: EvergreenDraft } {
  if (on) {
    const list = stages.find((stage) => stage.type === 'LIST');
    const settings = list?.type === 'LIST' && !evergreen.segmentId ? list.settings : {};
    const lists = stages.filter((stage) => stage.type === 'LIST').map((stage) => stage.uid);
    return { evergreen: { ...evergreen, ...settings, on: true }, stages: lists.reduce(removeStage, [...stages]) };
  }
  if (stages.length === 0 || stages.some((stage) => stage.type === 'LIST')) return { stages: [...stages], evergreen: { ...evergreen, on: false } };
  const list = newStage('LIST');
  if (list.type === 'LIST') {
    const { segmentId, excludeContactsInRunningCampaigns, testCell, percent, n } = evergreen;
    list.settings = { segmentId, excludeContactsInRunningCampaigns, testCell, percent, n };
  }
  return { stages: [list, ...stages], evergreen: { ...evergreen, on: false } };
}

/** The drafts on the timeline, with their conditions and cohorts as they would be saved. */
export function timelineOfDrafts(stages: readonly StageDraft[], evergreen: boolean): TimelineStage[] {
  const positionOf = positionsOf(stages);
  return stages.map((stage, index) => {
    const dated = !evergreen && (stage.start.kind !== 'previous' || index === 0);
    const iso = dated ? startAtForApi(stage.startAt) : null;
    const date = iso ? new Date(iso) : null;
    return {
      key: stage.uid,
      type: stage.type,
      name: stage.name.trim() || null,
      startAt: date && !Number.isNaN(date.getTime()) ? date : null,
      startWhen: startWhenForApi(stage.start, positionOf) ?? null,
      cohort: hasCohort(stage.type) ? (cohortForApi(stage.cohort, positionOf) ?? null) : null,
      durationMs: stage.type === 'WAIT' ? durationMs(stage.settings.duration) : null,
    };
  });
}
