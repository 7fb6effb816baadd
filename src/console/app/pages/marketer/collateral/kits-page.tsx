import { useState } from 'preact/hooks';
import { patch } from '../../../api';
import { StatusBadge } from '../../../components/badge';
import { Field } from '../../../components/field';
import { Empty, ErrorNotice, Loading, Notice } from '../../../components/notices';
import { StatusOptions } from '../../../components/status-options';
import { href } from '../../../router';
import { currentUser } from '../../../session';
import { useSignal } from '../../../signal';
import { useAction, useApi } from '../../../use-api';
import '../marketer.css';
import { mayKeepCollateral, type KitView } from './collateral-model';
import { KitForm } from './kit-form';
import { t } from '../../../i18n/i18n';

const target = (kit: KitView) => [kit.segmentId ? `segment ${kit.segmentName ?? '(deleted)'}` : '', kit.channel ? `channel ${kit.channel}` : ''].filter(Boolean).join(', ');

/** /collateral-kits: bundles of approved items per segment or channel, which mailings and call tasks attach. */
export function KitsPage() {
  const me = useSignal(currentUser);
  const keeper = mayKeepCollateral(me?.role);
  const [status, setStatus] = useState('ACTIVE');
  const list = useApi<{ items: KitView[] }>('/collateral-kits', { status: status || undefined });
  const [editing, setEditing] = useState<KitView>();
  const [done, setDone] = useState('');
  const setStatusOf = useAction(async (kit: KitView, next: 'ACTIVE' | 'ARCHIVED') => {
    await patch(`/collateral-kits/${kit.id}`, { status: next });
    setDone(next === 'ARCHIVED' ? t('“{name}” archived.', { name: kit.name }) : t('“{name}” offered again.', { name: kit.name }));
    await list.reload();
  });
  const kits = list.data?.items ?? [];
  return (
    <section>
      <div class="page-head">
        <h1>{t('Kits')}</h1>
        <div class="actions">
          <a href={href('/collateral')}>{t('Collateral library')}</a>
        </div>
      </div>
      <p class="muted">{t('A kit bundles approved items for a segment or a channel; a mailing sends a kit’s items, call tasks show them.')}</p>
      <form class="row card" role="search" aria-label={t('Filter the kits')} onSubmit={(submit) => submit.preventDefault()}>
        <Field label={t('Status')}>
          {(props) => (
            <select {...props} value={status} onChange={(event) => setStatus(event.currentTarget.value)}>
              <StatusOptions statuses={['ACTIVE', 'ARCHIVED']} />
            </select>
          )}
        </Field>
      </form>
      <ErrorNotice error={list.error} title={t('The kits could not be loaded')} />
      <ErrorNotice error={setStatusOf.error} title={t('The kit did not change')} />
      {done && <Notice kind="success">{done}</Notice>}
      {list.loading && !list.data && <Loading />}
      {list.data && kits.length === 0 && <Empty>{t('No kit.')}</Empty>}
      <ul class="plain-list" aria-label={t('Kits')}>
        {kits.map((kit) => (
          <li key={kit.id} class="card">
            <h2>{kit.name}</h2>
            <div class="muted">
              <StatusBadge status={kit.status} /> {target(kit)}
            </div>
            {kit.description && <p>{kit.description}</p>}
            <ol aria-label={t('Items of {name}', { name: kit.name })}>
              {kit.items.map((item) => (
                <li key={item.itemId}>
                  <a href={href(`/collateral/${item.itemId}`)}>{item.name}</a> {item.status !== 'APPROVED' && <StatusBadge status={item.status} />}
                </li>
              ))}
            </ol>
            {keeper && (
              <div class="actions">
                {kit.status === 'ACTIVE' && (
                  <button type="button" onClick={() => setEditing(kit)}>
                    {t('Edit “{name}”', { name: kit.name })}</button>
                )}
                <button type="button" disabled={setStatusOf.busy} onClick={() => void setStatusOf.run(kit, kit.status === 'ACTIVE' ? 'ARCHIVED' : 'ACTIVE')}>
                  {kit.status === 'ACTIVE' ? t('Archive') : t('Offer again')} “{kit.name}”
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {keeper && editing && (
        <KitForm
          key={editing.id}
          kit={editing}
          onSaved={() => {
            setEditing(undefined);
            void list.reload();
          }}
          onCancel={() => setEditing(undefined)}
        />
      )}
      {keeper && !editing && <KitForm onSaved={() => void list.reload()} />}
    </section>
  );
}
