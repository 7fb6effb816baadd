import type { z } from 'zod';
import { AppError, type ErrorDetail } from '../errors/app-error';

/** Parses one part of a request, naming every bad field in the error. */
export function parseRequestPart<S extends z.ZodType>(schema: S, value: unknown, part: 'body' | 'path' | 'query'): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues.flatMap((issue): ErrorDetail[] => {
    const at = [part, ...issue.path.map(String)];
    // An unknown field is named by its own path, like any other bad field.
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: [...at, key].join('.'), message: 'Unknown field' }));
    return [{ path: at.join('.'), message: issue.message }];
  });
  const fields = details.map((detail) => detail.path).join(', ');
  throw new AppError('VALIDATION_FAILED', `Invalid request ${part}: ${fields}`, details);
}
