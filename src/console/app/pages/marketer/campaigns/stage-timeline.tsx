import { StatusBadge } from '../../../components/badge';
import { formatDateTime } from '../../../format';
import { stageTypeLabels, type StageStatus, type StageType } from './campaign-model';

export interface TimelineStage {
  key: string | number;
  type: StageType;
  name: string | null;
  /** The date it is set to start on; null: right after the previous stage. */
  startAt: Date | null;
  startedAt?: Date | null;
  completedAt?: Date | null;
  status?: StageStatus;
  /** A WAIT's length, when known. */
  durationMs?: number | null;
}

interface Placed extends TimelineStage {
  start: number | null;
  end: number | null;
  estimated: boolean;
}

const HOUR = 3_600_000;

/**
 * Each stage starts on its date or when the previous one ends, whichever is later; what has run
 * uses its real times. A stage without a known start is placed right after the previous one.
 */
function place(stages: TimelineStage[], now: number): Placed[] {
  let previousEnd: number | null = null;
  const placed = stages.map((stage): Placed => {
    const planned = stage.startAt?.getTime() ?? null;
    const start = stage.startedAt?.getTime() ?? (planned !== null && previousEnd !== null ? Math.max(planned, previousEnd) : planned ?? previousEnd);
    // A stage cancelled before it started has an end time but never ran: it gets no bar length.
    const ran = stage.startedAt !== null && stage.startedAt !== undefined;
    const end = ran
      ? (stage.completedAt?.getTime() ?? (stage.status === 'RUNNING' ? now : null))
      : start !== null && stage.durationMs && (stage.status ?? 'PENDING') === 'PENDING'
        ? start + stage.durationMs
        : null;
    previousEnd = end ?? start;
    return { ...stage, start, end, estimated: !stage.startedAt && planned === null };
  });
  return placed;
}

function whenText(stage: Placed, index: number): string {
  if (stage.startedAt) return `Started ${formatDateTime(stage.startedAt.toISOString())}${stage.completedAt ? `, ended ${formatDateTime(stage.completedAt.toISOString())}` : ''}`;
  if (stage.startAt) return `Starts ${formatDateTime(stage.startAt.toISOString())}`;
  if (index === 0) return 'No date yet';
  return stage.start !== null ? `After stage ${index} (about ${formatDateTime(new Date(stage.start).toISOString())})` : `After stage ${index}`;
}

/** The stages placed by date on one time axis (a bar from each stage's start to its end or the next start). */
export function StageTimeline({ stages, now = Date.now(), label = 'Stage timeline' }: { stages: TimelineStage[]; now?: number; label?: string }) {
  const placed = place(stages, now);
  const times = placed.flatMap((stage) => [stage.start, stage.end]).filter((time): time is number => time !== null);
  const hasDates = times.length > 0;
  const min = hasDates ? Math.min(...times, now) : now;
  const max = hasDates ? Math.max(...times, now) : now + HOUR;
  const span = Math.max(max - min, 60_000);
  const percent = (time: number) => ((time - min) / span) * 100;
  return (
    <figure class="stage-timeline-figure" aria-label={label}>
      <ol class="stage-timeline">
        {placed.map((stage, index) => {
          const next = placed.slice(index + 1).find((later) => later.start !== null)?.start ?? null;
          const until = stage.end ?? next;
          const left = stage.start === null ? (index / Math.max(placed.length, 1)) * 100 : percent(stage.start);
          const width = stage.start !== null && until !== null ? Math.max(percent(until) - left, 0) : 0;
          return (
            <li key={stage.key}>
              <div>
                <strong>
                  {index + 1}. {stageTypeLabels[stage.type]}
                </strong>
                {stage.name && <> · {stage.name}</>} {stage.status && <StatusBadge status={stage.status} />}
                <span class="when">{whenText(stage, index)}</span>
              </div>
              <div class="timeline-track" aria-hidden="true">
                <span
                  class={`timeline-bar${stage.estimated ? ' estimated' : ''}${stage.status ? ` status-${stage.status.toLowerCase()}` : ''}`}
                  style={{ left: `${Math.min(left, 98)}%`, width: `${Math.min(width, 100 - Math.min(left, 98))}%` }}
                />
                <span class="timeline-now" style={{ left: `${percent(now)}%` }} title="Now" />
              </div>
            </li>
          );
        })}
      </ol>
      <figcaption class="timeline-axis">
        <span>{hasDates ? formatDateTime(new Date(min).toISOString()) : 'No dates yet'}</span>
        <span>The black line is now; striped bars have no date of their own</span>
        <span>{hasDates ? formatDateTime(new Date(max).toISOString()) : ''}</span>
      </figcaption>
    </figure>
  );
}
