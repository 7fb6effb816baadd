import { useRef, useState } from 'preact/hooks';
import { patch, post } from '../../../api';
import { Field } from '../../../components/field';
import { Empty, ErrorNotice, Loading, Notice } from '../../../components/notices';
import { formatDateTime, formatNumber, humanize } from '../../../format';
import { href } from '../../../router';
import { currentUser } from '../../../session';
import { useSignal } from '../../../signal';
import { useAction, useApi } from '../../../use-api';
import '../marketer.css';
import { mayPlanEvents, resourceKindLabels, resourceKinds, type ResourceKind, type ResourceView } from './event-model';
import './events.css';
import { t } from '../../../i18n/i18n';

/** /resources: the catalog of rooms, kit and stock that events book; marketers add, restock and archive. */
export function ResourceCatalogPage() {
  const me = useSignal(currentUser);
  const [includeArchived, setIncludeArchived] = useState(false);
  const catalog = useApi<{ items: ResourceView[] }>('/resources', { includeArchived: includeArchived ? 'true' : undefined });
  const [notice, setNotice] = useState<string>();
  const planner = mayPlanEvents(me?.role);
  // A change may answer after "Show archived" was switched: it reloads the catalog as shown now.
  const reload = useRef(catalog.reload);
  reload.current = catalog.reload;
  const changed = (message: string) => {
    setNotice(message);
    void reload.current();
  };
  return (
    <section>
      <div class="page-head">
        <h1>{t('Resource catalog')}</h1>
        <div class="actions">
          <a href={href('/events')}>{t('All events')}</a>
        </div>
      </div>
      {notice && <Notice kind="success">{notice}</Notice>}
      <label class="checkbox">
        <input type="checkbox" checked={includeArchived} onChange={(change) => setIncludeArchived(change.currentTarget.checked)} />
        {t('Show archived resources')}</label>
      <ErrorNotice error={catalog.error} title={t('The catalog could not be loaded')} />
      {catalog.loading && !catalog.data && <Loading />}
      {catalog.data && catalog.data.items.length === 0 && <Empty>{t('The catalog is empty.')}</Empty>}
      {catalog.data && catalog.data.items.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('Resource')}</th>
                <th scope="col">{t('Kind')}</th>
                <th scope="col" class="number">
                  {t('Quantity')}</th>
                {planner && (
                  <th scope="col">
                    <span class="visually-hidden">{t('Actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {catalog.data.items.map((resource) => (
                <ResourceRow key={`${resource.id}:${resource.quantity}:${resource.archivedAt}`} resource={resource} planner={planner} onChanged={changed} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {planner && <NewResourceForm onCreated={(resource) => changed(t('“{name}” added to the catalog.', { name: resource.name }))} />}
    </section>
  );
}

function ResourceRow({ resource, planner, onChanged }: { resource: ResourceView; planner: boolean; onChanged(message: string): void }) {
  const [quantity, setQuantity] = useState(String(resource.quantity));
  const update = useAction((body: { quantity?: number | string; archived?: boolean }) => patch<ResourceView>(`/resources/${resource.id}`, body));
  async function saveQuantity(submitted: Event) {
    submitted.preventDefault();
    const answer = await update.run({ quantity: /^\d+$/.test(quantity) ? Number(quantity) : quantity });
    if (answer) onChanged(t('“{name}” now has {quantity}.', { name: answer.name, quantity: formatNumber(answer.quantity) }));
  }
  async function archive(archived: boolean) {
    const answer = await update.run({ archived });
    if (answer) onChanged(archived ? t('“{name}” archived.', { name: answer.name }) : t('“{name}” is back in the catalog.', { name: answer.name }));
  }
  return (
    <tr>
      <td>
        <strong>{resource.name}</strong>
        {resource.description && <div class="muted">{resource.description}</div>}
        {resource.archivedAt && <div class="muted">{t('Archived {archivedAt}', { archivedAt: formatDateTime(resource.archivedAt) })}</div>}
        {!resource.userDefined && <div class="muted">{t('Built in')}</div>}
      </td>
      <td>{humanize(resource.kind)}</td>
      <td class="number">
        {planner && resource.kind !== 'FIXED' && !resource.archivedAt ? (
          <form class="row" onSubmit={saveQuantity} noValidate>
            <Field label={resource.kind === 'CONSUMABLE' ? t('Stock of {name}', { name: resource.name }) : t('Units of {name}', { name: resource.name })} error={update.error?.detailFor('body.quantity')}>
              {(props) => <input {...props} class="quantity-input" type="number" min={0} step={1} value={quantity} onInput={(change) => setQuantity(change.currentTarget.value)} />}
            </Field>
            <button type="submit" disabled={update.busy || quantity === String(resource.quantity)} style={{ marginBottom: '0.75rem' }}>
              {t('Save')}</button>
          </form>
        ) : (
          formatNumber(resource.quantity)
        )}
      </td>
      {planner && (
        <td>
          <button type="button" disabled={update.busy} onClick={() => void archive(!resource.archivedAt)} aria-label={`${resource.archivedAt ? t('Restore') : t('Archive')} ${resource.name}`}>
            {resource.archivedAt ? t('Restore') : t('Archive')}
          </button>
          <ErrorNotice error={update.error} title={t('Not changed')} />
        </td>
      )}
    </tr>
  );
}

function NewResourceForm({ onCreated }: { onCreated(resource: ResourceView): void }) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ResourceKind>('FIXED');
  const [quantity, setQuantity] = useState('1');
  const [description, setDescription] = useState('');
  const create = useAction(() =>
    post<ResourceView>('/resources', {
      name: name.trim(),
      kind,
      quantity: kind === 'FIXED' ? undefined : /^\d+$/.test(quantity) ? Number(quantity) : quantity,
      description: description.trim() || undefined,
    }),
  );
  const at = (field: string) => create.error?.detailFor(`body.${field}`);
  async function submit(submitted: Event) {
    submitted.preventDefault();
    const resource = await create.run();
    if (resource) {
      setName('');
      setDescription('');
      onCreated(resource);
    }
  }
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="new-resource-heading">
      <h2 id="new-resource-heading">{t('New resource')}</h2>
      <ErrorNotice error={create.error} title={t('The resource was not added')} />
      <div class="row">
        <Field label={t('Resource name')} error={at('name')}>
          {(props) => <input {...props} value={name} maxLength={200} onInput={(change) => setName(change.currentTarget.value)} />}
        </Field>
        <Field label={t('Kind')} error={at('kind')}>
          {(props) => (
            <select {...props} value={kind} onChange={(change) => setKind(change.currentTarget.value as ResourceKind)}>
              {resourceKinds.map((value) => (
                <option key={value} value={value}>
                  {t(resourceKindLabels[value])}
                </option>
              ))}
            </select>
          )}
        </Field>
        {kind !== 'FIXED' && (
          <Field label={kind === 'CONSUMABLE' ? t('Units in stock') : t('Units owned')} error={at('quantity')}>
            {(props) => <input {...props} type="number" min={0} step={1} value={quantity} onInput={(change) => setQuantity(change.currentTarget.value)} />}
          </Field>
        )}
      </div>
      <Field label={t('Description')} hint={t('What it is, where it is kept')} error={at('description')}>
        {(props) => <input {...props} value={description} maxLength={2000} onInput={(change) => setDescription(change.currentTarget.value)} />}
      </Field>
      <button type="submit" class="primary" disabled={create.busy}>
        {create.busy ? t('Adding…') : t('Add to the catalog')}
      </button>
    </form>
  );
}
