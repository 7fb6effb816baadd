import { z } from 'zod';

/** The largest amount a Decimal(14,2) column holds. */
const MAX_MONEY = 999_999_999_999.99;

/** An amount stored as Decimal(14,2): not negative, at most two decimals. */
export const Money = z
  .number()
  .min(0)
  .max(MAX_MONEY)
  .refine((amount) => Math.abs(Math.round(amount * 100) - amount * 100) < 1e-6, { error: 'at most two decimals' })
  .meta({ examples: [12500.5] });

const currencies = new Set(Intl.supportedValuesOf('currency'));

export const Currency = z
  .string()
  .refine((code) => /^[A-Z]{3}$/.test(code) && currencies.has(code), {
    error: (issue) => `"${String(issue.input)}" is not an ISO 4217 currency code: three capital letters such as EUR or USD`,
  })
  .meta({ examples: ['EUR'] });
