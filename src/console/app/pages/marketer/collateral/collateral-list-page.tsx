import { useState } from 'preact/hooks';
import { post } from '../../../api';
import { StatusBadge } from '../../../components/badge';
import { Field } from '../../../components/field';
import { LoadMore } from '../../../components/load-more';
import { Empty, ErrorNotice, Loading } from '../../../components/notices';
import { StatusOptions } from '../../../components/status-options';
import { humanize } from '../../../format';
import { href, navigate } from '../../../router';
import { currentUser } from '../../../session';
import { useSignal } from '../../../signal';
import { useAction } from '../../../use-api';
import { useDebounced } from '../../../use-debounced';
import { usePagedList } from '../../../use-paged-list';
import '../marketer.css';
import { DownloadButton } from './download-button';
import { collateralKinds, collateralStatuses, fileSize, mayKeepCollateral, type CollateralItemSummary, type CollateralItemView } from './collateral-model';
import { t } from '../../../i18n/i18n';

/** /collateral: the library with its filters; marketers add items. Sellers see approved items only. */
export function CollateralListPage() {
  const me = useSignal(currentUser);
  const keeper = mayKeepCollateral(me?.role);
  const [filter, setFilter] = useState({ status: '', kind: '', product: '', language: '', search: '' });
  const set = (change: Partial<typeof filter>) => setFilter((current) => ({ ...current, ...change }));
  const typed = useDebounced(JSON.stringify({ product: filter.product.trim(), language: filter.language.trim(), q: filter.search.trim() }));
  const { product, language, q } = JSON.parse(typed) as { product: string; language: string; q: string };
  const list = usePagedList<CollateralItemSummary>('/collateral', { status: filter.status || undefined, kind: filter.kind || undefined, product: product || undefined, language: language.length >= 2 ? language : undefined, q: q || undefined, limit: 50 });
  const { first, items } = list;
  return (
    <section>
      <div class="page-head">
        <h1>{t('Collateral')}</h1>
        <div class="actions">
          <a href={href('/directives')}>{t('Messaging directives')}</a>
          <a href={href('/collateral-kits')}>{t('Kits')}</a>
        </div>
      </div>
      <form class="row card" role="search" aria-label={t('Filter the library')} onSubmit={(submit) => submit.preventDefault()}>
        {keeper && (
          <Field label={t('Status')}>
            {(props) => (
              <select {...props} value={filter.status} onChange={(change) => set({ status: change.currentTarget.value })}>
                <StatusOptions statuses={collateralStatuses} />
              </select>
            )}
          </Field>
        )}
        <Field label={t('Kind')}>
          {(props) => (
            <select {...props} value={filter.kind} onChange={(change) => set({ kind: change.currentTarget.value })}>
              <option value="">{t('Any kind')}</option>
              {collateralKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {humanize(kind)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('Product')}>{(props) => <input {...props} value={filter.product} onInput={(change) => set({ product: change.currentTarget.value })} />}</Field>
        <Field label={t('Language')} hint={t('en, fr, de-CH')}>
          {(props) => <input {...props} value={filter.language} maxLength={35} onInput={(change) => set({ language: change.currentTarget.value })} />}
        </Field>
        <Field label={t('Name or description contains')}>{(props) => <input {...props} type="search" value={filter.search} onInput={(change) => set({ search: change.currentTarget.value })} />}</Field>
      </form>
      <ErrorNotice error={first.error} title={t('The library could not be loaded')} />
      {first.loading && !first.data && <Loading />}
      {first.data && items.length === 0 && <Empty>{keeper ? t('No item matches.') : t('No approved item matches.')}</Empty>}
      {items.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption>{t('Collateral, newest first')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('Item')}</th>
                <th scope="col">{t('Kind')}</th>
                <th scope="col">{t('Product')}</th>
                <th scope="col">{t('Language')}</th>
                <th scope="col">{t('Status')}</th>
                <th scope="col">{t('Current file')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <th scope="row">
                    <a href={href(`/collateral/${item.id}`)}>{item.name}</a>
                  </th>
                  <td>{humanize(item.kind)}</td>
                  <td>{item.product ?? '—'}</td>
                  <td>
                    <abbr title={item.languageName}>{item.language}</abbr>
                  </td>
                  <td>
                    <StatusBadge status={item.status} />
                  </td>
                  <td>
                    {item.currentVersion ? (
                      <DownloadButton version={item.currentVersion} label={t('Download {fileName} ({sizeBytes})', { fileName: item.currentVersion.fileName, sizeBytes: fileSize(item.currentVersion.sizeBytes) })} />
                    ) : (
                      t('No file yet')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} label={t('Show more')} errorTitle={t('More items could not be loaded')} />
      {keeper && <NewItemForm />}
    </section>
  );
}

function NewItemForm() {
  const [draft, setDraft] = useState({ name: '', kind: 'BROCHURE', product: '', language: 'en', description: '' });
  const set = (change: Partial<typeof draft>) => setDraft((current) => ({ ...current, ...change }));
  const create = useAction(() =>
    post<CollateralItemView>('/collateral', {
      name: draft.name,
      kind: draft.kind,
      language: draft.language,
      product: draft.product.trim() || undefined,
      description: draft.description.trim() || undefined,
    }),
  );
  const at = (field: string) => create.error?.detailFor(`body.${field}`);
  async function submit(submitted: Event) {
    submitted.preventDefault();
    const item = await create.run();
    if (item) navigate(`/collateral/${item.id}`);
  }
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="new-item-heading">
      <h2 id="new-item-heading">{t('New item')}</h2>
      <ErrorNotice error={create.error} title={t('The item was not created')} />
      <div class="row">
        <Field label={t('Item name')} error={at('name')}>
          {(props) => <input {...props} value={draft.name} maxLength={200} onInput={(event) => set({ name: event.currentTarget.value })} />}
        </Field>
        <Field label={t('Item kind')} error={at('kind')}>
          {(props) => (
            <select {...props} value={draft.kind} onChange={(event) => set({ kind: event.currentTarget.value })}>
              {collateralKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {humanize(kind)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('Item product')} hint={t('Optional')} error={at('product')}>
          {(props) => <input {...props} value={draft.product} maxLength={200} onInput={(event) => set({ product: event.currentTarget.value })} />}
        </Field>
        <Field label={t('Item language')} hint={t('A language tag: en, fr, de-CH')} error={at('language')}>
          {(props) => <input {...props} value={draft.language} maxLength={35} onInput={(event) => set({ language: event.currentTarget.value })} />}
        </Field>
      </div>
      <Field label={t('Description')} hint={t('Optional')} error={at('description')}>
        {(props) => <textarea {...props} value={draft.description} maxLength={2000} rows={2} onInput={(event) => set({ description: event.currentTarget.value })} />}
      </Field>
      <button type="submit" class="primary" disabled={create.busy}>
        {create.busy ? t('Creating…') : t('Create the item')}
      </button>
    </form>
  );
}
