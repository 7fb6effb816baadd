import type { CampaignEventView } from '../../../../../campaigns/campaign-views.schemas';
import { Empty } from '../../../components/notices';
import { formatDateTime, humanize } from '../../../format';
import { t } from '../../../i18n/i18n';
import { readableText } from '../../../field-errors';

/** The campaign's events, newest first: who changed what, and each stage started and ended. */
export function CampaignHistory({ events }: { events: CampaignEventView[] }) {
  if (events.length === 0) return <Empty>{t('No events yet.')}</Empty>;
  return (
    <ol class="timeline" aria-label={t('Campaign history')}>
      {events.map((event) => (
        <li key={event.id}>
          <time dateTime={event.at}>{formatDateTime(event.at)}</time>
          <strong>{humanize(event.kind.replace(/-/g, '_').toUpperCase())}</strong>: {readableText(event.message)}
        </li>
      ))}
    </ol>
  );
}
