import { z } from 'zod';

/** `?includeArchived=true|false` (default false), as a boolean. */
export const IncludeArchived = (what: string) =>
  z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .meta({ description: `true: archived ${what} too` });
