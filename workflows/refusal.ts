import { ApplicationFailure } from '@temporalio/workflow';
import type { ErrorCode } from '../src/errors/app-error';

/** An update refused by its validator, in the API's error vocabulary: a 409 unless told otherwise. */
export const refusal = (message: string, code: ErrorCode = 'CONFLICT') => ApplicationFailure.create({ type: code, message, nonRetryable: true });
