import { AppError } from '../errors/app-error';

/** A 429 whose answer says, in Retry-After, when the client's window ends (the error handler sets it). */
export class TooManyRequestsError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('TOO_MANY_REQUESTS', message);
  }
}
