import type { MyObjectives } from '../../../../../home/home-reads.schemas';
import { Empty, ErrorNotice, Loading } from '../../../components/notices';
import { formatNumber, formatPercent } from '../../../format';
import { t } from '../../../i18n/i18n';
import { href } from '../../../router';
import { useApi } from '../../../use-api';
import { TileCard } from './tile-card';

/** Objectives I created or of plans I wrote, least done first, each with its progress. */
export function ObjectivesTile({ headingId, limit }: { headingId: string; limit: number }) {
  const objectives = useApi<MyObjectives>('/me/objectives', { limit });
  const data = objectives.data;
  return (
    <TileCard headingId={headingId} title={t('Objectives’ progress')} more={{ path: '/plans', label: t('Open plans') }}>
      <ErrorNotice error={objectives.error} title={t('Could not load your objectives')} />
      {!data && !objectives.error && <Loading />}
      {data && data.items.length === 0 && <Empty>{t('You have no objectives in plans that are still running.')}</Empty>}
      {data && data.items.length > 0 && (
        <ul class="tile-list">
          {data.items.map((item) => (
            <li key={item.objectiveId}>
              <a href={href(`/plans/${item.planId}`)}>{item.name}</a> <span class="muted">({item.planName})</span>
              <div>
                <progress max={item.target || 1} value={Math.min(item.done, item.target || 1)} aria-label={t('Progress of “{name}”', { name: item.name })} />{' '}
                {t('{done} of {target} {unit}', { done: formatNumber(item.done), target: formatNumber(item.target), unit: item.unit })}
                {item.ratio !== null && ` (${formatPercent(item.ratio)})`}
              </div>
            </li>
          ))}
        </ul>
      )}
    </TileCard>
  );
}
