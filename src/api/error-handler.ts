import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, errorStatus } from '../errors/app-error';
import { isDatabaseBusy, isDatabaseUnavailable } from '../db/prisma-errors';
import { isTemporalUnavailable } from '../temporal/temporal-errors';
import type { Logger } from '../logger';
import { TooManyRequestsError } from '../rate-limit/too-many-requests';

/** Turns body-parser's, Prisma's and Temporal's failures into the API's own error vocabulary. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const parserError = error as { type?: string; status?: number; limit?: number };
  if (parserError.type === 'entity.parse.failed') return new AppError('INVALID_JSON', 'The request body is not valid JSON');
  if (parserError.type === 'entity.too.large') return new AppError('PAYLOAD_TOO_LARGE', `The request body is larger than the limit of ${parserError.limit} bytes`);
  if (parserError.type === 'charset.unsupported' || parserError.type === 'encoding.unsupported') {
    return new AppError('UNSUPPORTED_MEDIA_TYPE', 'The request body must be UTF-8 JSON');
  }
  if (isDatabaseUnavailable(error)) return new AppError('SERVICE_UNAVAILABLE', 'The database is unavailable; try again shortly');
  if (isDatabaseBusy(error)) return new AppError('SERVICE_UNAVAILABLE', 'The database is busy; nothing was changed, try again shortly');
  if (isTemporalUnavailable(error)) return new AppError('SERVICE_UNAVAILABLE', 'The workflow engine is unavailable; try again shortly');
  return new AppError('INTERNAL', 'Internal error');
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const appError = toAppError(error);
    if (appError.code === 'INTERNAL' || appError.code === 'SERVICE_UNAVAILABLE') {
      logger.error({ err: error, method: req.method, url: req.originalUrl }, 'request failed');
    }
    if (appError.code === 'SERVICE_UNAVAILABLE') res.set('Retry-After', '5');
    if (appError instanceof TooManyRequestsError) res.set('Retry-After', String(appError.retryAfterSeconds));
    res.status(errorStatus[appError.code]).json({
      error: { code: appError.code, message: appError.message, details: appError.details },
    });
  };
}

export const notFoundHandler: RequestHandler = (req) => {
  throw new AppError('NOT_FOUND', `No route ${req.method} ${req.path}`);
};
