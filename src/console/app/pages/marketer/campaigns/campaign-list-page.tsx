import { useEffect, useState } from 'preact/hooks';
import type { CampaignSummary } from '../../../../../campaigns/campaign-views.schemas';
import { StatusBadge } from '../../../components/badge';
import { Field } from '../../../components/field';
import { LoadMore } from '../../../components/load-more';
import { Empty, ErrorNotice, Loading } from '../../../components/notices';
import { StatusOptions } from '../../../components/status-options';
import { formatDateTime } from '../../../format';
import { href } from '../../../router';
import { currentUser } from '../../../session';
import { useSignal } from '../../../signal';
import { usePagedList } from '../../../use-paged-list';
import '../marketer.css';
import { campaignStatuses, mayWriteCampaigns } from './campaign-model';

/** /campaigns: newest first, filtered by status and text. */
export function CampaignListPage() {
  const me = useSignal(currentUser);
  const [status, setStatus] = useState('');
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  // The text filter waits for a pause in typing, like the segment count.
  useEffect(() => {
    const timer = window.setTimeout(() => setQ(search.trim()), 300);
    return () => window.clearTimeout(timer);
  }, [search]);
  const list = usePagedList<CampaignSummary>('/campaigns', { status: status || undefined, q: q || undefined, limit: 50 });
  const { first, items } = list;
  return (
    <section>
      <div class="page-head">
        <h1>Campaigns</h1>
        {mayWriteCampaigns(me?.role) && (
          <a class="button-link" href={href('/campaigns/new')}>
            New campaign
          </a>
        )}
      </div>
      <form class="row card" role="search" aria-label="Filter campaigns" onSubmit={(event) => event.preventDefault()}>
        <Field label="Status">
          {(props) => (
            <select {...props} value={status} onChange={(event) => setStatus(event.currentTarget.value)}>
              <StatusOptions statuses={campaignStatuses} />
            </select>
          )}
        </Field>
        <Field label="Name or description contains">
          {(props) => <input {...props} type="search" value={search} onInput={(event) => setSearch(event.currentTarget.value)} />}
        </Field>
      </form>
      <ErrorNotice error={first.error} title="The campaigns could not be loaded" />
      {first.loading && !first.data && <Loading />}
      {first.data && items.length === 0 && <Empty>No campaign matches.</Empty>}
      {items.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Campaign</th>
                <th scope="col">Status</th>
                <th scope="col" class="number">
                  Stages
                </th>
                <th scope="col">Channels</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {items.map((campaign) => (
                <tr key={campaign.id}>
                  <td>
                    <a href={href(`/campaigns/${campaign.id}`)}>{campaign.name}</a>
                    {campaign.endReason && <div class="muted">{campaign.endReason}</div>}
                  </td>
                  <td>
                    <StatusBadge status={campaign.status} />
                  </td>
                  <td class="number">{campaign.stageCount}</td>
                  <td>{campaign.channels.join(', ') || '—'}</td>
                  <td>{formatDateTime(campaign.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} label="Show more campaigns" errorTitle="More campaigns could not be loaded" />
    </section>
  );
}
