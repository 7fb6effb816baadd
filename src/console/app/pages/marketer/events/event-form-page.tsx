import { useState } from 'preact/hooks';
import { api } from '../../../api';
import { ErrorNotice, Loading, Notice } from '../../../components/notices';
import { humanize } from '../../../format';
import type { PageProps } from '../../../page-route';
import { href, navigate, replacePath } from '../../../router';
import { useAction, useApi } from '../../../use-api';
import { useUsers } from '../../../use-users';
import '../marketer.css';
import { EventDetailsForm, type CampaignChoice } from './event-details-form';
import { draftFromView, emptyEventDraft, eventForApi, type EventDraft } from './event-draft';
import { EventCostsForm, EventSourcesForm, EventTeamForm } from './event-lists-form';
import { isChangeable, type EventView } from './event-model';
import './events.css';
import { t } from '../../../i18n/i18n';

/** /events/new and /events/:id/edit: the plan of a draft or scheduled event. */
export function EventFormPage({ params }: PageProps) {
  const loaded = useApi<EventView>(params.id ? `/events/${params.id}` : null);
  if (!params.id) return <EventForm key="new" />;
  if (loaded.error) return <ErrorNotice error={loaded.error} title={t('The event could not be loaded')} />;
  if (!loaded.data) return <Loading />;
  if (!isChangeable(loaded.data.status)) {
    return (
      <section>
        <h1>{t('Edit “{name}”', { name: loaded.data.name })}</h1>
        <Notice kind="warning">
          {t('This event is {value}: it is kept as it was. Copy it as a template from', { value: humanize(loaded.data.status).toLowerCase() })}{' '}<a href={href(`/events/${loaded.data.id}`)}>{t('its page')}</a>{' '}{t('to plan a new one.')}</Notice>
      </section>
    );
  }
  return <EventForm key={loaded.data.id} saved={loaded.data} />;
}

function EventForm({ saved }: { saved?: EventView }) {
  const [draft, setDraft] = useState<EventDraft>(() => (saved ? draftFromView(saved) : emptyEventDraft()));
  const [event, setEvent] = useState<EventView | undefined>(saved);
  const [notice, setNotice] = useState<string>();
  const users = useUsers();
  const campaigns = useApi<{ items: CampaignChoice[] }>('/campaigns', { limit: 200 });
  const change = (part: Partial<EventDraft>) => setDraft((current) => ({ ...current, ...part }));

  const save = useAction(async (): Promise<EventView> => {
    const answer = event ? await api<EventView>('PATCH', `/events/${event.id}`, eventForApi(draft, null)) : await api<EventView>('POST', '/events', eventForApi(draft, undefined));
    // The draft exists now: later saves change it, and the address follows without reloading the page.
    if (!event) replacePath('/events/new', `/events/${answer.id}/edit`);
    setEvent(answer);
    setDraft(draftFromView(answer));
    return answer;
  });
  const schedule = useAction((id: string) => api<EventView>('POST', `/events/${id}/schedule`));

  async function saveDraft(submit: Event) {
    submit.preventDefault();
    setNotice(undefined);
    schedule.clearError();
    const answer = await save.run();
    if (answer) setNotice(t('“{name}” saved ({value}).', { name: answer.name, value: humanize(answer.status).toLowerCase() }));
  }

  async function saveAndSchedule() {
    setNotice(undefined);
    schedule.clearError();
    const answer = await save.run();
    if (!answer) return;
    if (answer.status === 'SCHEDULED') return navigate(`/events/${answer.id}`);
    const scheduled = await schedule.run(answer.id);
    if (scheduled) navigate(`/events/${scheduled.id}?scheduled=1`);
  }

  const busy = save.busy || schedule.busy;
  const formProps = { draft, error: save.error, users: users.users, onChange: change };
  return (
    <section>
      <div class="page-head">
        <h1>{event ? t('Plan of “{name}”', { name: event.name }) : t('New event')}</h1>
        <div class="actions">
          <a href={href('/events')}>{t('All events')}</a>
          {event && <a href={href(`/events/${event.id}`)}>{t('Event page')}</a>}
        </div>
      </div>
      {notice && <Notice kind="success">{notice}</Notice>}
      <ErrorNotice error={save.error} title={t('The event was not saved')} />
      <ErrorNotice error={schedule.error} title={t('The event was saved but not scheduled')} />
      <ErrorNotice error={users.error} title={t('Users could not be loaded')} />
      <ErrorNotice error={campaigns.error} title={t('Campaigns could not be loaded')} />
      <form onSubmit={saveDraft} noValidate>
        <EventDetailsForm draft={draft} error={save.error} users={users.users} campaigns={campaigns.data?.items ?? []} onChange={change} />
        <EventSourcesForm {...formProps} />
        <EventCostsForm {...formProps} />
        <EventTeamForm {...formProps} />
        <div class="actions">
          <button type="submit" disabled={busy}>
            {save.busy && !schedule.busy ? t('Saving…') : event?.status === 'SCHEDULED' ? t('Save changes') : t('Save draft')}
          </button>
          {event?.status !== 'SCHEDULED' && (
            <button type="button" class="primary" disabled={busy} onClick={() => void saveAndSchedule()}>
              {schedule.busy ? t('Scheduling…') : t('Save and schedule')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
