import { ApplicationFailure } from '@temporalio/common';
import { AppError, type ErrorCode } from '../src/errors/app-error';

/**
 * An AppError as Temporal carries it: an ApplicationFailure whose type is the error's code, with
 * its details, so a workflow, and the API behind a Workflow Update, read the same vocabulary.
 * Refusals are final (a retry would be refused the same way); SERVICE_UNAVAILABLE is retried.
 */
export function toActivityFailure(error: unknown): unknown {
  if (!(error instanceof AppError)) return error;
  return ApplicationFailure.create({ message: error.message, type: error.code, details: [error.details], nonRetryable: error.code !== 'SERVICE_UNAVAILABLE' });
}

/** A failure worth retrying even though it has a code (a row that is not committed yet). */
export const retryableFailure = (code: ErrorCode, message: string) => ApplicationFailure.retryable(message, code);

type Activities = Record<string, (...args: never[]) => Promise<unknown>>;

/** Wraps every activity of a factory so that the AppErrors it throws reach Temporal as failures of the same code. */
export function withActivityFailures<T extends Activities>(activities: T): T {
  const wrapped = Object.entries(activities).map(([name, activity]) => [
    name,
    async (...args: never[]) => {
      try {
        return await activity(...args);
      } catch (error) {
        throw toActivityFailure(error);
      }
    },
  ]);
  return Object.fromEntries(wrapped) as T;
}
