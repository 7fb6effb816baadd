import { WorkflowLink } from '../../../components/workflow-link';
import { useState } from 'preact/hooks';
import { StatusBadge } from '../../../components/badge';
import { ErrorNotice, Loading, Notice } from '../../../components/notices';
import { humanize } from '../../../format';
import type { PageProps } from '../../../page-route';
import { href } from '../../../router';
import { currentUser } from '../../../session';
import { useSignal } from '../../../signal';
import { useApi } from '../../../use-api';
import { useUsers } from '../../../use-users';
import { mayWorkAccounts, useTakeAccount } from '../take-account';
import type { AccountPage as AccountPageData, AccountTimer, ActivityResult } from './account-types';
import { ActivityResultNotice } from './activity-result';
import { ContactsCard } from './contacts-card';
import { DirectivesCard } from './directives-card';
import { LogActivityForm } from './log-activity-form';
import { OpenTasksCard } from './open-tasks-card';
import { PlansCard } from './plans-card';
import { Timeline } from './timeline';
import { TimersCard } from './timers-card';
import '../manager.css';

interface TimerPage {
  items: AccountTimer[];
  nextCursor: string | null;
}

export function AccountPage({ params }: PageProps) {
  const me = useSignal(currentUser);
  const page = useApi<AccountPageData>(`/accounts/${params.id}`);
  const timers = useApi<TimerPage>(`/accounts/${params.id}/timers`, { limit: 200 });
  const { nameOf } = useUsers({ meAs: 'you' });
  const take = useTakeAccount();
  const [logged, setLogged] = useState<ActivityResult>();
  const [tookIt, setTookIt] = useState(false);
  const reload = () => Promise.all([page.reload(), timers.reload()]);

  if (!page.data) {
    return (
      <section>
        <h1>Account</h1>
        <ErrorNotice error={page.error} title="Could not load the account" />
        {page.loading && <Loading label="Loading the account…" />}
        <p>
          <a href={href('/accounts')}>Back to accounts</a>
        </p>
      </section>
    );
  }

  const { account } = page.data;
  const owned = account.ownerId !== null && account.ownerId === me?.id;
  const mayWork = mayWorkAccounts(me?.role) && !account.archivedAt && (owned || me?.role === 'admin');
  const mayLog = mayWork && account.status !== 'NEW';
  const mayTake = mayWorkAccounts(me?.role) && account.status === 'NEW' && account.ownerId === null && !account.archivedAt;

  return (
    <section>
      <p>
        <a href={href('/accounts')}>← Accounts</a>
      </p>
      <div class="page-head">
        <h1>{account.name}</h1>
        {mayTake && (
          <button
            type="button"
            class="primary"
            disabled={take.busy}
            onClick={async () => {
              if (await take.run(account.id)) {
                setTookIt(true);
                await reload();
              }
            }}
          >
            {take.busy ? 'Taking…' : 'Take into work'}
          </button>
        )}
        <WorkflowLink workflowId={page.data.workflowId} />
      </div>
      <dl class="account-facts">
        <div>
          <dt>Status</dt>
          <dd>
            <StatusBadge status={account.status} />
          </dd>
        </div>
        <div>
          <dt>Owner</dt>
          <dd>{account.ownerId ? (nameOf(account.ownerId) ?? 'Someone') : 'Nobody yet (in the NEW pool)'}</dd>
        </div>
        {account.segment && (
          <div>
            <dt>Segment</dt>
            <dd>{account.segment}</dd>
          </div>
        )}
        <div>
          <dt>Time zone</dt>
          <dd>{account.timeZone}</dd>
        </div>
        {account.leadSource && (
          <div>
            <dt>Lead source</dt>
            <dd>{account.leadSource}</dd>
          </div>
        )}
      </dl>
      <ErrorNotice error={take.error} title="Could not take the account" />
      <ErrorNotice error={page.error} title="Could not refresh the account" />
      {tookIt && <Notice kind="success">You took this account into work: it is now {humanize(account.status)} and yours. Log your first contact below.</Notice>}
      {account.archivedAt && <Notice kind="warning">Archived{account.archivedReason ? `: ${account.archivedReason}` : ''}. Its history stays; it changes no more.</Notice>}
      {mayLog && (
        <>
          <LogActivityForm
            page={page.data}
            onLogged={(result) => {
              setLogged(result);
              void reload();
            }}
          />
          {logged && <ActivityResultNotice result={logged} />}
        </>
      )}
      <div class="grid">
        <OpenTasksCard tasks={page.data.openTasks} onChanged={() => void reload()} />
        <TimersCard timers={page.data.pendingTimers} mayChange={mayWork} onChanged={() => void reload()} />
      </div>
      <section class="card" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        <ErrorNotice error={timers.error} title="Could not load the timers' history" />
        <Timeline activities={page.data.activities} statusHistory={page.data.statusHistory} ownerChanges={page.data.ownerChanges} timers={timers.data?.items ?? []} nameOf={nameOf} />
      </section>
      <div class="grid">
        <ContactsCard contacts={page.data.contacts} />
        <DirectivesCard accountId={account.id} />
        <PlansCard page={page.data} />
      </div>
    </section>
  );
}
