import type { ComponentChildren } from 'preact';
import { formatNumber, humanize } from '../../../format';
import { moneyCells, type Figures, type Report } from './return-figures';
import { msg, t } from '../../../i18n/i18n';

const figureHeads = [msg('Responses'), msg('Accounts'), msg('New accounts'), msg('Contracts'), msg('Won deals'), msg('Revenue'), msg('Pipeline'), msg('Cost'), msg('Cost per response'), msg('Return on spend')];

function FigureCells({ figures, currency }: { figures: Figures; currency: string | null }) {
  const money = moneyCells(figures, currency);
  return (
    <>
      <td class="number">{formatNumber(figures.responses)}</td>
      <td class="number">{formatNumber(figures.accounts)}</td>
      <td class="number">{formatNumber(figures.accountsCreated)}</td>
      <td class="number">{formatNumber(figures.contracts)}</td>
      <td class="number">{formatNumber(figures.wonDeals)}</td>
      <td class="number">{money.revenue}</td>
      <td class="number">{money.pipeline}</td>
      <td class="number">{money.cost}</td>
      <td class="number">{money.costPerResponse}</td>
      <td class="number">{money.returnOnSpend}</td>
    </>
  );
}

/** The three report tables' frame: a caption, then the head row of row labels and number columns. */
function ReportTable({ caption, rowHeads, numberHeads, children }: { caption: string; rowHeads: string[]; numberHeads: string[]; children: ComponentChildren }) {
  return (
    <div class="table-wrap">
      <table>
        <caption class="muted">{caption}</caption>
        <thead>
          <tr>
            {rowHeads.map((head) => (
              <th key={head} scope="col">
                {t(head)}
              </th>
            ))}
            {numberHeads.map((head) => (
              <th key={head} scope="col" class="number">
                {t(head)}
              </th>
            ))}
          </tr>
        </thead>
        {children}
      </table>
    </div>
  );
}

/** One line per sub-source (publication, web site…) and the campaign's total. */
export function SourceReturnTable({ report }: { report: Report }) {
  const nested = report.campaigns.length > 1;
  return (
    <ReportTable caption={t('Return by sub-source{value}', { value: report.currency ? t(', amounts in {currency}', { currency: report.currency }) : '' })} rowHeads={nested ? [t('Sub-source'), t('Channel'), t('Campaign')] : [t('Sub-source'), t('Channel')]} numberHeads={figureHeads}>
      <tbody>
        {report.sources.map((source) => (
          <tr key={source.sourceId}>
            <th scope="row" class="source-cell">
              <code>{source.code}</code> <span class="source-name">{source.name}</span>
            </th>
            <td>{source.channel ?? '—'}</td>
            {nested && <td>{report.campaigns.find((campaign) => campaign.campaignId === source.campaignId)?.name ?? '—'}</td>}
            <FigureCells figures={source} currency={report.currency} />
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={nested ? 3 : 2}>
            {t('Total')}</th>
          <FigureCells figures={report.total} currency={report.currency} />
        </tr>
      </tfoot>
    </ReportTable>
  );
}

/** The campaign and each campaign below it, children rolled up. */
export function CampaignReturnTable({ report }: { report: Report }) {
  return (
    <ReportTable caption={t('Return by campaign (each with its children)')} rowHeads={[t('Campaign')]} numberHeads={figureHeads}>
      <tbody>
        {report.campaigns.map((campaign) => (
          <tr key={campaign.campaignId}>
            <th scope="row">{campaign.name}</th>
            <FigureCells figures={campaign} currency={report.currency} />
          </tr>
        ))}
      </tbody>
    </ReportTable>
  );
}

/** How far the responding accounts got: per sub-source, the accounts that reached each status since responding. */
export function StatusesReachedTable({ report }: { report: Report }) {
  const statuses = Object.keys(report.total.statusesReached) as (keyof Figures['statusesReached'])[];
  const reachedCells = (reached: Figures['statusesReached']) =>
    statuses.map((status) => (
      <td key={status} class="number">
        {formatNumber(reached[status])}
      </td>
    ));
  return (
    <ReportTable caption={t('Responding accounts that reached each status after their response (an account can count under several)')} rowHeads={[t('Sub-source')]} numberHeads={statuses.map(humanize)}>
      <tbody>
        {report.sources.map((source) => (
          <tr key={source.sourceId}>
            <th scope="row" class="source-cell">
              <code>{source.code}</code>
            </th>
            {reachedCells(source.statusesReached)}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('Total')}</th>
          {reachedCells(report.total.statusesReached)}
        </tr>
      </tfoot>
    </ReportTable>
  );
}
