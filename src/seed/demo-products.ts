import type { ApiClient } from './api-client';
import type { DemoAccount } from './demo-accounts';
import type { DemoOrganization } from './demo-organization';
import type { SeededPeople } from './demo-people';

const catalog = [
  { code: 'CRM-STD', name: 'CRM Standard', family: 'Software', description: 'Per seat and year', prices: [{ currency: 'EUR', unitPrice: 45 }, { currency: 'USD', unitPrice: 49 }] },
  { code: 'CRM-PRO', name: 'CRM Professional', family: 'Software', description: 'Per seat and year, with campaigns and reports', prices: [{ currency: 'EUR', unitPrice: 90 }, { currency: 'USD', unitPrice: 99 }] },
  { code: 'ONB-DAY', name: 'Onboarding day', family: 'Services', description: 'A day on site with the team', prices: [{ currency: 'EUR', unitPrice: 900 }] },
  { code: 'SUP-PREM', name: 'Premium support', family: 'Services', description: 'A year of support, answered within four hours', prices: [{ currency: 'EUR', unitPrice: 1500 }] },
];

/**
 * The marketer's product catalog, then deals made of it through the API by the accounts' owners: the
 * first clients' deals won (their installed base), a few accounts in talks with a proposal open. The
 * deals count for the plan, so its progress is read per product too. Answers the numbers written.
 */
export async function createDemoProducts(api: ApiClient, organization: DemoOrganization, people: SeededPeople, accounts: DemoAccount[], planId: string): Promise<{ products: number; deals: number }> {
  const code = (text: string) => (organization.number === 1 ? text : `${text}-${organization.number}`);
  const products: { id: string }[] = [];
  for (const product of catalog) products.push(await api.call<{ id: string }>(people.marketer.apiKey, 'POST', '/products', { ...product, code: code(product.code) }));
  const [standard, professional, onboarding, support] = products as [{ id: string }, { id: string }, { id: string }, { id: string }];

  const keyOf = new Map(Object.values(people).map((user) => [user.id, user.apiKey]));
  const owned = (status: DemoAccount['intended']) => accounts.filter((account) => account.intended === status && account.ownerId && keyOf.has(account.ownerId));
  const deals = [
    ...owned('CLIENT').slice(0, 6).map((account, index) => ({ account, stage: 'WON', lines: index % 2 === 0 ? [[professional.id, 10 + index, 10], [onboarding.id, 1, 0]] : [[standard.id, 25, 0], [support.id, 1, 0]] })),
    ...owned('MEETING_HELD').slice(0, 4).map((account, index) => ({ account, stage: 'PROPOSAL', lines: [[professional.id, 5 + index * 5, 5]] })),
  ] as { account: DemoAccount; stage: string; lines: [string, number, number][] }[];
  for (const { account, stage, lines } of deals) {
    const key = keyOf.get(account.ownerId!)!;
    const deal = await api.call<{ id: string }>(key, 'POST', '/opportunities', { accountId: account.id, name: `${account.name}: licences`, amount: 0, currency: 'EUR', stage: 'PROPOSAL', planId });
    for (const [productId, quantity, discountPercent] of lines) await api.call(key, 'POST', `/opportunities/${deal.id}/line-items`, { productId, quantity, discountPercent });
    if (stage === 'WON') await api.call(key, 'PATCH', `/opportunities/${deal.id}`, { stage: 'WON' });
  }
  return { products: products.length, deals: deals.length };
}
