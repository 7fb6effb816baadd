import { useState } from 'preact/hooks';
import type { HomeView } from '../../../../home/home.schemas';
import { ErrorNotice, Loading, Notice } from '../../components/notices';
import { formatDate } from '../../format';
import { t } from '../../i18n/i18n';
import { currentUser } from '../../session';
import { useSignal } from '../../signal';
import { useApi } from '../../use-api';
import { HomeEditor } from './home-editor';
import { TileView } from './tile-view';
import './home.css';

/** The user's start page: their tiles in their order, and "Edit home" to choose them. */
export function HomePage() {
  const me = useSignal(currentUser)!;
  const home = useApi<HomeView>('/me/home');
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);

  return (
    <section>
      <div class="page-head">
        <div>
          <h1>{t('Home')}</h1>
          <p class="muted">{t('Good to see you, {name}. Today is {date}.', { name: me.name, date: formatDate(new Date().toISOString()) })}</p>
        </div>
        {!editing && home.data && (
          <div class="actions">
            <button type="button" onClick={() => void home.reload()}>
              {t('Refresh')}
            </button>
            <button type="button" onClick={() => (setEditing(true), setSaved(false))}>
              {t('Edit home')}
            </button>
          </div>
        )}
      </div>
      <ErrorNotice error={home.error} title={t('Could not load your home page')} />
      {!home.data && !home.error && <Loading label={t('Loading your home page…')} />}
      {saved && <Notice kind="success">{t('Your home page is saved.')}</Notice>}
      {home.data && editing && (
        <HomeEditor
          tiles={home.data.tiles}
          role={me.role}
          onSaved={() => (setEditing(false), setSaved(true), void home.reload())}
          onCancel={() => setEditing(false)}
        />
      )}
      {home.data && !editing && home.data.tiles.length === 0 && <Notice>{t('Your home page has no tiles. Choose “Edit home” to add some.')}</Notice>}
      {home.data && !editing && (
        <div class="home-tiles">
          {home.data.tiles.map((tile, index) => (
            <TileView key={`${index}-${tile.kind}`} tile={tile} index={index} />
          ))}
        </div>
      )}
    </section>
  );
}
