import { isGrpcServiceError, ServiceError, WorkflowExecutionAlreadyStartedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';

// gRPC status codes meaning "no answer", as opposed to the server refusing the call.
const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;

/** True when the Temporal server could not be reached. */
export function isTemporalUnavailable(error: unknown): boolean {
  // An update whose answer did not come back in time: a Temporal node went down with it, or the server's deadline passed.
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  const grpcError = error instanceof ServiceError ? error.cause : error;
  if (isGrpcServiceError(grpcError)) return grpcError.code === GRPC_UNAVAILABLE || grpcError.code === GRPC_DEADLINE_EXCEEDED;
  return error instanceof ServiceError && /failed to connect|unavailable/i.test(error.message);
}

export function isWorkflowAlreadyStarted(error: unknown): boolean {
  return error instanceof WorkflowExecutionAlreadyStartedError;
}
