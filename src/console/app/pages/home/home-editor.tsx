import { useLayoutEffect, useState } from 'preact/hooks';
import type { HomeView } from '../../../../home/home.schemas';
import { put } from '../../api';
import { Field } from '../../components/field';
import { ErrorNotice } from '../../components/notices';
import { t } from '../../i18n/i18n';
import { newId } from '../../new-id';
import type { Role } from '../../session';
import { useAction } from '../../use-api';
import { kindsFor, newTile, tileNames, type HomeTile, type TileKind } from './home-tiles';
import { TileSettings } from './tile-settings';

interface Draft {
  key: string;
  tile: HomeTile;
}

/**
 * "Edit home": add, remove, reorder (Move up / Move down, so the keyboard does everything) and set up
 * the tiles, then Save for this user. After a move the focus follows the button that moved the tile.
 */
export function HomeEditor({ tiles, role, onSaved, onCancel }: { tiles: HomeTile[]; role: Role; onSaved: () => void; onCancel: () => void }) {
  const [drafts, setDrafts] = useState<Draft[]>(() => tiles.map((tile) => ({ key: newId(), tile })));
  const [adding, setAdding] = useState<TileKind>(kindsFor(role)[0]!);
  const [focus, setFocus] = useState<string | null>(null);
  const save = useAction(async () => {
    await put<HomeView>('/me/home', { tiles: drafts.map((draft) => draft.tile) });
    onSaved();
  });

  // A layout effect focuses in the same commit: an effect ran after paint, and a late one moved the focus
  // away from what the user (or a test) had focused since (seen in test/console/home.test.ts).
  useLayoutEffect(() => {
    if (!focus) return;
    document.getElementById(focus)?.focus();
    setFocus(null);
  }, [focus]);

  const move = (index: number, by: -1 | 1) => {
    const next = [...drafts];
    const [moved] = next.splice(index, 1);
    next.splice(index + by, 0, moved!);
    setDrafts(next);
    // At the top or bottom the pressed button disappears: focus the other one of the same tile.
    const target = index + by;
    const direction = (target === 0 && by === -1) || (target === next.length - 1 && by === 1) ? -by : by;
    setFocus(`${moved!.key}-${direction === -1 ? 'up' : 'down'}`);
  };
  const change = (index: number, tile: HomeTile) => setDrafts(drafts.map((draft, at) => (at === index ? { ...draft, tile } : draft)));
  const remove = (index: number) => {
    setDrafts(drafts.filter((_, at) => at !== index));
    setFocus('add-tile-button');
  };

  return (
    <form class="home-editor card" aria-labelledby="home-editor-heading" onSubmit={(event) => (event.preventDefault(), void save.run())}>
      <h2 id="home-editor-heading">{t('Edit home')}</h2>
      <ErrorNotice error={save.error} title={t('Your home page was not saved')} />
      {drafts.length === 0 && <p class="muted">{t('No tiles yet: add one below.')}</p>}
      <ol aria-label={t('Tiles in the order shown')}>
        {drafts.map((draft, index) => {
          const name = t(tileNames[draft.tile.kind]);
          const label = { tile: name, position: index + 1 };
          return (
            <li key={draft.key}>
              <div class="tile-edit-head">
                <h3>{t('{position}. {tile}', label)}</h3>
                <div class="actions">
                  {index > 0 && (
                    <button type="button" id={`${draft.key}-up`} aria-label={t('Move tile {position} “{tile}” up', label)} onClick={() => move(index, -1)}>
                      {t('Move up')}
                    </button>
                  )}
                  {index < drafts.length - 1 && (
                    <button type="button" id={`${draft.key}-down`} aria-label={t('Move tile {position} “{tile}” down', label)} onClick={() => move(index, 1)}>
                      {t('Move down')}
                    </button>
                  )}
                  <button type="button" aria-label={t('Remove tile {position} “{tile}”', label)} onClick={() => remove(index)}>
                    {t('Remove')}
                  </button>
                </div>
              </div>
              <TileSettings tile={draft.tile} index={index} error={save.error} onChange={(tile) => change(index, tile)} />
            </li>
          );
        })}
      </ol>
      <div class="row">
        <Field label={t('Add a tile')}>
          {(props) => (
            <select {...props} value={adding} onChange={(event) => setAdding(event.currentTarget.value as TileKind)}>
              {kindsFor(role).map((kind) => (
                <option key={kind} value={kind}>
                  {t(tileNames[kind])}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="button" id="add-tile-button" disabled={drafts.length >= 12} onClick={() => setDrafts([...drafts, { key: newId(), tile: newTile(adding) }])}>
          {t('Add tile')}
        </button>
      </div>
      <div class="actions">
        <button type="submit" class="primary" disabled={save.busy}>
          {save.busy ? t('Saving…') : t('Save home page')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('Cancel')}
        </button>
      </div>
    </form>
  );
}
