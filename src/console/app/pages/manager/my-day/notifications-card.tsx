import { useApi } from '../../../use-api';
import { Empty, ErrorNotice, Loading } from '../../../components/notices';
import { href } from '../../../router';
import { useAccountNames } from '../account-names';
import { WhyExplanation } from '../task-why';
import { When } from '../when';
import { t } from '../../../i18n/i18n';
import { readableText } from '../../../field-errors';

interface NotificationList {
  items: {
    id: string;
    accountId: string | null;
    taskId: string | null;
    message: string;
    why: { ruleId: string; ruleKey: string; ruleVersion: number; trigger: string; conditions: string[]; dueExplanation?: string };
    createdAt: string;
  }[];
}

/** What the system told the caller (for a manager: overdue tasks of the people they manage). */
export function NotificationsCard() {
  const notifications = useApi<NotificationList>('/notifications', { limit: 20 });
  const accountNames = useAccountNames((notifications.data?.items ?? []).flatMap((item) => (item.accountId ? [item.accountId] : [])));
  return (
    <section class="card" aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">{t('Notifications')}</h2>
      <ErrorNotice error={notifications.error} />
      {notifications.loading && !notifications.data && <Loading />}
      {notifications.data && notifications.data.items.length === 0 && <Empty>{t('No notifications.')}</Empty>}
      {notifications.data && notifications.data.items.length > 0 && (
        <ul class="plain-list">
          {notifications.data.items.map((notification) => (
            <li key={notification.id}>
              <p>
                <strong>{readableText(notification.message)}</strong>
              </p>
              <div class="task-meta">
                <When iso={notification.createdAt} />
                {notification.accountId && <a href={href(`/accounts/${notification.accountId}`)}>{accountNames.get(notification.accountId) ?? t('Open account')}</a>}
              </div>
              <WhyExplanation why={notification.why} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
