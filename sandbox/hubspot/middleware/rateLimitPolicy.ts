import { randomUUID } from 'node:crypto';
import type { AuthKind, Portal } from '../state.ts';

/**
 * HubSpot's published API limits and its 429 bodies, shared by the rate limiter and the fault injector.
 * Numbers: reference/hubspot-api.md §11.4; bodies: §11.2 and §12.4.
 */

export const OAUTH_BURST = 110; // per installing account per app, search excluded; no daily limit
export const SEARCH_PER_WINDOW = 5; // per account per second
export const DEFAULT_WINDOW_MS = 10_000;
export const DEFAULT_SEARCH_WINDOW_MS = 1_000;

/** Requests allowed per rolling window for this caller. */
export function burstLimit(portal: Portal, kind: AuthKind): number {
  if (kind === 'oauth') return OAUTH_BURST; // "The API Limit Increase does not apply" to OAuth apps
  if (portal.apiLimitIncrease) return 250;
  return portal.tier === 'free' || portal.tier === 'starter' ? 100 : 190;
}

/** Daily requests shared by all private apps of the account (625k for Professional: the conservative figure). */
export function dailyLimit(portal: Portal): number {
  const base = { free: 250_000, starter: 250_000, professional: 625_000, enterprise: 1_000_000 }[portal.tier];
  return base + (portal.apiLimitIncrease ? 1_000_000 : 0);
}

/** TEN_SECONDLY_ROLLING body: [U] community-observed shape (§11.2); the SDK retries on its policyName. */
export function tenSecondlyBody(appId: number, portalId: number, kind: AuthKind) {
  const group = kind === 'oauth' ? 'oauth-api-calls-ten-secondly' : 'private_app-api-calls-ten-secondly';
  return {
    status: 'error',
    message: 'You have reached your ten_secondly_rolling limit.',
    errorType: 'RATE_LIMIT',
    correlationId: randomUUID(),
    policyName: 'TEN_SECONDLY_ROLLING',
    groupName: `publicapi:${group}:${appId}:${portalId}`,
  };
}

/** DAILY body: verbatim shape from the usage guidelines (§11.2). */
export function dailyBody() {
  return {
    status: 'error',
    message: 'You have reached your daily limit.',
    errorType: 'RATE_LIMIT',
    correlationId: randomUUID(),
    policyName: 'DAILY',
    requestId: randomUUID(),
  };
}

/** Search secondly body: the message is what the SDK matches on [C]; other fields [U] (§12.4). */
export function searchSecondlyBody() {
  return {
    status: 'error',
    message: 'You have reached your secondly limit.',
    errorType: 'RATE_LIMIT',
    correlationId: randomUUID(),
  };
}

/** `POST /crm/v3/objects/{type}/search`: limited separately and answered without rate-limit headers (§3). */
export function isSearchRequest(method: string, path: string): boolean {
  return method === 'POST' && /^\/crm\/v3\/objects\/[^/]+\/search\/?$/.test(path);
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) in the portal's time zone: the daily limit resets at the portal's midnight. */
export function portalDay(timezone: string, epochMs: number): string {
  let fmt = dayFormatters.get(timezone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timezone, fmt);
  }
  return fmt.format(epochMs);
}
