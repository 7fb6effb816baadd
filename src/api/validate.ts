import type { z } from 'zod';
import { AppError } from '../errors/app-error';

/** Parses one part of a request, naming every bad field in the error. */
export function parseRequestPart<S extends z.ZodType>(schema: S, value: unknown, part: 'body' | 'path' | 'query'): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({
    path: [part, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  const fields = details.map((detail) => detail.path).join(', ');
  throw new AppError('VALIDATION_FAILED', `Invalid request ${part}: ${fields}`, details);
}
