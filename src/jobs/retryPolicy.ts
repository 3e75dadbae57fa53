import { type ErrorCode, isAppError } from '../errors.ts';
import { clipMessage } from './jobRow.ts';
import type { JobError } from './types.ts';

/**
 * Thrown by a handler to say "not now, try again in delayMs" (a 429 with Retry-After, a portal that is
 * catching up). The job is rescheduled without using up an attempt: waiting out a limit is not a failure.
 */
export class RetryAfter extends Error {
  constructor(
    readonly delayMs: number,
    readonly reason = 'rate_limited',
    message = `retry after ${delayMs} ms (${reason})`,
  ) {
    super(message);
    this.name = 'RetryAfter';
  }
}

/** Decides whether a handler's error is worth another attempt. Pluggable per worker. */
export type RetryClassifier = (err: unknown) => { retryable: boolean };

/** Retrying these cannot succeed: the input is wrong, the object is gone, or we are not allowed. */
const PERMANENT: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['validation', 'not_found', 'forbidden']);

/** Default: permanent AppError codes are not retryable; everything else (timeouts, 5xx, bugs) is. */
export const defaultClassifier: RetryClassifier = (err) => ({
  retryable: !(isAppError(err) && PERMANENT.has(err.code)),
});

/** The reason stored on the job and in the run log: the AppError code when there is one. */
export function toJobError(err: unknown): JobError {
  if (isAppError(err)) return { code: err.code, message: clipMessage(err.message) };
  if (err instanceof Error) return { code: 'internal', message: clipMessage(`${err.name}: ${err.message}`) };
  return { code: 'internal', message: clipMessage(`non-error thrown: ${String(err)}`) };
}
