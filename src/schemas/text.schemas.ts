import { z } from 'zod';

// PostgreSQL refuses NUL in text and jsonb: refused here as bad input (400 naming the field) rather
// than failing there (a 500).
export const NO_NUL = /^[^\u0000]*$/;
export const noNul = { error: 'must not contain the NUL character' };

/** Trimmed text of 1 to `max` characters that PostgreSQL can store. */
export const Text = (max: number) => z.string().trim().min(1).max(max).regex(NO_NUL, noNul);
