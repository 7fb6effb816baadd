import type { MyPipeline } from '../../../../../home/home-reads.schemas';
import { ErrorNotice, Loading } from '../../../components/notices';
import { formatMoney, formatNumber } from '../../../format';
import { t } from '../../../i18n/i18n';
import { stageName } from '../stage-names';
import { useApi } from '../../../use-api';
import { TileCard } from './tile-card';

/** My open deals by stage: counts, the amount in my currency, and other currencies beside it, unconverted. */
export function PipelineTile({ headingId }: { headingId: string }) {
  const pipeline = useApi<MyPipeline>('/me/pipeline');
  const data = pipeline.data;
  const total = data?.stages.reduce((sum, stage) => sum + stage.amount, 0) ?? 0;
  // Each other currency totalled in its own, never converted.
  const otherTotals = new Map<string, number>();
  for (const other of data?.stages.flatMap((stage) => stage.otherCurrencies) ?? []) otherTotals.set(other.currency, (otherTotals.get(other.currency) ?? 0) + other.amount);
  return (
    <TileCard headingId={headingId} title={t('My pipeline')}>
      <ErrorNotice error={pipeline.error} title={t('Could not load your pipeline')} />
      {!data && !pipeline.error && <Loading />}
      {data && (
        <div class="table-wrap">
          <table>
            <caption class="muted">{t('Open deals, amounts in {currency}', { currency: data.currency })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('Stage')}</th>
                <th scope="col">{t('Deals')}</th>
                <th scope="col">{t('Amount')}</th>
              </tr>
            </thead>
            <tbody>
              {data.stages.map((stage) => (
                <tr key={stage.stage}>
                  <th scope="row">{stageName(stage.stage)}</th>
                  <td>{formatNumber(stage.count)}</td>
                  <td>
                    {formatMoney(stage.amount, data.currency)}
                    {stage.otherCurrencies.map((other) => (
                      <div key={other.currency} class="muted">
                        {t('and {amount}', { amount: formatMoney(other.amount, other.currency) })}
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('Total')}</th>
                <td>{formatNumber(data.stages.reduce((sum, stage) => sum + stage.count, 0))}</td>
                <td>
                  {formatMoney(total, data.currency)}
                  {[...otherTotals].map(([currency, amount]) => (
                    <div key={currency} class="muted">
                      {t('and {amount}', { amount: formatMoney(amount, currency) })}
                    </div>
                  ))}
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </TileCard>
  );
}
