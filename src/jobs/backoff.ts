export interface BackoffPolicy {
  /** Ceiling of the first retry's delay. */
  baseMs: number;
  /** No delay ever exceeds this, however many attempts. */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, capMs: 30 * 60_000 };

/** Largest delay allowed after the given failed attempt (1-based): base · 2^(attempt-1), capped. */
export function backoffCeiling(attempt: number, policy: BackoffPolicy): number {
  const exponent = Math.max(0, attempt - 1);
  // 2^exponent overflows to Infinity long after the cap is hit, so min() keeps it finite.
  return Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
}

/**
 * "Full jitter" backoff: a uniform delay in [0, ceiling). Spreading retries over the whole window keeps
 * a batch of jobs that failed together (HubSpot outage, shared 429) from coming back together.
 * `random` returns [0, 1) like Math.random and is injected so tests can pin it.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  return Math.floor(random() * backoffCeiling(attempt, policy));
}
