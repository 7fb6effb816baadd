import { z } from 'zod';

/** Lower-case words joined by hyphens: stable identifiers that admins can read in histories. */
export const Slug = z
  .string()
  .max(100)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'must be a slug: lower-case letters and digits joined by hyphens' });
