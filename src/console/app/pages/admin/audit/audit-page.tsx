import { withQuery } from '../../../api';
import { LoadMore } from '../../../components/load-more';
import { Empty, ErrorNotice, Loading } from '../../../components/notices';
import { formatDateTime } from '../../../format';
import type { PageProps } from '../../../page-route';
import { href, navigate } from '../../../router';
import { usePagedList } from '../../../use-paged-list';
import { CsvDownloadButton } from '../../marketer/reports/download-csv';
import type { AuditEntry } from '../admin-types';
import { useAllUsers } from '../users/use-all-users';
import { AuditFilters, readAuditFilters, toAuditQuery, type AuditFilterValues } from './audit-filters';
import { changedFields } from './changed-fields';
import '../admin.css';
import { t } from '../../../i18n/i18n';

const PAGE_SIZE = 50;

const filtersPath = (filters: AuditFilterValues) => withQuery('/audit', { ...filters });

/** Where an entry's entity is shown in the console, when it has a page. */
function entityPath(entry: AuditEntry): string | undefined {
  const id = entry.entityId;
  if (entry.entityType === 'calendar' || entry.entityType === 'settings') return '/settings';
  if (!id) return undefined;
  if (entry.entityType === 'user') return `/users/${id}`;
  // A rule's entries name it by its key.
  if (entry.entityType === 'rule') return `/rules/${encodeURIComponent(id)}`;
  if (entry.entityType === 'plan') return `/plans/${id}`;
  // An on-behalf decision on a campaign stage names its campaign in the change.
  const campaignId = (entry.after as { campaignId?: unknown } | null)?.campaignId;
  if (entry.entityType === 'campaign-stage' && typeof campaignId === 'string') return `/campaigns/${campaignId}`;
  return undefined;
}

/** Every admin-level change, newest first: who, when, what, and the fields it changed. */
export function AuditPage({ query }: PageProps) {
  const filters = readAuditFilters(query);
  const apiQuery = toAuditQuery(filters);
  const list = usePagedList<AuditEntry>('/audit', { ...apiQuery, limit: PAGE_SIZE });
  const { users, byId } = useAllUsers();
  // A value that is a user's id (a manager, a new owner) reads better as their name, an instant as a date.
  const shown = (value: string) => byId.get(value)?.name ?? (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) && !Number.isNaN(Date.parse(value)) ? formatDateTime(value) : value);
  const { first, items } = list;

  return (
    <section>
      <div class="page-head">
        <h1>{t('Audit log')}</h1>
        <CsvDownloadButton path="/audit" query={apiQuery} filename="audit-log.csv" label={t('Download CSV (these filters)')} />
      </div>
      <AuditFilters value={filters} users={users} onChange={(next) => navigate(filtersPath(next))} />
      <ErrorNotice error={first.error} title={t('The audit log could not be loaded')} />
      {first.loading && !first.data && <Loading label={t('Loading the audit log…')} />}
      {first.data && items.length === 0 && <Empty>{t('No change matches these filters.')}</Empty>}
      {items.length > 0 && (
        <div class="table-wrap">
          <table class="audit-table">
            <caption class="visually-hidden">{t('Changes, newest first')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('When')}</th>
                <th scope="col">{t('Who')}</th>
                <th scope="col">{t('Action')}</th>
                <th scope="col">{t('On')}</th>
                <th scope="col">{t('Changes')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((entry) => {
                const path = entityPath(entry);
                const changes = changedFields(entry.before, entry.after);
                return (
                  <tr key={entry.id}>
                    <td>
                      <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                    </td>
                    <td>{entry.actorId ? <a href={href(`/users/${entry.actorId}`)}>{entry.actorName ?? t('Unknown user')}</a> : <span class="muted">{entry.actorName ?? t('The system')}</span>}</td>
                    <td>
                      <code>{entry.action}</code>
                    </td>
                    <td class="wrap-anywhere">
                      {entry.entityType}{' '}
                      {path ? <a href={href(path)}>{entry.entityId ? shown(entry.entityId) : t('settings')}</a> : <span class="muted">{entry.entityId}</span>}
                    </td>
                    <td>
                      {changes.length === 0 ? (
                        <span class="muted">{t('No field changed')}</span>
                      ) : (
                        <ul class="changes">
                          {changes.map((change) => (
                            <li key={change.field}>
                              <strong>{change.field}</strong>:{' '}
                              {change.before !== undefined && (
                                <del>
                                  <span class="visually-hidden">{t('was')}{' '}</span>
                                  {shown(change.before)}
                                </del>
                              )}
                              {change.before !== undefined && change.after !== undefined && ' → '}
                              {change.after !== undefined && (
                                <ins>
                                  <span class="visually-hidden">{t('now')}{' '}</span>
                                  {shown(change.after)}
                                </ins>
                              )}
                            </li>
                          ))}
                        </ul>
                      )}
                      {entry.reason && <p class="audit-reason">{t('Reason: {reason}', { reason: entry.reason })}</p>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} label={t('Load more')} errorTitle={t('More entries could not be loaded')} />
    </section>
  );
}
