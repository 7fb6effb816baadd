import type { z } from 'zod';
import type { TakeAccountResponse } from '../../../../lifecycle/lifecycle.schemas';
import { post } from '../../api';
import { useAction } from '../../use-api';

export type TakeResult = z.output<typeof TakeAccountResponse>;

/** "Take into work": NEW to POTENTIAL, owned by the caller (409 when someone was faster). */
export const useTakeAccount = () => useAction((accountId: string) => post<TakeResult>(`/accounts/${accountId}/take`));

/** Managers and admins work accounts; marketers only read them. */
export const mayWorkAccounts = (role: string | undefined) => role === 'manager' || role === 'admin';
