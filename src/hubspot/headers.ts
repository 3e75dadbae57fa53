/**
 * Response headers as the gateway sees them: the SDK's ApiException gives a plain object with lowercase
 * keys (reference §1.3), fetch gives a `Headers`. Both are read case-insensitively here.
 */
export type HeaderBag =
  | Readonly<Record<string, string | readonly string[] | number | undefined>>
  | { get(name: string): string | null };

/** First value of a header, case-insensitive; undefined when absent. */
export function headerValue(headers: HeaderBag | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof headers.get === 'function') return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    const first: unknown = Array.isArray(value) ? value[0] : value;
    return first === undefined ? undefined : String(first);
  }
  return undefined;
}

const intHeader = (headers: HeaderBag | undefined, name: string): number | undefined => {
  const raw = headerValue(headers, name)?.trim();
  if (raw === undefined || !/^\d+$/.test(raw)) return undefined;
  return Number(raw);
};

/** `X-HubSpot-RateLimit-*` values (reference §11.3). Search responses carry none; OAuth calls carry no daily ones. */
export interface RateLimitHeaders {
  max?: number;
  remaining?: number;
  intervalMs?: number;
  daily?: number;
  dailyRemaining?: number;
}

/** Reads the rate-limit headers that are present. */
export function readRateLimitHeaders(headers: HeaderBag | undefined): RateLimitHeaders {
  const found: RateLimitHeaders = {
    max: intHeader(headers, 'x-hubspot-ratelimit-max'),
    remaining: intHeader(headers, 'x-hubspot-ratelimit-remaining'),
    intervalMs: intHeader(headers, 'x-hubspot-ratelimit-interval-milliseconds'),
    daily: intHeader(headers, 'x-hubspot-ratelimit-daily'),
    dailyRemaining: intHeader(headers, 'x-hubspot-ratelimit-daily-remaining'),
  };
  return Object.fromEntries(Object.entries(found).filter(([, v]) => v !== undefined)) as RateLimitHeaders;
}

/**
 * `Retry-After` in milliseconds from `nowMs`: delta-seconds or an HTTP-date (RFC 9110 §10.2.3).
 * Undefined when absent or unreadable; a date in the past gives 0.
 */
export function retryAfterMs(headers: HeaderBag | undefined, nowMs: number): number | undefined {
  const raw = headerValue(headers, 'retry-after')?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000);
  const at = Date.parse(raw);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
