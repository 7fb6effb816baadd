import { ErrorNotice } from '../../components/notices';
import { formatNumber } from '../../format';
import { t, tp } from '../../i18n/i18n';
import type { LiveCount } from './use-live-count';

/** The live count beside the builder: how many rows the conditions find now, or what to fix first. */
export function LiveCountPanel({ live }: { live: LiveCount }) {
  return (
    <aside class="card live-count" aria-live="polite">
      <h2>{t('Rows found')}</h2>
      {live.count !== undefined && (
        <p class={`figure${live.counting ? ' muted' : ''}`} data-testid="live-count">
          {tp(live.count, '{count} row', '{count} rows', { count: formatNumber(live.count) })}
        </p>
      )}
      {live.counting && <p class="muted">{t('Counting…')}</p>}
      <ErrorNotice error={live.error} title={t('The conditions cannot be counted yet')} />
    </aside>
  );
}
