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
import { DealsSection } from './deals-section';
import { InstalledProductsSection } from './installed-products-section';
import { DirectivesCard } from './directives-card';
import { LogActivityForm } from './log-activity-form';
import { OpenTasksCard } from './open-tasks-card';
import { PlansCard } from './plans-card';
import { Timeline } from './timeline';
import { TimersCard } from './timers-card';
import { CampaignsSection } from './campaigns-section';
import { EventsSection } from './events-section';
import { KeyContactsSection } from './key-contacts-section';
import { MailsSection } from './mails-section';
import { ResponsesSection } from './responses-section';
import { accountTriggerWords, TriggerWords } from './trigger-words';
import '../manager.css';
import { msg, t } from '../../../i18n/i18n';

interface TimerPage {
  items: AccountTimer[];
  nextCursor: string | null;
}

export function AccountPage({ params }: PageProps) {
  const me = useSignal(currentUser);
  const page = useApi<AccountPageData>(`/accounts/${params.id}`);
  const timers = useApi<TimerPage>(`/accounts/${params.id}/timers`, { limit: 200 });
  const { nameOf } = useUsers({ meAs: msg('you') });
  const take = useTakeAccount();
  const [logged, setLogged] = useState<ActivityResult>();
  const [tookIt, setTookIt] = useState(false);
  const [dealsChanged, setDealsChanged] = useState(0);
  const reload = () => Promise.all([page.reload(), timers.reload()]);

  if (!page.data) {
    return (
      <section>
        <h1>{t('Account')}</h1>
        <ErrorNotice error={page.error} title={t('Could not load the account')} />
        {page.loading && <Loading label={t('Loading the account…')} />}
        <p>
          <a href={href('/accounts')}>{t('Back to accounts')}</a>
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
    <TriggerWords.Provider value={accountTriggerWords(page.data.activities)}>
    <section>
      <p>
        <a href={href('/accounts')}>{t('← Accounts')}</a>
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
            {take.busy ? t('Taking…') : t('Take into work')}
          </button>
        )}
        <WorkflowLink workflowId={page.data.workflowId} />
      </div>
      <dl class="account-facts">
        <div>
          <dt>{t('Status')}</dt>
          <dd>
            <StatusBadge status={account.status} />
          </dd>
        </div>
        <div>
          <dt>{t('Owner')}</dt>
          <dd>{account.ownerId ? (nameOf(account.ownerId) ?? t('Someone')) : t('Nobody yet (in the NEW pool)')}</dd>
        </div>
        {account.segment && (
          <div>
            <dt>{t('Segment')}</dt>
            <dd>{account.segment}</dd>
          </div>
        )}
        <div>
          <dt>{t('Time zone')}</dt>
          <dd>{account.timeZone}</dd>
        </div>
        {account.leadSource && (
          <div>
            <dt>{t('Lead source')}</dt>
            <dd>{account.leadSource}</dd>
          </div>
        )}
      </dl>
      <ErrorNotice error={take.error} title={t('Could not take the account')} />
      <ErrorNotice error={page.error} title={t('Could not refresh the account')} />
      {tookIt && <Notice kind="success">{t('You took this account into work: it is now {status} and yours. Log your first contact below.', { status: humanize(account.status) })}</Notice>}
      {account.archivedAt && <Notice kind="warning">{t('Archived')}{account.archivedReason ? `: ${account.archivedReason}` : ''}{t('. Its history stays; it changes no more.')}</Notice>}
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
        <h2 id="timeline-heading">{t('Timeline')}</h2>
        <ErrorNotice error={timers.error} title={t('Could not load the timers\' history')} />
        <Timeline activities={page.data.activities} statusHistory={page.data.statusHistory} ownerChanges={page.data.ownerChanges} timers={timers.data?.items ?? []} nameOf={nameOf} />
      </section>
      <div class="grid">
        <ContactsCard contacts={page.data.contacts} />
        <DirectivesCard accountId={account.id} />
        <PlansCard page={page.data} />
      </div>
      {/* The full customer view: each section pages on its own (GET /accounts/:id/<section>). */}
      <div class="grid">
        <KeyContactsSection key={page.data.activities[0]?.id} accountId={account.id} />
        <CampaignsSection accountId={account.id} />
      </div>
      <div class="grid">
        <MailsSection accountId={account.id} />
        <ResponsesSection key={page.data.activities[0]?.id} accountId={account.id} />
        <EventsSection accountId={account.id} />
      </div>
      <DealsSection accountId={account.id} mayChange={mayWork} onChanged={() => {
          setDealsChanged((count) => count + 1);
          void page.reload();
        }} />
      <InstalledProductsSection key={dealsChanged} accountId={account.id} />
    </section>
    </TriggerWords.Provider>
  );
}
