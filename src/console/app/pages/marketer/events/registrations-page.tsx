import { useRef, useState } from 'preact/hooks';
import { post } from '../../../api';
import { StatusBadge } from '../../../components/badge';
import { Field } from '../../../components/field';
import { LoadMore } from '../../../components/load-more';
import { Empty, ErrorNotice, Loading, Notice } from '../../../components/notices';
import { StatusOptions } from '../../../components/status-options';
import { formatDateTime, humanize } from '../../../format';
import type { PageProps } from '../../../page-route';
import { currentUser } from '../../../session';
import { useSignal } from '../../../signal';
import { useAction, useApi } from '../../../use-api';
import { usePagedList } from '../../../use-paged-list';
import '../marketer.css';
import { AddRegistrationForm } from './add-registration-form';
import { channelLabels, mayPlanEvents, registrationStatuses, type EventView, type PaymentState, type RegistrationView } from './event-model';
import { EventTabs } from './event-tabs';
import './events.css';
import { ImportRegistrations } from './import-registrations';
import { useDebounced } from '../../../use-debounced';
import { t } from '../../../i18n/i18n';

/** /events/:id/registrations: who registered (searchable, by status), add one, cancel, mark paid or waived, import a CSV. */
export function RegistrationsPage({ params }: PageProps) {
  const eventId = params.id!;
  const me = useSignal(currentUser);
  const event = useApi<EventView>(`/events/${eventId}`);
  const [status, setStatus] = useState('');
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const list = usePagedList<RegistrationView>(`/events/${eventId}/registrations`, { status: status || undefined, q: q || undefined, limit: 50 });
  const [notice, setNotice] = useState<string>();
  // An import or a registration may answer after the filters changed: it reloads the list as filtered now.
  const reloadList = useRef(list.first.reload);
  reloadList.current = list.first.reload;
  const refresh = (message?: string) => {
    setNotice(message);
    void reloadList.current();
    void event.reload();
  };
  const view = event.data;
  const staffMayRegister = view?.status === 'SCHEDULED';
  const planner = mayPlanEvents(me?.role);
  return (
    <section>
      <div class="page-head">
        <h1>{t('Registrations')}{view ? `: ${view.name}` : ''}</h1>
      </div>
      <EventTabs eventId={eventId} />
      <ErrorNotice error={event.error} title={t('The event could not be loaded')} />
      {notice && <Notice kind="success">{notice}</Notice>}
      {view && (
        <p class="muted">
          {t('{registered} registered', { registered: view.counts.registered })}{view.capacity !== null ? (' ' + t('(capacity {capacity})', { capacity: view.capacity })) : ''}{t(', {waiting} waiting, {cancelled} cancelled, {attended} attended.', { waiting: view.counts.waiting, cancelled: view.counts.cancelled, attended: view.counts.attended })}</p>
      )}
      <form class="row card" role="search" aria-label={t('Filter registrations')} onSubmit={(submit) => submit.preventDefault()}>
        <Field label={t('Status')}>
          {(props) => (
            <select {...props} value={status} onChange={(change) => setStatus(change.currentTarget.value)}>
              <StatusOptions statuses={registrationStatuses} />
            </select>
          )}
        </Field>
        <Field label={t('Name or e-mail contains')}>{(props) => <input {...props} type="search" value={search} onInput={(change) => setSearch(change.currentTarget.value)} />}</Field>
      </form>
      <ErrorNotice error={list.first.error} title={t('The registrations could not be loaded')} />
      {list.first.loading && !list.first.data && <Loading />}
      {list.first.data && list.items.length === 0 && <Empty>{t('No registration matches.')}</Empty>}
      {list.items.length > 0 && view && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('Person')}</th>
                <th scope="col">{t('Status')}</th>
                <th scope="col">{t('Source')}</th>
                {view.price !== null && <th scope="col">{t('Payment')}</th>}
                <th scope="col">{t('Registered')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('Actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((registration) => (
                <RegistrationRow key={registration.id} event={view} registration={registration} planner={planner} onChanged={refresh} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} label={t('Show more registrations')} errorTitle={t('More registrations could not be loaded')} />
      {view && staffMayRegister && (
        <div class="grid event-forms">
          <AddRegistrationForm event={view} mayMarkPaid={planner} onAdded={() => refresh()} />
          <ImportRegistrations eventId={eventId} onImported={() => refresh()} />
        </div>
      )}
      {view && !staffMayRegister && <p class="muted">{t('People are registered here once the event is scheduled, until it ends.')}</p>}
    </section>
  );
}

function RegistrationRow({ event, registration, planner, onChanged }: { event: EventView; registration: RegistrationView; planner: boolean; onChanged(message: string): void }) {
  const cancel = useAction(() => post<{ registration: RegistrationView; promoted: RegistrationView | null }>(`/events/${event.id}/registrations/${registration.id}/cancel`));
  const pay = useAction((state: PaymentState) => post<RegistrationView>(`/events/${event.id}/registrations/${registration.id}/payment`, { state }));
  const busy = cancel.busy || pay.busy;
  const who = registration.name;
  async function runCancel() {
    const answer = await cancel.run();
    if (answer) onChanged(t('{who}’s registration is cancelled.', { who }) + (answer.promoted ? t(' {name} moved up from the waiting list.', { name: answer.promoted.name }) : ''));
  }
  async function runPayment(state: PaymentState) {
    const answer = await pay.run(state);
    if (answer) onChanged(`${who}: ${humanize(state).toLowerCase()}${answer.amountPaid ? ` (${answer.amountPaid} ${event.currency ?? ''})` : ''}.`);
  }
  return (
    <tr>
      <td>
        <strong>{who}</strong>
        {/* A private person's account bears their own name: said once. */}
        <div class="muted">{[registration.email, registration.accountName === who ? null : registration.accountName].filter(Boolean).join(' · ')}</div>
        {registration.createdAccount && <div class="muted">{t('New account in the pool')}</div>}
      </td>
      <td>
        <StatusBadge status={registration.status} />
        {registration.waitingPosition !== null && <div class="muted">{t('Position {waitingPosition}', { waitingPosition: registration.waitingPosition })}</div>}
        {registration.checkedInAt && <div>{t('Checked in {checkedInAt}', { checkedInAt: formatDateTime(registration.checkedInAt) })}</div>}
        {registration.noShow && <div class="muted">{t('No-show')}</div>}
      </td>
      <td>
        {registration.sourceCode ?? '—'}
        <div class="muted">
          {t(channelLabels[registration.channel])}
          {registration.invited ? t(', invited') : ''}
        </div>
      </td>
      {event.price !== null && (
        <td>
          {registration.payment ? humanize(registration.payment) : '—'}
          {registration.amountPaid && <div class="muted">{`${registration.amountPaid} ${event.currency ?? ''}`}</div>}
        </td>
      )}
      <td>{formatDateTime(registration.registeredAt)}</td>
      <td>
        <div class="actions">
          {registration.status !== 'CANCELLED' && (
            <button type="button" disabled={busy} aria-label={t('Cancel the registration of {who}', { who })} onClick={() => void runCancel()}>
              {t('Cancel')}</button>
          )}
          {planner && event.price !== null && registration.status !== 'CANCELLED' && registration.payment !== 'PAID' && (
            <button type="button" disabled={busy} aria-label={t('Mark {who} paid', { who })} onClick={() => void runPayment('PAID')}>
              {t('Mark paid')}</button>
          )}
          {planner && event.price !== null && registration.status !== 'CANCELLED' && registration.payment !== 'WAIVED' && (
            <button type="button" disabled={busy} aria-label={t('Waive the payment of {who}', { who })} onClick={() => void runPayment('WAIVED')}>
              {t('Waive')}</button>
          )}
        </div>
        <ErrorNotice error={cancel.error ?? pay.error} title={t('Not changed')} />
      </td>
    </tr>
  );
}
