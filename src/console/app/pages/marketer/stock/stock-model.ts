import type { ItemUsage, ReservationView, StockChange, StockLineDetail, StockLineView, StockLocationView, WorkUsage } from '../../../../../collateral-stock/stock.schemas';

export type { ItemUsage, ReservationView, StockChange, StockLineDetail, StockLineView, StockLocationView, WorkUsage };

/** Marketers and admins keep the stock; everyone reads it. */
export const mayKeepStock = (role: string | undefined) => role === 'marketer' || role === 'admin';

/** A count typed in a form: a number when it reads as a whole one (the API names what is wrong otherwise). */
export const typedCount = (text: string): number | string => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : text);

/** A unit cost typed in a form (up to four decimals), as a number when it reads as one. */
export const typedUnitCost = (text: string): number | string => (/^\d+(\.\d{1,4})?$/.test(text.trim()) ? Number(text.trim()) : text);

/** A library item as the pickers need it (GET /collateral). */
export interface ItemChoice {
  id: string;
  name: string;
  status: string;
}

export const itemLabel = (item: ItemChoice) => (item.status === 'APPROVED' ? item.name : `${item.name} (${item.status.toLowerCase()})`);
