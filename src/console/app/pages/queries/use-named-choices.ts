import { useApi } from '../../use-api';
import type { Choice } from './filter-row';

interface Named {
  id: string;
  name: string;
  code?: string;
}

/** Campaigns and products by name, for the filters that pick them (the 200 newest of each). */
export function useNamedChoices(): { campaign: Choice[]; product: Choice[] } {
  const campaigns = useApi<{ items: Named[] }>('/campaigns', { limit: 200 });
  const products = useApi<{ items: Named[] }>('/products', { limit: 200 });
  return {
    campaign: (campaigns.data?.items ?? []).map((item) => ({ value: item.id, label: item.name })),
    product: (products.data?.items ?? []).map((item) => ({ value: item.id, label: item.code ? `${item.name} (${item.code})` : item.name })),
  };
}
