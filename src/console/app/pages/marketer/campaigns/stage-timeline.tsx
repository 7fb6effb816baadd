import { StatusBadge } from '../../../components/badge';
import { formatDateTime } from '../../../format';
import { stageTypeLabels } from './campaign-model';
import { durationMs } from './iso-duration';
import { journeyOrder, parentOf } from './journey-tree';
import { cohortWords, durationWords, startWords } from './journey-words';
import type { TimelineStage } from './timeline-stage';
import { t } from '../../../i18n/i18n';

export type { TimelineStage };


interface Placed {
  start: number | null;
  end: number | null;
  estimated: boolean;
}

const HOUR = 3_600_000;

/**
 * Each stage starts when what it waits for holds (the previous stage's end by default, a stage's end
 * plus a delay, an approval) and not before its date; what has run uses its real times. A stage
 * started by responses has no known start. In `relative` mode (an evergreen campaign) the times
 * count from an enrollment at 0 and real times are left out, as each enrollment has its own.
 */
function place(stages: TimelineStage[], now: number, relative: boolean): Placed[] {
  const placed: Placed[] = [];
  stages.forEach((stage, index) => {
    const condition = stage.startWhen ?? null;
    const parent = parentOf(condition, index);
    const anchor = parent === null ? null : (placed[parent]!.end ?? placed[parent]!.start);
    const delay = condition?.kind === 'afterStage' ? durationMs(condition.duration) : 0;
    const base =
      condition?.kind === 'responses' ? null : parent === null ? (relative && !condition ? 0 : null) : anchor === null || delay === null ? null : anchor + delay;
    const planned = relative ? null : (stage.startAt?.getTime() ?? null);
    const startedAt = relative ? null : (stage.startedAt?.getTime() ?? null);
    const unknown = condition?.kind === 'responses';
    const start = startedAt ?? (unknown ? null : planned !== null && base !== null ? Math.max(planned, base) : (planned ?? base));
    // A stage cancelled before it started has an end time but never ran: it gets no bar length.
    const end =
      startedAt !== null
        ? (stage.completedAt?.getTime() ?? (stage.status === 'RUNNING' ? now : null))
        : start !== null && stage.durationMs && (relative || (stage.status ?? 'PENDING') === 'PENDING')
          ? start + stage.durationMs
          : null;
    placed.push({ start, end, estimated: startedAt === null && planned === null });
  });
  return placed;
}

/** 9 days 4 hours after the enrollment, for the relative axis. */
function spanWords(ms: number): string {
  const days = Math.floor(ms / 86_400_000);
  const hours = Math.round((ms % 86_400_000) / HOUR);
  return durationWords(`P${days ? `${days}D` : ''}${hours ? `T${hours}H` : days ? '' : 'T0H'}`);
}

/**
 * The journey on one time axis: each stage says in words when it starts and whom it works on, and
 * sits under the stage it waits for; stages waiting for the same stage are branches, indented.
 */
export function StageTimeline({ stages, now = Date.now(), label = t('Stage timeline'), relative = false }: { stages: TimelineStage[]; now?: number; label?: string; relative?: boolean }) {
  const placed = place(stages, now, relative);
  const times = placed.flatMap((stage) => [stage.start, stage.end]).filter((time): time is number => time !== null);
  const hasDates = times.length > 0;
  const origin = relative ? 0 : now;
  const min = hasDates ? Math.min(...times, origin) : origin;
  const max = hasDates ? Math.max(...times, origin) : origin + HOUR;
  const span = Math.max(max - min, 60_000);
  const percent = (time: number) => ((time - min) / span) * 100;
  if (stages.length === 0) return <p class="muted">{t('No stages: a tracking-only campaign collects responses and costs through its sub-sources.')}</p>;
  return (
    <figure class="stage-timeline-figure" aria-label={label}>
      <ol class="stage-timeline">
        {journeyOrder(stages).map(({ index, depth, branch }) => {
          const stage = stages[index]!;
          const at = placed[index]!;
          const next = placed.slice(index + 1).find((later) => later.start !== null)?.start ?? null;
          const until = at.end ?? (depth === 0 ? next : null);
          const left = at.start === null ? (index / Math.max(placed.length, 1)) * 100 : percent(at.start);
          const width = at.start !== null && until !== null ? Math.max(percent(until) - left, 0) : 0;
          const started = !relative && stage.startedAt;
          const who = stage.type === 'MAILING' || stage.type === 'CALL_TASKS' ? cohortWords(stage.cohort, stages) : null;
          return (
            <li key={stage.key} class={depth > 0 ? 'journey-branch' : undefined} style={{ '--depth': String(depth) }} data-depth={depth}>
              <div class="journey-stage">
                {branch && (
                  <span class="branch-label">
                    {t('Branch {number} of {count} after stage', { number: branch.number, count: branch.count })}{' '}{branch.of + 1}
                  </span>
                )}
                <strong>
                  {index + 1}. {t(stageTypeLabels[stage.type])}
                </strong>
                {stage.name && <> · {stage.name}</>} {stage.status && <StatusBadge status={stage.status} />}
                <span class="when">{t('Starts {stage}', { stage: startWords(stage, index, stages, relative) })}</span>
                {who && <span class="when who">{who}</span>}
                {started && (
                  <span class="when">
                    {t('Started {value}', { value: formatDateTime(stage.startedAt!.toISOString()) })}
                    {stage.completedAt ? t(', ended {value}', { value: formatDateTime(stage.completedAt.toISOString()) }) : ''}
                  </span>
                )}
              </div>
              <div class="timeline-track" aria-hidden="true">
                <span
                  class={`timeline-bar${at.estimated ? ' estimated' : ''}${stage.status ? ` status-${stage.status.toLowerCase()}` : ''}`}
                  style={{ left: `${Math.min(left, 98)}%`, width: `${Math.min(width, 100 - Math.min(left, 98))}%` }}
                />
                {!relative && <span class="timeline-now" style={{ left: `${percent(now)}%` }} title={t('Now')} />}
              </div>
            </li>
          );
        })}
      </ol>
      <figcaption class="timeline-axis">
        {relative ? (
          <>
            <span>{t('At enrollment')}</span>
            <span>{t('Each enrollment runs through the stages from its own start; striped bars have no date of their own')}</span>
            <span>{hasDates && max > 0 ? `+ ${spanWords(max)}` : ''}</span>
          </>
        ) : (
          <>
            <span>{hasDates ? formatDateTime(new Date(min).toISOString()) : t('No dates yet')}</span>
            <span>{t('The black line is now; striped bars have no date of their own')}</span>
            <span>{hasDates ? formatDateTime(new Date(max).toISOString()) : ''}</span>
          </>
        )}
      </figcaption>
    </figure>
  );
}
