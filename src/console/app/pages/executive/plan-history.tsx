import type { PlanView } from '../../../../plans/plans.schemas';
import { Empty } from '../../components/notices';
import { formatDateTime } from '../../format';
import { t } from '../../i18n/i18n';
import { readableText } from '../../field-errors';

export function PlanHistory({ history, nameOf }: { history: PlanView['history']; nameOf(id: string | null): string | undefined }) {
  if (history.length === 0) return <Empty>{t('No events yet.')}</Empty>;
  return (
    <ol class="timeline">
      {history.map((event) => (
        <li key={event.id}>
          <time dateTime={event.at}>{formatDateTime(event.at)}</time>
          {readableText(event.message)}
          {event.byUserId && <span class="muted"> — {nameOf(event.byUserId) ?? t('Unknown user')}</span>}
        </li>
      ))}
    </ol>
  );
}
