import type { RequestHandler, Response } from 'express';
import { callerOf, type CallerAuth } from '../auth.ts';
import type { Portal, SandboxState } from '../state.ts';
import {
  burstLimit,
  DEFAULT_SEARCH_WINDOW_MS,
  DEFAULT_WINDOW_MS,
  dailyBody,
  dailyLimit,
  isSearchRequest,
  portalDay,
  SEARCH_PER_WINDOW,
  searchSecondlyBody,
  tenSecondlyBody,
} from './rateLimitPolicy.ts';

/**
 * A rolling window as a ring buffer of the last `capacity` accepted request times: O(1) per request,
 * so benchmarks can push thousands of calls through the sandbox without the limiter showing up.
 */
class RollingWindow {
  private readonly times: Float64Array;
  private head = 0;
  count = 0;
  constructor(readonly capacity: number) {
    this.times = new Float64Array(capacity);
  }
  tryTake(now: number, windowMs: number): boolean {
    while (this.count > 0 && this.times[this.head]! <= now - windowMs) {
      this.head = (this.head + 1) % this.capacity;
      this.count -= 1;
    }
    if (this.count >= this.capacity) return false;
    this.times[(this.head + this.count) % this.capacity] = now;
    this.count += 1;
    return true;
  }
}

const windowsByState = new WeakMap<SandboxState, Map<string, RollingWindow>>();

function windowFor(state: SandboxState, key: string, capacity: number): RollingWindow {
  let windows = windowsByState.get(state);
  if (!windows) {
    windows = new Map();
    windowsByState.set(state, windows);
  }
  let w = windows.get(key);
  if (!w || w.capacity !== capacity) {
    w = new RollingWindow(capacity); // tier changed (or first call): start a fresh window
    windows.set(key, w);
  }
  return w;
}

/** Forgets every rolling window (control plane: "reset rate limits"). Daily counters live on the portal. */
export function resetRateLimits(state: SandboxState): void {
  windowsByState.delete(state);
}

/**
 * HubSpot's limits per portal (reference/hubspot-api.md §11): a rolling burst window per app and portal
 * (OAuth 110, private apps by tier), a daily limit for private apps only, and search at 5/s per portal
 * with no X-HubSpot-RateLimit-* headers. With `enforceRateLimits` off, nothing is counted or sent.
 */
export function rateLimit(state: SandboxState): RequestHandler {
  return (req, res, next) => {
    if (!state.options.enforceRateLimits) return next();
    const auth = callerOf(res);
    const portal = state.portal(auth.portalId);
    if (!portal) return next();
    const now = state.now();
    if (auth.kind === 'private' && !takeDaily(portal, now)) {
      setDailyHeaders(res, portal);
      res.status(429).json(dailyBody());
      return;
    }
    if (isSearchRequest(req.method, req.path)) {
      const windowMs = state.options.searchRateWindowMs ?? DEFAULT_SEARCH_WINDOW_MS;
      if (windowFor(state, `s:${portal.id}`, SEARCH_PER_WINDOW).tryTake(now, windowMs)) return next();
      res.status(429).json(searchSecondlyBody());
      return;
    }
    const windowMs = state.options.rateLimitWindowMs ?? DEFAULT_WINDOW_MS;
    const max = burstLimit(portal, auth.kind);
    const window = windowFor(state, burstKey(auth), max);
    const allowed = window.tryTake(now, windowMs);
    res.setHeader('X-HubSpot-RateLimit-Max', String(max));
    res.setHeader('X-HubSpot-RateLimit-Remaining', String(max - window.count));
    res.setHeader('X-HubSpot-RateLimit-Interval-Milliseconds', String(windowMs));
    // Daily headers are "not sent for OAuth-authenticated calls" (§11.3).
    if (auth.kind === 'private') setDailyHeaders(res, portal);
    if (allowed) return next();
    // No Retry-After: HubSpot documents none for this 429 and the SDK ignores it (§1.4).
    res.status(429).json(tenSecondlyBody(auth.appId, auth.portalId, auth.kind));
  };
}

/** OAuth: one budget per installed app and account; private apps: "each private app has its own burst limit". */
function burstKey(auth: CallerAuth): string {
  return `${auth.kind === 'oauth' ? 'o' : 'p'}:${auth.portalId}:${auth.appId}`;
}

/** Counts one call against the account's shared private-app daily limit; resets at the portal's midnight. */
function takeDaily(portal: Portal, now: number): boolean {
  const day = portalDay(portal.timezone, now);
  if (portal.dailyCalls.day !== day) portal.dailyCalls = { day, count: 0 };
  if (portal.dailyCalls.count >= dailyLimit(portal)) return false;
  portal.dailyCalls.count += 1;
  return true;
}

function setDailyHeaders(res: Response, portal: Portal): void {
  const limit = dailyLimit(portal);
  res.setHeader('X-HubSpot-RateLimit-Daily', String(limit));
  res.setHeader('X-HubSpot-RateLimit-Daily-Remaining', String(Math.max(0, limit - portal.dailyCalls.count)));
}
