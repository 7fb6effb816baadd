import type { PlanView } from '../../../../plans/plans.schemas';
import { Empty } from '../../components/notices';
import { formatDateTime } from '../../format';

export function PlanHistory({ history, nameOf }: { history: PlanView['history']; nameOf(id: string | null): string | undefined }) {
  if (history.length === 0) return <Empty>No events yet.</Empty>;
  return (
    <ol class="timeline">
      {history.map((event) => (
        <li key={event.id}>
          <time dateTime={event.at}>{formatDateTime(event.at)}</time>
          {event.message}
          {event.byUserId && <span class="muted"> — {nameOf(event.byUserId) ?? 'Unknown user'}</span>}
        </li>
      ))}
    </ol>
  );
}
