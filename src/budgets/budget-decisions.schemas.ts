import { z } from 'zod';
import { Text } from '../schemas/text.schemas';

// The bodies that decide a budget request (a transfer or an overrun).

export const ApproveBudgetRequest = z.strictObject({ comment: Text(2000).optional() }).meta({ id: 'ApproveBudgetRequest' });
export const RejectBudgetRequest = z
  .strictObject({ reason: Text(2000).meta({ description: 'Sent to who asked by notification and e-mail; kept with the request' }) })
  .meta({ id: 'RejectBudgetRequest' });
export const CancelBudgetRequest = z.strictObject({ comment: Text(2000).optional() }).meta({ id: 'CancelBudgetRequest' });
export type CancelBudgetRequest = z.output<typeof CancelBudgetRequest>;
