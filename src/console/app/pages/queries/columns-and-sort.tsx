import type { ApiError } from '../../api';
import { Field } from '../../components/field';
import { readableMessage } from '../../field-errors';
import { t } from '../../i18n/i18n';
import type { EntityCatalog, QueryDraft } from './query-model';

const MAX_SORT = 3;

interface Props {
  entity: EntityCatalog;
  draft: QueryDraft;
  error: ApiError | undefined;
  onChange(change: Partial<QueryDraft>): void;
}

/** The columns a run shows (in the order ticked) and up to three sort keys. */
export function ColumnsAndSort({ entity, draft, error, onChange }: Props) {
  const columns = entity.fields.filter((field) => field.column);
  const toggle = (key: string, on: boolean) => onChange({ columns: on ? [...draft.columns, key] : draft.columns.filter((column) => column !== key) });
  const columnsError = error?.detailFor('body.columns');
  const setSort = (index: number, change: Partial<QueryDraft['sort'][number]>) => onChange({ sort: draft.sort.map((sort, at) => (at === index ? { ...sort, ...change } : sort)) });
  return (
    <>
      <h2>{t('Columns')}</h2>
      <fieldset class={`choice-list columns${columnsError ? ' field-invalid' : ''}`}>
        <legend>{t('Columns to show')}</legend>
        {columns.map((field) => (
          <label key={field.field}>
            <input type="checkbox" checked={draft.columns.includes(field.field)} onChange={(event) => toggle(field.field, event.currentTarget.checked)} /> {t(field.label)}
          </label>
        ))}
        {columnsError && <small class="field-error">{readableMessage(columnsError)}</small>}
      </fieldset>
      <h2>{t('Order')}</h2>
      {draft.sort.length === 0 && <p class="muted">{t('Newest first (tasks: soonest due first).')}</p>}
      {draft.sort.map((sort, index) => (
        <div class="row" key={index}>
          <Field label={t('Sort by ({number})', { number: index + 1 })} path={`body.sort.${index}.field`} error={error?.detailFor(`body.sort.${index}.field`)}>
            {(props) => (
              <select {...props} value={sort.field} onChange={(event) => setSort(index, { field: event.currentTarget.value })}>
                {columns.map((field) => (
                  <option key={field.field} value={field.field}>
                    {t(field.label)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('Direction of sort {number}', { number: index + 1 })}>
            {(props) => (
              <select {...props} value={sort.direction} onChange={(event) => setSort(index, { direction: event.currentTarget.value as 'asc' | 'desc' })}>
                <option value="asc">{t('Ascending (A to Z, oldest first)')}</option>
                <option value="desc">{t('Descending (Z to A, newest first)')}</option>
              </select>
            )}
          </Field>
          <button type="button" onClick={() => onChange({ sort: draft.sort.filter((_sort, at) => at !== index) })}>
            {t('Remove sort {number}', { number: index + 1 })}
          </button>
        </div>
      ))}
      {draft.sort.length < MAX_SORT && (
        <button type="button" onClick={() => onChange({ sort: [...draft.sort, { field: columns[0]!.field, direction: 'asc' }] })}>
          {t('Add a sort')}
        </button>
      )}
    </>
  );
}
