import type { CampaignView } from '../../../../../campaigns/campaign-views.schemas';

export interface SourceDraft {
  uid: number;
  code: string;
  name: string;
  channel: string;
  cost: string;
}

/** The campaign's own fields as the builder edits them (typed text). */
export interface DetailsDraft {
  name: string;
  description: string;
  /** Comma-separated channel labels. */
  channels: string;
  budgetAmount: string;
  budgetCurrency: string;
  sources: SourceDraft[];
}

let nextUid = 1;
export const newSource = (): SourceDraft => ({ uid: nextUid++, code: '', name: '', channel: '', cost: '' });

export const emptyDetails = (): DetailsDraft => ({ name: '', description: '', channels: 'email', budgetAmount: '', budgetCurrency: 'EUR', sources: [] });

export function detailsFromView(view: CampaignView): DetailsDraft {
  return {
    name: view.name,
    description: view.description ?? '',
    channels: view.channels.join(', '),
    budgetAmount: view.budget ? String(view.budget.amount) : '',
    budgetCurrency: view.budget?.currency ?? 'EUR',
    sources: view.sources.map((source) => ({ uid: nextUid++, code: source.code, name: source.name, channel: source.channel ?? '', cost: source.cost === null ? '' : String(source.cost) })),
  };
}

const amount = (text: string): number | string => (/^\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text);
const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());

/**
 * The fields for POST (`removed` is undefined: nothing to remove) or PATCH (`removed` is null: a
 * cleared description or budget is removed).
 */
export function detailsForApi(draft: DetailsDraft, removed: undefined | null) {
  return {
    name: draft.name,
    description: optional(draft.description) ?? removed,
    channels: draft.channels.split(',').map((channel) => channel.trim()).filter((channel) => channel !== ''),
    budget: draft.budgetAmount.trim() === '' ? removed : { amount: amount(draft.budgetAmount), currency: draft.budgetCurrency.trim().toUpperCase() },
    sources: draft.sources.map((source) => ({
      code: source.code.trim(),
      name: source.name,
      channel: optional(source.channel),
      cost: source.cost.trim() === '' ? undefined : amount(source.cost),
    })),
  };
}
