import { useEffect, useState } from 'preact/hooks';
import type { CampaignPage, CampaignSummary } from '../../../../../campaigns/campaigns.schemas';
import { get } from '../../../api';
import { StatusBadge } from '../../../components/badge';
import { Field } from '../../../components/field';
import { Empty, ErrorNotice, Loading } from '../../../components/notices';
import { formatDateTime, humanize } from '../../../format';
import { href } from '../../../router';
import { currentUser } from '../../../session';
import { useSignal } from '../../../signal';
import { useAction, useApi } from '../../../use-api';
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
  const query = { status: status || undefined, q: q || undefined, limit: 50 };
  const first = useApi<CampaignPage>('/campaigns', query);
  const [more, setMore] = useState<CampaignSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  useEffect(() => {
    setMore([]);
    setCursor(first.data?.nextCursor ?? null);
  }, [first.data]);
  const loadMore = useAction(async () => {
    if (!cursor) return;
    const page = await get<CampaignPage>('/campaigns', { ...query, cursor });
    setMore((items) => [...items, ...page.items]);
    setCursor(page.nextCursor);
  });
  const items = [...(first.data?.items ?? []), ...more];
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
              <option value="">Any status</option>
              {campaignStatuses.map((value) => (
                <option key={value} value={value}>
                  {humanize(value)}
                </option>
              ))}
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
      <ErrorNotice error={loadMore.error} title="More campaigns could not be loaded" />
      {cursor && (
        <p>
          <button type="button" onClick={() => void loadMore.run()} disabled={loadMore.busy}>
            {loadMore.busy ? 'Loading…' : 'Show more campaigns'}
          </button>
        </p>
      )}
    </section>
  );
}
