import { AppError, isAppError } from '../errors.ts';
import type { ItemError } from '../hubspot/batching.ts';
import { alreadyExists, hubspotStatusOf } from '../hubspot/errorStatus.ts';

/**
 * Reading HubSpot failures in the orders code: the status (src/hubspot/errorStatus.ts reads both the gateway's
 * AppError and a bare SDK ApiException, reference §1.3), under the names the orders code uses.
 */
export const httpStatusOf = hubspotStatusOf;

export const isConflictError = alreadyExists;

export const isNotFoundError = (err: unknown): boolean =>
  httpStatusOf(err) === 404 || (isAppError(err) && err.code === 'not_found');

/** A deal the caller named does not exist (or was deleted): permanent, so not retried by the job spine. */
export function dealNotFound(portalId: number, dealId: string): AppError {
  return new AppError('not_found', `deal ${dealId} does not exist in portal ${portalId} (or was deleted)`, {
    dealId,
  });
}

/**
 * One failed input of a batch as an AppError: 4xx categories are permanent (`validation`/`not_found`),
 * anything else (a whole chunk that failed, 429, 5xx) is `upstream_unavailable` and worth retrying.
 */
export function itemErrorToAppError(e: ItemError, what: string): AppError {
  if (e.status === 404) return new AppError('not_found', `${what}: ${e.message}`, e);
  if (e.status >= 400 && e.status < 500 && e.status !== 429)
    return new AppError('validation', `${what}: ${e.message}`, e);
  if (e.status === 429) return new AppError('rate_limited', `${what}: ${e.message}`, e);
  return new AppError('upstream_unavailable', `${what}: ${e.message}`, e);
}

/** Errors that say nothing about the input: the same call may succeed later. */
export function isRetryable(err: unknown): boolean {
  if (!isAppError(err)) return true;
  return !['validation', 'not_found', 'forbidden', 'conflict'].includes(err.code);
}
