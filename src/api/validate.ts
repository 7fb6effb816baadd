import type { z } from 'zod';
import { AppError, type ErrorDetail } from '../errors/app-error';
import { noNul } from '../schemas/text.schemas';

/** Parses one part of a request, naming every bad field in the error. */
export function parseRequestPart<S extends z.ZodType>(schema: S, value: unknown, part: 'body' | 'path' | 'query', options = { refuseNul: true }): z.output<S> {
  const result = schema.safeParse(value);
  const nul = options.refuseNul ? nulPaths(value, part).map((path): ErrorDetail => ({ path, message: noNul.error })) : [];
  if (result.success && nul.length === 0) return result.data;
  const issues = (result.error?.issues ?? []).flatMap((issue): ErrorDetail[] => {
    const at = [part, ...issue.path.map(String)];
    // An unknown field is named by its own path, like any other bad field.
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: [...at, key].join('.'), message: 'Unknown field' }));
    return [{ path: at.join('.'), message: issue.message }];
  });
  const details = [...issues, ...nul.filter((detail) => !issues.some((issue) => issue.path === detail.path && issue.message === detail.message))];
  const fields = details.map((detail) => detail.path).join(', ');
  throw new AppError('VALIDATION_FAILED', `Invalid request ${part}: ${fields}`, details);
}

/**
 * Every string (or key) holding NUL, which PostgreSQL stores in neither text nor jsonb: refused for
 * every field of every route here, so no schema can forget it. Iterative, as JSON may nest deeper
 * than the call stack.
 */
function nulPaths(value: unknown, part: string): string[] {
  const found: string[] = [];
  const pending: [unknown, string][] = [[value, part]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, path] = next;
    if (typeof item === 'string') {
      if (item.includes('\u0000')) found.push(path);
    } else if (item && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) {
        const childPath = `${path}.${key}`;
        if (key.includes('\u0000')) found.push(childPath);
        else pending.push([child, childPath]);
      }
    }
  }
  return found.sort();
}
