import { useState } from 'preact/hooks';
import { useDebounced } from '../use-debounced';
import { Field } from './field';
import { StatusOptions } from './status-options';
import { t } from '../i18n/i18n';

/** A list's filter by status and text; `q` is the text once typing pauses, what the API is asked for. */
export function useStatusTextFilter() {
  const [status, setStatus] = useState('');
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  return { status, setStatus, search, setSearch, q };
}

/** The filter form of a list page: a status picker and a text search. */
export function StatusTextFilter({ label, statuses, textLabel, filter }: { label: string; statuses: readonly string[]; textLabel: string; filter: ReturnType<typeof useStatusTextFilter> }) {
  return (
    <form class="row card" role="search" aria-label={label} onSubmit={(submit) => submit.preventDefault()}>
      <Field label={t('Status')}>
        {(props) => (
          <select {...props} value={filter.status} onChange={(change) => filter.setStatus(change.currentTarget.value)}>
            <StatusOptions statuses={statuses} />
          </select>
        )}
      </Field>
      <Field label={textLabel}>
        {(props) => <input {...props} type="search" value={filter.search} onInput={(change) => filter.setSearch(change.currentTarget.value)} />}
      </Field>
    </form>
  );
}
