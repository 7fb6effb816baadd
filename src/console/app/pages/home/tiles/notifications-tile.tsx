import { post } from '../../../api';
import { Empty, ErrorNotice, Loading } from '../../../components/notices';
import { formatDateTime } from '../../../format';
import { t, tp } from '../../../i18n/i18n';
import { href } from '../../../router';
import { useAction, useApi } from '../../../use-api';
import { useAccountNames } from '../../manager/account-names';
import { TileCard } from './tile-card';

interface Notifications {
  items: { id: string; accountId: string | null; message: string; createdAt: string }[];
  unread: number;
}

/** My unread notifications, newest first, and "Mark all read". */
export function NotificationsTile({ headingId, limit }: { headingId: string; limit: number }) {
  const list = useApi<Notifications>('/notifications', { unread: 'true', limit });
  const names = useAccountNames((list.data?.items ?? []).flatMap((item) => (item.accountId ? [item.accountId] : [])));
  const markRead = useAction(async () => {
    await post('/notifications/read', {});
    await list.reload();
  });
  const data = list.data;
  return (
    <TileCard headingId={headingId} title={t('Unread notifications')}>
      <ErrorNotice error={list.error ?? markRead.error} />
      {!data && !list.error && <Loading />}
      {data && data.items.length === 0 && <Empty>{t('Nothing unread.')}</Empty>}
      {data && data.items.length > 0 && (
        <>
          <p class="muted">{tp(data.unread, '{count} unread notification', '{count} unread notifications')}</p>
          <ul class="tile-list">
            {data.items.map((item) => (
              <li key={item.id}>
                <strong>{item.message}</strong>
                <div class="muted">
                  {formatDateTime(item.createdAt)}
                  {item.accountId && (
                    <>
                      {' · '}
                      <a href={href(`/accounts/${item.accountId}`)}>{names.get(item.accountId) ?? t('Open account')}</a>
                    </>
                  )}
                </div>
              </li>
            ))}
          </ul>
          <button type="button" disabled={markRead.busy} onClick={() => void markRead.run()}>
            {t('Mark all read')}
          </button>
        </>
      )}
    </TileCard>
  );
}
