import { useEffect, useState } from 'preact/hooks';
import { StatusBadge } from '../../../components/badge';
import { ErrorNotice, Loading, Notice } from '../../../components/notices';
import { WorkflowLink } from '../../../components/workflow-link';
import { humanize } from '../../../format';
import type { PageProps } from '../../../page-route';
import { href } from '../../../router';
import { currentUser } from '../../../session';
import { useSignal } from '../../../signal';
import { useApi } from '../../../use-api';
import { useUsers } from '../../../use-users';
import { WorkFundingCard } from '../budgets/work-funding-card';
import { CollateralUsageCard } from '../stock/collateral-usage-card';
import '../marketer.css';
import { EventActions } from './event-actions';
import { mayPlanEvents, type EventView } from './event-model';
import { EventSummary } from './event-summary';
import { EventTabs } from './event-tabs';
import { EventTasksCard } from './event-tasks-card';
import './events.css';
import { msg, t } from '../../../i18n/i18n';

/** /events/:id: the plan, its tasks and counts, and what a marketer can do with it. */
export function EventPage({ params, query }: PageProps) {
  const me = useSignal(currentUser);
  const event = useApi<EventView>(`/events/${params.id}`);
  const users = useUsers({ meAs: msg('you') });
  const [notice, setNotice] = useState<string>();
  // Moves on when scheduling is refused: the Budget funding card reloads to say why and offer to ask.
  const [fundingVersion, setFundingVersion] = useState(0);
  useEffect(() => {
    if (query.get('scheduled') === '1') setNotice(t('Scheduled: registration opens on its date, tasks are open and the reminders are planned.'));
    else if (query.get('copied') === '1') setNotice(t('Copied into this new draft.'));
    else setNotice(undefined);
  }, [params.id]);

  if (!event.data) return event.error ? <ErrorNotice error={event.error} title={t('The event could not be loaded')} /> : <Loading />;
  const view = event.data;
  const onChanged = (answer: EventView, what: string) => {
    setNotice(t('{what}: the event is now {value}.', { what, value: humanize(answer.status).toLowerCase() }));
    void event.reload();
  };
  return (
    <section>
      <div class="page-head">
        <h1>
          {view.name} <StatusBadge status={view.status} />
        </h1>
        <div class="actions">
          <a href={href('/events')}>{t('All events')}</a>
          <WorkflowLink workflowId={view.workflowId} />
        </div>
      </div>
      <EventTabs eventId={view.id} />
      {notice && <Notice kind="success">{notice}</Notice>}
      <ErrorNotice error={event.error} title={t('The latest state could not be loaded')} />
      {mayPlanEvents(me?.role) && <EventActions key={view.status} event={view} onChanged={onChanged} onScheduleRefused={() => setFundingVersion((version) => version + 1)} />}
      {view.status === 'DRAFT' && <WorkFundingCard work={{ eventId: view.id }} version={fundingVersion} />}
      <EventSummary event={view} nameOf={users.nameOf} />
      <EventTasksCard eventId={view.id} timeZone={view.timeZone} tasks={view.tasks} nameOf={users.nameOf} onCompleted={(task) => (setNotice(t('Task “{title}” completed.', { title: task.title })), void event.reload())} />
      <CollateralUsageCard path={`/events/${view.id}/collateral-usage`} />
    </section>
  );
}
