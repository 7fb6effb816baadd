import type { CampaignReport } from '../../../../../reports/campaign-return.schemas';
import { formatMoney } from '../../../format';
import { t } from '../../../i18n/i18n';

export type Report = CampaignReport;
export type Figures = CampaignReport['total'];

/** The money and ratio columns of a report line, formatted in the report's currency. */
export function moneyCells(figures: Figures, currency: string | null) {
  return {
    revenue: formatMoney(figures.revenue, currency),
    pipeline: formatMoney(figures.pipeline, currency),
    cost: figures.cost === null ? t('unknown') : formatMoney(figures.cost, currency),
    costPerResponse: figures.costPerResponse === null ? '—' : formatMoney(figures.costPerResponse, currency),
    returnOnSpend: formatReturn(figures.returnOnSpend),
  };
}

/** Revenue per unit of cost: "2.50 ×" reads as "brought 2.5 times what it cost". */
export const formatReturn = (ratio: number | null) => (ratio === null ? '—' : `${ratio.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ×`);
