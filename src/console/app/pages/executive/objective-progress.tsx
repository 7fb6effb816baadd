import type { ObjectiveProgress } from '../../../../plan-progress/progress.schemas';
import { ChartView } from '../../components/chart';
import { Progress } from '../../components/progress';
import { Empty, ErrorNotice, Loading } from '../../components/notices';
import { formatNumber, formatPercent } from '../../format';
import { useApi } from '../../use-api';
import { useReloadOn } from './use-reload-on';
import { chartColors } from '../../components/chart-colors';

const SHOWN_ACCOUNTS = 10;

/** One objective: its total against the target, and the accounts that did most, as a chart and a table. */
export function ObjectiveProgressView({ objectiveId, version }: { objectiveId: string; version: number }) {
  const progress = useApi<ObjectiveProgress>(`/objectives/${objectiveId}/progress`, { limit: SHOWN_ACCOUNTS });
  useReloadOn(version, progress.reload);
  const data = progress.data;
  const headingId = `objective-${objectiveId}`;
  return (
    <article class="objective" aria-labelledby={headingId}>
      {data ? (
        <>
          <h3 id={headingId}>{data.name}</h3>
          <p class="muted">
            {data.kind} · target {formatNumber(data.target)} {data.unit} · {data.appliesToAll ? 'applies to all accounts' : `applied to ${formatNumber(data.accountCount)} account${data.accountCount === 1 ? '' : 's'}`}
          </p>
          <Progress label={`${data.name}: done`} done={data.done} total={data.target} />
          {data.perAccount.length === 0 ? (
            <Empty>No account yet: apply the objective to accounts to follow them here.</Empty>
          ) : (
            <>
              <ChartView
                label={`${data.name}: done per account, top ${data.perAccount.length}; the same figures are in the table below`}
                height={Math.max(140, data.perAccount.length * 32)}
                config={{
                  type: 'bar',
                  data: { labels: data.perAccount.map((row) => row.accountName), datasets: [{ label: 'Done', data: data.perAccount.map((row) => row.done), backgroundColor: chartColors.blue }] },
                  options: { indexAxis: 'y', scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
                }}
              />
              <div class="table-wrap">
                <table>
                  <caption class="visually-hidden">{data.name}: done per account</caption>
                  <thead>
                    <tr>
                      <th scope="col">Account</th>
                      <th scope="col" class="number">Done</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.perAccount.map((row) => (
                      <tr key={row.accountId}>
                        <th scope="row">{row.accountName}</th>
                        <td class="number">{formatNumber(row.done)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p class="muted">
                Total {formatNumber(data.done)} of {formatNumber(data.target)} ({formatPercent(data.ratio)}).
              </p>
            </>
          )}
        </>
      ) : progress.error ? (
        <ErrorNotice error={progress.error} title="This objective's progress could not be loaded" />
      ) : (
        <Loading label="Loading the objective's progress…" />
      )}
    </article>
  );
}
