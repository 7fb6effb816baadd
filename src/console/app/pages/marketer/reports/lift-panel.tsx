import type { CampaignLift, LiftCell, ProportionLift } from '../../../../../reports/lift.schemas';
import { formatMoney, formatNumber, formatPercent, humanize } from '../../../format';
import { msg, t } from '../../../i18n/i18n';

/** A difference of rates in percentage points, signed: "+9.8 pts". */
const formatPoints = (difference: number) => `${difference > 0 ? '+' : difference < 0 ? '−' : ''}${t('{points} pts', { points: Math.abs(difference * 100).toFixed(1) })}`;
const formatRelative = (ratio: number | null) => (ratio === null ? '—' : `${ratio > 0 ? '+' : ratio < 0 ? '−' : ''}${Math.abs(ratio * 100).toFixed(1)} %`);
const formatPValue = (p: number | null) => (p === null ? '—' : p < 0.0001 ? '< 0.0001' : p.toFixed(4));

const cellTitles = { TARGET: msg('Target cell (mailed, called)'), TEST: msg('Test cell (kept apart)') } as const;

/** The target cell against the test cell of the campaign's own list: did mailing and calling make a difference? */
export function LiftPanel({ lift, currency }: { lift: CampaignLift; currency: string | null }) {
  const listed = lift.target.contacts + lift.test.contacts > 0;
  return (
    <section class="card lift-panel" aria-labelledby="lift-heading">
      <h2 id="lift-heading">{t('Lift: target cell against test cell')}</h2>
      {lift.caveats.length > 0 && (
        <div class={`notice ${lift.unavailableReason ? 'notice-info' : 'notice-warning'}`} role="note" aria-label={t('Caveats')}>
          {lift.caveats.map((caveat) => (
            <p key={caveat}>{caveat}</p>
          ))}
        </div>
      )}
      {listed && (
        <>
          <div class="lift-cells">
            <CellCard cell={lift.target} currency={currency} />
            <CellCard cell={lift.test} currency={currency} />
          </div>
          {lift.responseRate && lift.contractRate && lift.revenuePerContact && (
            <LiftTable responseRate={lift.responseRate} contractRate={lift.contractRate} revenuePerContact={lift.revenuePerContact} lift={lift} currency={currency} />
          )}
          <StatusesByCell lift={lift} />
        </>
      )}
    </section>
  );
}

function CellCard({ cell, currency }: { cell: LiftCell; currency: string | null }) {
  const title = t(cellTitles[cell.cell]);
  const rows: [string, string][] = [
    [t('Contacts listed'), formatNumber(cell.contacts)],
    [t('Accounts'), formatNumber(cell.accounts)],
    [t('Contacts that responded'), formatNumber(cell.respondingContacts)],
    [t('Response rate (per contact)'), formatPercent(cell.responseRate)],
    [t('Accounts that responded'), formatNumber(cell.respondingAccounts)],
    [t('Contracts (accounts)'), formatNumber(cell.contracts)],
    [t('Contract rate (per account)'), formatPercent(cell.contractRate)],
    [t('Won deals'), formatNumber(cell.wonDeals)],
    [t('Revenue'), formatMoney(cell.revenue, currency)],
    [t('Revenue per contact'), formatMoney(cell.revenuePerContact, currency)],
  ];
  return (
    <div class="lift-cell" role="group" aria-label={title}>
      <h3>{title}</h3>
      <dl>
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function LiftTable({
  lift,
  responseRate,
  contractRate,
  revenuePerContact,
  currency,
}: {
  lift: CampaignLift;
  responseRate: ProportionLift;
  contractRate: ProportionLift;
  revenuePerContact: NonNullable<CampaignLift['revenuePerContact']>;
  currency: string | null;
}) {
  const proportionRow = (label: string, comparison: ProportionLift) => (
    <tr key={label}>
      <th scope="row">
        {t(label)}
        {comparison.smallSample && <span class="badge badge-paused lift-small">{t('small sample')}</span>}
      </th>
      <td class="number">{formatPercent(comparison.targetRate)}</td>
      <td class="number">{formatPercent(comparison.testRate)}</td>
      <td class="number">{formatPoints(comparison.absoluteLift)}</td>
      <td class="number">{formatRelative(comparison.relativeLift)}</td>
      <td class="number">
        {t('{low} to {high}', { low: formatPoints(comparison.confidenceInterval.low), high: formatPoints(comparison.confidenceInterval.high) })}
      </td>
      <td class="number">{formatPValue(comparison.pValue)}</td>
    </tr>
  );
  return (
    <div class="table-wrap">
      <table>
        <caption class="muted">{t('The lift: target minus test, with its 95% confidence interval (Wald) and the two-proportion z-test\'s p-value')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('Measure')}</th>
            {[t('Target'), t('Test'), t('Lift'), t('Relative lift'), t('95% interval'), t('p-value')].map((head) => (
              <th key={head} scope="col" class="number">
                {t(head)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {proportionRow(t('Response rate (per contact)'), responseRate)}
          {proportionRow(t('Contract rate (per account)'), contractRate)}
          <tr>
            <th scope="row">{t('Revenue per contact')}</th>
            <td class="number">{formatMoney(lift.target.revenuePerContact, currency)}</td>
            <td class="number">{formatMoney(lift.test.revenuePerContact, currency)}</td>
            <td class="number">{formatMoney(revenuePerContact.absoluteLift, currency)}</td>
            <td class="number">{formatRelative(revenuePerContact.relativeLift)}</td>
            <td class="number">—</td>
            <td class="number">—</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function StatusesByCell({ lift }: { lift: CampaignLift }) {
  const statuses = Object.keys(lift.target.statusesReached) as (keyof LiftCell['statusesReached'])[];
  return (
    <div class="table-wrap">
      <table>
        <caption class="muted">{t('Accounts of each cell that reached each status since they were listed (an account can count under several)')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('Status')}</th>
            <th scope="col" class="number">
              {t('Target')}</th>
            <th scope="col" class="number">
              {t('Test')}</th>
          </tr>
        </thead>
        <tbody>
          {statuses.map((status) => (
            <tr key={status}>
              <th scope="row">{humanize(status)}</th>
              <td class="number">{formatNumber(lift.target.statusesReached[status])}</td>
              <td class="number">{formatNumber(lift.test.statusesReached[status])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
