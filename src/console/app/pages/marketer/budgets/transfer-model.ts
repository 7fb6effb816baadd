import type { BudgetTransferList, BudgetTransferView } from '../../../../../budgets/budget-transfers.schemas';
import { post } from '../../../api';
import type { Me } from '../../../session';
import { money } from './budget-model';
import { t } from '../../../i18n/i18n';

export type { BudgetTransferList, BudgetTransferView };
export type TransferSide = BudgetTransferView['from'];
export type SideName = 'from' | 'to';

/** `transfer of 1,500.00 EUR from "Print" to "Fairs"`: how buttons and messages name one transfer. */
export const transferTitle = (amount: string, currency: string, fromName: string, toName: string) => t('transfer of {amount} from "{fromName}" to "{toName}"', { amount: money(amount, currency), fromName, toName });

export const titleOf = (transfer: BudgetTransferView) => transferTitle(transfer.amount, transfer.currency, transfer.from.budgetName, transfer.to.budgetName);

/** "the giving side (“Print”)": which budget an approval answers for. */
export const sideLabel = (side: SideName, budgetName: string) => side === 'from' ? t('the giving side (“{budgetName}”)', { budgetName }) : t('the receiving side (“{budgetName}”)', { budgetName });

/** "Olivia Owner or Bob Boss": anyone of them may approve a side. */
export const eitherOf = (people: { name: string }[]) => (people.length ? people.map((person) => person.name).join(t(' or ')) : t('an admin (no approver is active)'));

const waitingSides = (transfer: BudgetTransferView): SideName[] => (['from', 'to'] as const).filter((side) => transfer[side].approvedBy === null);

/**
 * What `me` may decide of a transfer, mirroring the API so the buttons show only when they would
 * work: the waiting sides they approve (owner or owner's manager); an admin approving neither
 * decides every waiting side on behalf of the approvers. Who asked never decides: they withdraw.
 */
export function decisionOf(transfer: BudgetTransferView, me: Me | null): { sides: SideName[]; onBehalf: boolean } | null {
  if (!me || transfer.status !== 'PENDING' || transfer.requestedBy.id === me.id) return null;
  const waiting = waitingSides(transfer);
  const own = waiting.filter((side) => transfer[side].approvers.some((person) => person.id === me.id));
  if (own.length) return { sides: own, onBehalf: false };
  return me.role === 'admin' ? { sides: waiting, onBehalf: true } : null;
}

/** Who asked, or an admin, withdraws a transfer while it waits. */
export const mayWithdraw = (transfer: BudgetTransferView, me: Me | null) => transfer.status === 'PENDING' && !!me && (transfer.requestedBy.id === me.id || me.role === 'admin');

/** What became of a transfer after a request or a decision, to end a message with. */
export function outcomeOf(transfer: BudgetTransferView): string {
  switch (transfer.status) {
    case 'APPLIED':
      return t('the funds moved.');
    case 'REJECTED':
      return t('it is rejected.');
    case 'CANCELLED':
      return t('it is withdrawn.');
    case 'PENDING':
      return t('it waits for {sides}.', { sides: waitingSides(transfer).map((side) => t('{approvers} to approve for “{budgetName}”', { approvers: eitherOf(transfer[side].approvers), budgetName: transfer[side].budgetName })).join(t(' and ')) });
  }
}

/** Approve (an optional comment) or reject (a reason) through the API; the answer is the transfer afterwards. */
export const decideTransfer = (id: string, decision: 'approve' | 'reject', text: string | undefined) =>
  post<BudgetTransferView>(`/budget-transfers/${id}/${decision}`, decision === 'approve' ? (text ? { comment: text } : {}) : { reason: text });
