import { useState } from 'preact/hooks';
import { del, patch, post } from '../../../api';
import { StatusBadge } from '../../../components/badge';
import { Field } from '../../../components/field';
import { LoadMore } from '../../../components/load-more';
import { Empty, ErrorNotice, Loading, Notice } from '../../../components/notices';
import { StatusOptions } from '../../../components/status-options';
import { formatDate } from '../../../format';
import { currentUser } from '../../../session';
import { useSignal } from '../../../signal';
import { useAction } from '../../../use-api';
import { usePagedList } from '../../../use-paged-list';
import { userLabel, useUsers } from '../../../use-users';
import '../marketer.css';
import { DirectiveText } from './directive-text';
import { mayKeepCollateral, type DirectiveView } from './collateral-model';
import { t } from '../../../i18n/i18n';

const validity = ({ validFrom, validUntil }: DirectiveView) =>
  validFrom && validUntil ? t('Valid {validFrom} – {validUntil}', { validFrom: formatDate(validFrom), validUntil: formatDate(validUntil) }) : validFrom ? t('Valid from {validFrom}', { validFrom: formatDate(validFrom) }) : validUntil ? t('Valid until {validUntil}', { validUntil: formatDate(validUntil) }) : '';

/** /directives: what sellers should say, company-wide, per team and per product; marketers write them. */
export function DirectivesPage() {
  const me = useSignal(currentUser);
  const keeper = mayKeepCollateral(me?.role);
  const [status, setStatus] = useState('ACTIVE');
  const list = usePagedList<DirectiveView>('/directives', { status: status || undefined, limit: 50 });
  const [done, setDone] = useState('');
  const change = useAction(async (directive: DirectiveView, what: 'archive' | 'delete') => {
    if (what === 'archive') await patch(`/directives/${directive.id}`, { status: 'ARCHIVED' });
    else await del(`/directives/${directive.id}`);
    setDone(`“${directive.title}” ${what === 'archive' ? 'archived' : 'deleted'}.`);
    await list.first.reload();
  });
  return (
    <section>
      <div class="page-head">
        <h1>{t('Messaging directives')}</h1>
      </div>
      <p class="muted">{t('Shown to sellers on each account’s page: company-wide ones, those for their team, and those for the products the account’s plans and objectives name.')}</p>
      <form class="row card" role="search" aria-label={t('Filter the directives')} onSubmit={(submit) => submit.preventDefault()}>
        <Field label={t('Status')}>
          {(props) => (
            <select {...props} value={status} onChange={(event) => setStatus(event.currentTarget.value)}>
              <StatusOptions statuses={['ACTIVE', 'ARCHIVED']} />
            </select>
          )}
        </Field>
      </form>
      <ErrorNotice error={list.first.error} title={t('The directives could not be loaded')} />
      <ErrorNotice error={change.error} title={t('The directive did not change')} />
      {done && <Notice kind="success">{done}</Notice>}
      {list.first.loading && !list.first.data && <Loading />}
      {list.first.data && list.items.length === 0 && <Empty>{t('No directive.')}</Empty>}
      <ul class="plain-list" aria-label={t('Directives')}>
        {list.items.map((directive) => (
          <li key={directive.id} class="card">
            <DirectiveText directive={directive} />
            <div class="muted">
              <StatusBadge status={directive.status} /> {validity(directive)}
            </div>
            {keeper && (
              <div class="actions">
                {directive.status === 'ACTIVE' && (
                  <button type="button" disabled={change.busy} onClick={() => void change.run(directive, 'archive')}>
                    {t('Archive “{title}”', { title: directive.title })}</button>
                )}
                <button type="button" disabled={change.busy} onClick={() => void change.run(directive, 'delete')}>
                  {t('Delete “{title}”', { title: directive.title })}</button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <LoadMore list={list} label={t('Show more')} errorTitle={t('More directives could not be loaded')} />
      {keeper && <NewDirectiveForm onCreated={() => void list.first.reload()} />}
    </section>
  );
}

function NewDirectiveForm({ onCreated }: { onCreated: () => void }) {
  const { users } = useUsers();
  const empty = { title: '', text: '', teamLeadId: '', product: '', validFrom: '', validUntil: '' };
  const [draft, setDraft] = useState(empty);
  const [created, setCreated] = useState('');
  const set = (change: Partial<typeof draft>) => setDraft((current) => ({ ...current, ...change }));
  const create = useAction(() =>
    post<DirectiveView>('/directives', {
      title: draft.title,
      text: draft.text,
      teamLeadId: draft.teamLeadId || undefined,
      product: draft.product.trim() || undefined,
      validFrom: draft.validFrom || undefined,
      validUntil: draft.validUntil || undefined,
    }),
  );
  const at = (field: string) => create.error?.detailFor(`body.${field}`);
  async function submit(submitted: Event) {
    submitted.preventDefault();
    const directive = await create.run();
    if (directive) {
      setCreated(t('“{title}” saved.', { title: directive.title }));
      setDraft(empty);
      onCreated();
    }
  }
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="new-directive-heading">
      <h2 id="new-directive-heading">{t('New directive')}</h2>
      <ErrorNotice error={create.error} title={t('The directive was not saved')} />
      {created && <Notice kind="success">{created}</Notice>}
      <Field label={t('Title')} error={at('title')}>
        {(props) => <input {...props} value={draft.title} maxLength={200} onInput={(event) => set({ title: event.currentTarget.value })} />}
      </Field>
      <Field label={t('What to say')} hint={t('Up to 5,000 characters')} error={at('text')}>
        {(props) => <textarea {...props} value={draft.text} maxLength={5000} rows={4} onInput={(event) => set({ text: event.currentTarget.value })} />}
      </Field>
      <div class="row">
        <Field label={t('Team')} hint={t('A manager: for them and everyone reporting to them')} error={at('teamLeadId')}>
          {(props) => (
            <select {...props} value={draft.teamLeadId} onChange={(event) => set({ teamLeadId: event.currentTarget.value })}>
              <option value="">{t('The whole company')}</option>
              {users.map((user) => (
                <option key={user.id} value={user.id}>
                  {userLabel(user)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('Directive product')} hint={t('Optional: every product when empty')} error={at('product')}>
          {(props) => <input {...props} value={draft.product} maxLength={200} onInput={(event) => set({ product: event.currentTarget.value })} />}
        </Field>
        <Field label={t('Valid from')} error={at('validFrom')}>
          {(props) => <input {...props} type="date" value={draft.validFrom} onInput={(event) => set({ validFrom: event.currentTarget.value })} />}
        </Field>
        <Field label={t('Valid until')} error={at('validUntil')}>
          {(props) => <input {...props} type="date" value={draft.validUntil} onInput={(event) => set({ validUntil: event.currentTarget.value })} />}
        </Field>
      </div>
      <button type="submit" class="primary" disabled={create.busy}>
        {create.busy ? t('Saving…') : t('Save the directive')}
      </button>
    </form>
  );
}
