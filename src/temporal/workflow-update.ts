import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { AppError, errorStatus, type ErrorCode, type ErrorDetail } from '../errors/app-error';

type FailureCause = { type?: string; message?: string; details?: unknown[]; cause?: unknown };

/** The failure that says why: an activity's own, under the ActivityFailure that wraps it. */
function applicationFailureOf(cause: unknown): FailureCause | undefined {
  let current = cause as FailureCause | undefined;
  while (current && current.type === undefined && current.cause) current = current.cause as FailureCause;
  return current;
}

const isErrorCode = (type: string | undefined): type is ErrorCode => type !== undefined && type !== 'INTERNAL' && Object.hasOwn(errorStatus, type);

/**
 * A refused or failed update as the API answers it. Validators and activities fail with a type from
 * the AppError vocabulary (activities/failures.ts), details included; anything else is a CONFLICT.
 */
export function appErrorFromUpdateFailure(error: WorkflowUpdateFailedError): AppError {
  const cause = applicationFailureOf(error.cause);
  const details = Array.isArray(cause?.details?.[0]) ? (cause.details[0] as ErrorDetail[]) : [];
  return new AppError(isErrorCode(cause?.type) ? cause.type : 'CONFLICT', cause?.message ?? error.message, details);
}

/**
 * Every Workflow Update call goes through here (update, or update-with-start): its refusal comes
 * back as an AppError, and `notRunning` is the 409 message when the workflow does not exist.
 */
export async function runWorkflowUpdate<T>(call: () => Promise<T>, notRunning?: string): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) throw appErrorFromUpdateFailure(error);
    if (notRunning !== undefined && error instanceof WorkflowNotFoundError) throw new AppError('CONFLICT', notRunning);
    throw error;
  }
}
