import type { BudgetAllocationView, BudgetHistory, BudgetNode, BudgetView, Checkbook, CheckbookLine } from '../../../../../budgets/budgets.schemas';
import { todayInput } from '../../../date-input';

export type { BudgetAllocationView, BudgetHistory, BudgetNode, BudgetView, Checkbook, CheckbookLine };

/** Marketers and admins keep the budgets; everyone reads them. */
export const mayKeepBudgets = (role: string | undefined) => role === 'marketer' || role === 'admin';

/** "1500.00" and "EUR" → "1,500.00 EUR": the API's exact decimal text, grouped for reading, never through a float. */
export function money(amount: string, currency: string): string {
  const [whole = '0', cents = '00'] = amount.replace(/^-/, '').split('.');
  return `${amount.startsWith('-') ? '−' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents} ${currency}`;
}

/** A money amount typed in a form: a number when it reads as one (the API names what is wrong otherwise). */
export const typedAmount = (text: string): number | string => (/^\d+(\.\d{1,2})?$/.test(text.trim()) ? Number(text.trim()) : text);

/** Today on the user's wall clock, as a date input holds it. */
export const today = () => todayInput();
