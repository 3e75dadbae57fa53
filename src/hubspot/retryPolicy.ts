import { AppError, type ErrorCode } from '../errors.ts';
import { type HubspotErrorBody, parseErrorBody } from './errorBody.ts';
import { detailsOf, type FailureDetails, hubspotSaid, requiredScopes } from './failureDetails.ts';
import { type HeaderBag, readRateLimitHeaders, retryAfterMs } from './headers.ts';
import { classifyNetworkError } from './networkErrors.ts';

export type { FailureDetails } from './failureDetails.ts';

/**
 * The one place that decides retry / refresh / fail for a HubSpot call (DESIGN: "one classifier").
 * Pure: randomness and the clock are injected. The SDK's own retry ignores Retry-After and the
 * rate-limit headers and keeps its settings process-wide (reference §1.4–1.5), so the gateway runs
 * the SDK with retries off and asks this function instead.
 */
export interface RetryPolicy {
  /** Attempts that consume budget, the first included (5 = first try + 4 retries). */
  maxAttempts: number;
  /** Full-jitter exponential backoff: delay ∈ [0, min(maxDelayMs, baseDelayMs·2^(attempt-1))). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Retries that do not consume an attempt (rate-limit waits, 477) still stop after this many. */
  maxWaits: number;
  random: () => number;
  now: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxWaits: 6,
  random: Math.random,
  now: Date.now,
};

/** One failed attempt, as the gateway saw it. */
export interface HubspotFailure {
  /** HTTP status; undefined when no response arrived (then `error` is the thrown error). */
  status?: number;
  body?: unknown;
  headers?: HeaderBag;
  error?: unknown;
  /** 1-based count of budget-consuming attempts so far, this one included. */
  attempt: number;
  /** Non-consuming retries so far (rate-limit waits). */
  waits?: number;
  /** A token refresh already happened during this call. */
  refreshed?: boolean;
  /** False for private-app tokens, which cannot be refreshed. Default true. */
  canRefresh?: boolean;
  /** False for writes that must not run twice (a create without an idempotency guard). Default true. */
  idempotent?: boolean;
}

export type RetryDecision =
  | { action: 'retry'; delayMs: number; reason: ErrorCode; consumesAttempt: boolean; pause?: 'general' | 'search' }
  | { action: 'refresh_then_retry' }
  | { action: 'fail'; reason: ErrorCode; message: string; details: FailureDetails };

type Retry = Extract<RetryDecision, { action: 'retry' }>;
type Fail = Extract<RetryDecision, { action: 'fail' }>;

const SEARCH_SECONDLY_MESSAGE = 'You have reached your secondly limit.';
const LOCK_MS = 2_000; // "Locks will last for 2 seconds" (reference §2, 423)
const DEFAULT_WINDOW_MS = 10_000;

/** Decides what to do about one failed HubSpot call. */
export function classifyHubspotFailure(f: HubspotFailure, policy: RetryPolicy = DEFAULT_RETRY_POLICY): RetryDecision {
  if (f.status === undefined) return classifyTransport(f, policy);
  const body = parseErrorBody(f.body);
  const status = f.status;
  if (status === 429) return classifyRateLimit(f, body, policy);
  if (status === 401) return classifyUnauthorized(f, body);
  if (status === 423) return lockedOrBusy(f, body, policy, LOCK_MS + Math.floor(policy.random() * 1000));
  if (status === 477) return migrationInProgress(f, body, policy);
  if (status >= 500) return classifyServerError(f, body, policy);
  return classifyClientError(status, body);
}

/** Turns a `fail` decision into the AppError the rest of the service understands. */
export const toAppError = (d: Fail): AppError => new AppError(d.reason, d.message, d.details);

const fail = (reason: ErrorCode, message: string, details: FailureDetails): Fail => ({
  action: 'fail',
  reason,
  message,
  details,
});

/** Full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"): spreads retries of many callers. */
export function backoffDelay(attempt: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(policy.random() * ceiling);
}

/**
 * The retry, or the final failure once it runs out: attempts for retries that consume one, `maxWaits`
 * for waits HubSpot asked for (liteque's rule: a retry-after does not burn an attempt, but is bounded).
 */
function retryOrFail(f: HubspotFailure, policy: RetryPolicy, retry: Omit<Retry, 'action'>, final: Fail): RetryDecision {
  const waits = f.waits ?? 0;
  if (retry.consumesAttempt && f.attempt >= policy.maxAttempts) {
    return { ...final, message: `${final.message} (gave up after ${f.attempt} attempts)` };
  }
  if (!retry.consumesAttempt && waits >= policy.maxWaits) {
    return { ...final, message: `${final.message} (still limited after ${waits} waits)` };
  }
  return { action: 'retry', ...retry };
}

function classifyRateLimit(f: HubspotFailure, body: HubspotErrorBody, policy: RetryPolicy): RetryDecision {
  const details = detailsOf(429, body);
  const retryAfter = retryAfterMs(f.headers, policy.now());
  if (body.policyName === 'DAILY') {
    // Reference §11.2: the daily limit resets at midnight in the account's time zone; retrying today is pointless.
    const message =
      "HubSpot's daily API limit for this portal is used up; it resets at midnight in the portal's time zone";
    return fail('rate_limited', message, details);
  }
  const final = fail('rate_limited', hubspotSaid(429, body), details);
  if (body.message === SEARCH_SECONDLY_MESSAGE) {
    // Search: 5 requests per second per account (reference §3); no rate-limit headers on search responses.
    const retry = { delayMs: retryAfter ?? 1_000, consumesAttempt: false, pause: 'search' as const };
    return retryOrFail(f, policy, { ...retry, reason: 'rate_limited' }, final);
  }
  // TEN_SECONDLY_ROLLING: the window frees within one interval; the SDK waits 10 s × attempt (§1.4).
  const interval = readRateLimitHeaders(f.headers).intervalMs ?? DEFAULT_WINDOW_MS;
  const retry = { delayMs: retryAfter ?? interval, reason: 'rate_limited' as const, pause: 'general' as const };
  // A 429 we cannot identify is honoured too, but counts, so an unknown limit cannot loop forever.
  const consumesAttempt = body.policyName !== 'TEN_SECONDLY_ROLLING';
  return retryOrFail(f, policy, { ...retry, consumesAttempt }, final);
}

function classifyUnauthorized(f: HubspotFailure, body: HubspotErrorBody): RetryDecision {
  const details = detailsOf(401, body);
  if (f.canRefresh === false) {
    const message = 'HubSpot rejected the private-app token: it was revoked or rotated; enter the new token';
    return fail('needs_reauthorization', message, details);
  }
  if (!f.refreshed) return { action: 'refresh_then_retry' };
  return fail(
    'token_expired',
    'HubSpot rejected the access token even after a refresh; the portal must reconnect the app',
    details,
  );
}

function lockedOrBusy(
  f: HubspotFailure,
  body: HubspotErrorBody,
  policy: RetryPolicy,
  minimumMs: number,
): RetryDecision {
  const status = f.status ?? 423;
  const delayMs = Math.max(minimumMs, retryAfterMs(f.headers, policy.now()) ?? 0);
  const final = fail('upstream_unavailable', hubspotSaid(status, body), detailsOf(status, body));
  return retryOrFail(f, policy, { delayMs, reason: 'upstream_unavailable', consumesAttempt: true }, final);
}

function migrationInProgress(f: HubspotFailure, body: HubspotErrorBody, policy: RetryPolicy): RetryDecision {
  // 477: the portal is being migrated between data centres; HubSpot says when to retry (reference §11.1).
  const delayMs = retryAfterMs(f.headers, policy.now()) ?? policy.maxDelayMs;
  const final = fail('upstream_unavailable', hubspotSaid(477, body), detailsOf(477, body));
  return retryOrFail(f, policy, { delayMs, reason: 'upstream_unavailable', consumesAttempt: false }, final);
}

// 501 and 505 say the request itself is wrong for this server; retrying cannot help.
const PERMANENT_5XX = new Set([501, 505]);

function classifyServerError(f: HubspotFailure, body: HubspotErrorBody, policy: RetryPolicy): RetryDecision {
  const status = f.status ?? 500;
  const final = fail('upstream_unavailable', hubspotSaid(status, body), detailsOf(status, body));
  if (PERMANENT_5XX.has(status)) return final;
  // Only 503 promises nothing happened; a 500/502/504 on a create may have created the record.
  if (f.idempotent === false && status !== 503) {
    return { ...final, message: `${final.message}; the write may have happened, so it was not retried` };
  }
  const delayMs = Math.max(backoffDelay(f.attempt, policy), retryAfterMs(f.headers, policy.now()) ?? 0);
  return retryOrFail(f, policy, { delayMs, reason: 'upstream_unavailable', consumesAttempt: true }, final);
}

function classifyTransport(f: HubspotFailure, policy: RetryPolicy): RetryDecision {
  const { kind, code } = classifyNetworkError(f.error);
  const details: FailureDetails = { networkCode: code };
  if (kind === 'cancelled') return fail('upstream_unavailable', 'The HubSpot call was cancelled', details);
  if (kind === 'unexpected') return fail('internal', `The HubSpot call failed before any response (${code})`, details);
  const final = fail('upstream_unavailable', `Could not reach HubSpot (${code})`, details);
  if (kind === 'outcome_unknown' && f.idempotent === false) {
    return { ...final, message: `${final.message}; the write may have happened, so it was not retried` };
  }
  const delayMs = backoffDelay(f.attempt, policy);
  return retryOrFail(f, policy, { delayMs, reason: 'upstream_unavailable', consumesAttempt: true }, final);
}

const CLIENT_ERROR_REASON: Record<number, ErrorCode> = { 404: 'not_found', 409: 'conflict', 413: 'payload_too_large' };

function classifyClientError(status: number, body: HubspotErrorBody): RetryDecision {
  const details = detailsOf(status, body);
  if (status === 403) {
    const scopes = requiredScopes(body);
    if (scopes.length === 0) return fail('forbidden', hubspotSaid(403, body), details);
    const message = `HubSpot denied the call: the app is missing the scope ${scopes.join(', ')}; reinstall the app to grant it`;
    return fail('forbidden', message, { ...details, requiredScopes: scopes });
  }
  return fail(CLIENT_ERROR_REASON[status] ?? 'validation', hubspotSaid(status, body), details);
}
