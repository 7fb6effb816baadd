import { useEffect, useState } from 'preact/hooks';
import type { AccountList } from '../../../../accounts/account-views.schemas';
import { get } from '../../api';

const LIST_LIMIT = 200;
const LOOKUP_LIMIT = 20;

/**
 * Names of the accounts that tasks and notifications point at (they carry only ids): the caller's
 * own accounts in one list request, then the few others one by one. A name that cannot be read
 * stays unknown and the link says "Open account" instead.
 */
export function useAccountNames(ids: string[]): Map<string, string> {
  const [names, setNames] = useState(new Map<string, string>());
  const key = [...new Set(ids)].sort().join(',');
  useEffect(() => {
    if (!key) return;
    let cancelled = false;
    void (async () => {
      const found = new Map<string, string>();
      try {
        const mine = await get<AccountList>('/accounts', { owner: 'me', limit: LIST_LIMIT });
        for (const account of mine.items) found.set(account.id, account.name);
      } catch {
        // Names are a convenience: the links work without them.
      }
      const missing = key.split(',').filter((id) => !found.has(id)).slice(0, LOOKUP_LIMIT);
      await Promise.all(
        missing.map(async (id) => {
          try {
            found.set(id, (await get<{ account: { name: string } }>(`/accounts/${id}`)).account.name);
          } catch {
            // Not visible to the caller (another manager's account): no name.
          }
        }),
      );
      if (!cancelled) setNames(found);
    })();
    return () => {
      cancelled = true;
    };
  }, [key]);
  return names;
}
