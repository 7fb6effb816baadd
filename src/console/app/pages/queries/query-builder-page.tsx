import { useMemo, useState } from 'preact/hooks';
import type { SavedQueryView } from '../../../../saved-queries/saved-queries.schemas';
import { api } from '../../api';
import { Field } from '../../components/field';
import { ErrorNotice, Loading } from '../../components/notices';
import { t } from '../../i18n/i18n';
import type { PageProps } from '../../page-route';
import { href, navigate } from '../../router';
import { useAction, useApi } from '../../use-api';
import { useUsers } from '../../use-users';
import { ColumnsAndSort } from './columns-and-sort';
import { FilterRow } from './filter-row';
import { LiveCountPanel } from './live-count-panel';
import { definitionBody, entityLabels, filterable, fromSaved, newDraft, newFilter, saveBody, type Catalog, type QueryDraft } from './query-model';
import { useLiveCount } from './use-live-count';
import { useNamedChoices } from './use-named-choices';
import './queries.css';

/** /queries/new and /queries/:id/edit: the query builder with its live count. */
export function QueryBuilderPage({ params }: PageProps) {
  const catalog = useApi<Catalog>('/queries/fields');
  const saved = useApi<SavedQueryView>(params.id ? `/queries/${params.id}` : null);
  const error = catalog.error ?? saved.error;
  if (error) return <ErrorNotice error={error} title={t('The query builder could not be loaded')} />;
  if (!catalog.data || (params.id && !saved.data)) return <Loading />;
  return <QueryForm key={saved.data?.id ?? 'new'} catalog={catalog.data} saved={saved.data} />;
}

function QueryForm({ catalog, saved }: { catalog: Catalog; saved?: SavedQueryView }) {
  const [draft, setDraft] = useState<QueryDraft>(() => (saved ? fromSaved(saved) : newDraft(catalog.entities[0]!)));
  const entity = catalog.entities.find((candidate) => candidate.entity === draft.entity)!;
  const users = useUsers();
  const named = useNamedChoices();
  const definition = useMemo(() => definitionBody(draft, entity), [draft, entity]);
  const live = useLiveCount(definition);
  const set = (change: Partial<QueryDraft>) => setDraft((current) => ({ ...current, ...change }));
  const save = useAction(() => (saved ? api<SavedQueryView>('PUT', `/queries/${saved.id}`, saveBody(draft, entity)) : api<SavedQueryView>('POST', '/queries', saveBody(draft, entity))));

  async function submit(event: Event) {
    event.preventDefault();
    const answer = await save.run();
    if (answer) navigate(`/queries/${answer.id}`);
  }

  // A failed save names the fields; otherwise the live count's validation does, as the user edits.
  const fieldError = save.error ?? live.error;
  return (
    <section>
      <div class="page-head">
        <h1>{saved ? t('Edit “{name}”', { name: saved.name }) : t('New saved query')}</h1>
        <div class="actions">
          <a href={href('/queries')}>{t('All saved queries')}</a>
        </div>
      </div>
      <ErrorNotice error={save.error} title={t('The query was not saved')} />
      <form onSubmit={submit} class="editor-layout query-builder" noValidate>
        <div class="card">
          <Field label={t('Query name')} path="body.name" error={save.error?.detailFor('body.name')}>
            {(props) => <input {...props} value={draft.name} maxLength={200} onInput={(event) => set({ name: event.currentTarget.value })} />}
          </Field>
          <Field label={t('List')} path="body.entity">
            {(props) => (
              <select {...props} value={draft.entity} onChange={(event) => setDraft({ ...newDraft(catalog.entities.find((candidate) => candidate.entity === event.currentTarget.value)!), name: draft.name, visibility: draft.visibility })}>
                {catalog.entities.map((candidate) => (
                  <option key={candidate.entity} value={candidate.entity}>
                    {t(entityLabels[candidate.entity])}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <h2>{t('Conditions')}</h2>
          <fieldset class="match">
            <legend>{t('Rows must match')}</legend>
            <label>
              <input type="radio" name="match" checked={draft.match === 'all'} onChange={() => set({ match: 'all' })} /> {t('all conditions')}
            </label>
            <label>
              <input type="radio" name="match" checked={draft.match === 'any'} onChange={() => set({ match: 'any' })} /> {t('any condition')}
            </label>
          </fieldset>
          {draft.filters.length === 0 && <p class="muted">{t('No condition yet: every row you may see is listed.')}</p>}
          {draft.filters.map((filter, index) => (
            <FilterRow
              key={filter.key}
              index={index}
              filter={filter}
              entity={entity}
              operators={catalog.operators}
              users={users.users}
              named={named}
              error={fieldError}
              onChange={(next) => set({ filters: draft.filters.map((item) => (item.key === filter.key ? next : item)) })}
              onRemove={() => set({ filters: draft.filters.filter((item) => item.key !== filter.key) })}
            />
          ))}
          <button type="button" onClick={() => set({ filters: [...draft.filters, newFilter(filterable(entity)[0]!)] })}>
            {t('Add a condition')}
          </button>
          <ColumnsAndSort entity={entity} draft={draft} error={fieldError} onChange={set} />
          <Field label={t('Who sees it')} path="body.visibility" error={save.error?.detailFor('body.visibility')}>
            {(props) => (
              <select {...props} value={draft.visibility} onChange={(event) => set({ visibility: event.currentTarget.value as QueryDraft['visibility'] })}>
                <option value="private">{t('Only me')}</option>
                <option value="team">{t('My team (my manager, my peers and my reports)')}</option>
              </select>
            )}
          </Field>
          <div class="actions">
            <button type="submit" class="primary" disabled={save.busy}>
              {save.busy ? t('Saving…') : saved ? t('Save changes') : t('Save query')}
            </button>
          </div>
        </div>
        <LiveCountPanel live={live} />
      </form>
    </section>
  );
}
