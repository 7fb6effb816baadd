import type { SavedQueryPage } from '../../../../saved-queries/saved-queries.schemas';
import type { ApiError } from '../../api';
import { Field } from '../../components/field';
import { msg, t } from '../../i18n/i18n';
import { useApi } from '../../use-api';
import { tileLimit, type HomeTile } from './home-tiles';

type QueryTile = Extract<HomeTile, { kind: 'saved-query' }>;

const displays = [
  { value: 'list', label: msg('A list of its first rows') },
  { value: 'count', label: msg('How many it finds') },
  { value: 'sum', label: msg('The sum of their amounts') },
] as const;

/** The settings of one tile being edited: how many rows it lists, and for a saved query which one and how. */
export function TileSettings({ tile, index, error, onChange }: { tile: HomeTile; index: number; error: ApiError | undefined; onChange: (tile: HomeTile) => void }) {
  const at = `body.tiles.${index}.settings`;
  const limit = tileLimit(tile);
  const showsRows = limit !== undefined && !(tile.kind === 'saved-query' && tile.settings.display !== 'list');
  return (
    <div class="row">
      {tile.kind === 'saved-query' && <QuerySettings tile={tile} at={at} error={error} onChange={onChange} />}
      {showsRows && (
        <Field label={t('Rows shown')} path={`${at}.limit`} error={error?.detailFor(`${at}.limit`)}>
          {(props) => (
            <input
              {...props}
              type="number"
              min={1}
              max={20}
              value={limit}
              onInput={(event) => onChange({ ...tile, settings: { ...tile.settings, limit: event.currentTarget.valueAsNumber } } as HomeTile)}
            />
          )}
        </Field>
      )}
    </div>
  );
}

function QuerySettings({ tile, at, error, onChange }: { tile: QueryTile; at: string; error: ApiError | undefined; onChange: (tile: HomeTile) => void }) {
  const queries = useApi<SavedQueryPage>('/queries', { limit: 200 });
  const set = (changes: Partial<QueryTile['settings']>) => onChange({ ...tile, settings: { ...tile.settings, ...changes } });
  // Only deals have amounts to add up.
  const chosen = queries.data?.items.find((query) => query.id === tile.settings.queryId);
  const offered = displays.filter((display) => display.value !== 'sum' || !chosen || chosen.entity === 'opportunities' || tile.settings.display === 'sum');
  return (
    <>
      <Field label={t('Saved query')} path={`${at}.queryId`} error={error?.detailFor(`${at}.queryId`) ?? (tile.settings.queryId ? undefined : queries.data?.items.length === 0 ? t('You have no saved queries yet: save one first.') : undefined)}>
        {(props) => (
          <select {...props} value={tile.settings.queryId} onChange={(event) => set({ queryId: event.currentTarget.value })}>
            <option value="">{t('Choose a query')}</option>
            {queries.data?.items.map((query) => (
              <option key={query.id} value={query.id}>
                {query.mine ? query.name : t('{name} (shared by {owner})', { name: query.name, owner: query.owner.name })}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('Show')} path={`${at}.display`} error={error?.detailFor(`${at}.display`)}>
        {(props) => (
          <select {...props} value={tile.settings.display} onChange={(event) => set({ display: event.currentTarget.value as QueryTile['settings']['display'] })}>
            {offered.map((display) => (
              <option key={display.value} value={display.value}>
                {t(display.label)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}
