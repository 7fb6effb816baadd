import type { WorkflowUpdateFailedError } from '@temporalio/client';
import { AppError, type ErrorCode, type ErrorDetail } from '../errors/app-error';

type FailureCause = { type?: string; message?: string; details?: unknown[]; cause?: unknown };

/** The failure that says why: an activity's own, under the ActivityFailure that wraps it. */
function applicationFailureOf(cause: unknown): FailureCause | undefined {
  let current = cause as FailureCause | undefined;
  while (current && current.type === undefined && current.cause) current = current.cause as FailureCause;
  return current;
}

/**
 * A refused or failed update as the API answers it: the failure's type when it is one of
 * `passedOn` (activities throw AppError codes as types, with the details), else 409.
 */
export function appErrorFromUpdateFailure(error: WorkflowUpdateFailedError, passedOn: ReadonlySet<ErrorCode>): AppError {
  const cause = applicationFailureOf(error.cause);
  const code = (cause?.type ?? '') as ErrorCode;
  const details = Array.isArray(cause?.details?.[0]) ? (cause.details[0] as ErrorDetail[]) : [];
  return new AppError(passedOn.has(code) ? code : 'CONFLICT', cause?.message ?? error.message, details);
}
