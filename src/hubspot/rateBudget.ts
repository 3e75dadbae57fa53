import { AppError } from '../errors.ts';
import { BudgetLane, createWaiter, type Priority, type Release } from './budgetLane.ts';
import { type HeaderBag, readRateLimitHeaders } from './headers.ts';
import { burstLimit, type RateProfile, SEARCH_PER_SECOND, SEARCH_WINDOW_MS, withMargin } from './rateLimits.ts';
import { SlidingWindow } from './slidingWindow.ts';
import { systemTimers, type Timers } from './timers.ts';

export type { Priority, Release } from './budgetLane.ts';
export type RequestKind = 'general' | 'search';

export interface AcquireOptions {
  kind?: RequestKind;
  /** Default background, so a forgotten priority never jumps ahead of a card. */
  priority?: Priority;
  signal?: AbortSignal;
}

export interface RateBudgetOptions {
  timers?: Timers;
  /** Profile for portals never configured: a marketplace OAuth install (110 / 10 s). */
  defaultProfile?: RateProfile;
  /** Fraction of each limit held back for callers outside this process (0 ≤ margin < 1). Default 0. */
  safetyMargin?: number;
  /** After the daily limit is exhausted, refuse calls this long before letting one probe again. */
  dailyRecheckMs?: number;
  /**
   * Count each granted request until its `release()` (then from its completion time) instead of from its
   * grant. HubSpot counts arrivals, which lag our grants by the network and our own event loop; with this on,
   * no latency can push a 111th request into HubSpot's window (proof sketch in slidingWindow.ts). The gateway
   * turns it on and always releases. Default false (grant-time counting).
   */
  holdInFlight?: boolean;
  /**
   * Share of a window that may be sent back to back (0 < f ≤ 1); once the window is that full, grants are
   * spaced 0.9·windowMs/limit apart. Without it a saturated portal sends its whole window in one burst and
   * then nothing for ~10 s, so a rep's card request arriving in that gap waits the full 10 s; paced, it waits
   * about one spacing (~82 ms at 110 / 10 s). Default 1 (no pacing).
   */
  burstFraction?: number;
}

interface PortalState {
  portalId: number;
  limit: { perWindow: number; windowMs: number };
  lanes: Record<RequestKind, BudgetLane>;
  dailyRemaining: number | undefined;
  dailyBlockedUntil: number;
}

/**
 * The per-portal HubSpot request budget shared by every feature (DESIGN: "rate limits are a budget,
 * not an error"). `acquire` resolves when one request may be sent; the search API has its own 5/s
 * window (reference §3, §11.4). One instance per process.
 */
export class RateBudget {
  readonly #timers: Timers;
  readonly #margin: number;
  readonly #defaultProfile: RateProfile;
  readonly #dailyRecheckMs: number;
  readonly #hold: boolean;
  readonly #burstFraction: number;
  readonly #portals = new Map<number, PortalState>();

  constructor(options: RateBudgetOptions = {}) {
    this.#timers = options.timers ?? systemTimers;
    this.#margin = options.safetyMargin ?? 0;
    this.#defaultProfile = options.defaultProfile ?? { authKind: 'oauth' };
    this.#dailyRecheckMs = options.dailyRecheckMs ?? 15 * 60_000;
    this.#hold = options.holdInFlight ?? false;
    this.#burstFraction = options.burstFraction ?? 1;
    if (!(this.#burstFraction > 0 && this.#burstFraction <= 1)) throw new RangeError('burstFraction must be in (0, 1]');
    if (!(this.#margin >= 0 && this.#margin < 1)) throw new RangeError('safetyMargin must be in [0, 1)');
  }

  /**
   * Resolves when one request for the portal may be sent, with the `release` to call once it is answered;
   * rejects `rate_limited` when its day is used up.
   */
  acquire(portalId: number, o: AcquireOptions = {}): Promise<Release> {
    const state = this.#portal(portalId);
    const now = this.#timers.now();
    if (now < state.dailyBlockedUntil) return Promise.reject(this.#dailyError(state, now));
    if (o.signal?.aborted) return Promise.reject(o.signal.reason);
    const lane = state.lanes[o.kind ?? 'general'];
    return new Promise<Release>((resolve, reject) => {
      lane.enqueue(createWaiter(o.priority ?? 'background', resolve, reject, o.signal));
      this.#pump(state, lane);
    });
  }

  /** Sets a portal's limit from how it is connected (OAuth, private-app tier, or explicit numbers). */
  configurePortal(portalId: number, profile: RateProfile): void {
    this.#setLimit(this.#portal(portalId), burstLimit(profile));
  }

  /** Holds every request of a kind until `untilMs` (a 429 said the window is full). */
  pause(portalId: number, untilMs: number, kind: RequestKind = 'general'): void {
    const state = this.#portal(portalId);
    state.lanes[kind].pausedUntil = Math.max(state.lanes[kind].pausedUntil, untilMs);
    this.#pump(state, state.lanes[kind]);
  }

  /** Adjusts to the `X-HubSpot-RateLimit-*` headers of a response (reference §11.3). */
  observe(portalId: number, headers: HeaderBag): void {
    const state = this.#portal(portalId);
    const now = this.#timers.now();
    const h = readRateLimitHeaders(headers);
    if (h.max !== undefined && h.max > 0) {
      this.#setLimit(state, { perWindow: h.max, windowMs: h.intervalMs ?? state.limit.windowMs });
    }
    if (h.remaining !== undefined) this.#reconcile(state, h.remaining, now);
    if (h.dailyRemaining === 0) this.#blockDaily(state, now + this.#dailyRecheckMs);
    else if (h.dailyRemaining !== undefined && now >= state.dailyBlockedUntil) state.dailyRemaining = h.dailyRemaining;
  }

  /** A 429 DAILY arrived: refuse the portal's calls until `untilMs` (default: the recheck interval). */
  markDailyExhausted(portalId: number, untilMs?: number): void {
    this.#blockDaily(this.#portal(portalId), untilMs ?? this.#timers.now() + this.#dailyRecheckMs);
  }

  /** Limits, usage and queue lengths of a portal, for the health views. */
  snapshot(portalId: number) {
    const state = this.#portal(portalId);
    const now = this.#timers.now();
    return {
      general: state.lanes.general.snapshot(now),
      search: state.lanes.search.snapshot(now),
      dailyRemaining: state.dailyRemaining ?? null,
      dailyBlockedUntil: state.dailyBlockedUntil > now ? state.dailyBlockedUntil : null,
    };
  }

  /** Stops all timers and rejects every waiter (graceful shutdown). */
  close(): void {
    const err = new AppError('upstream_unavailable', 'The HubSpot rate budget was closed (shutting down)');
    for (const state of this.#portals.values()) for (const lane of Object.values(state.lanes)) lane.failAll(err);
  }

  #portal(portalId: number): PortalState {
    let state = this.#portals.get(portalId);
    if (!state) {
      const limit = burstLimit(this.#defaultProfile);
      const lanes = {
        general: new BudgetLane(
          withMargin(limit.perWindow, this.#margin),
          limit.windowMs,
          this.#timers,
          this.#burstFraction,
        ),
        // Search: 5 per second is already small; pacing it would only add latency.
        search: new BudgetLane(withMargin(SEARCH_PER_SECOND, this.#margin), SEARCH_WINDOW_MS, this.#timers),
      };
      state = { portalId, limit, lanes, dailyRemaining: undefined, dailyBlockedUntil: 0 };
      this.#portals.set(portalId, state);
    }
    return state;
  }

  /** Grants as many waiters as the window allows now, then sleeps until the next slot frees. */
  #pump(state: PortalState, lane: BudgetLane): void {
    const now = this.#timers.now();
    while (lane.waiting > 0) {
      if (now < state.dailyBlockedUntil) {
        lane.failAll(this.#dailyError(state, now));
        return;
      }
      const readyAt = lane.readyAt(now);
      if (readyAt > now) {
        // Infinity: every slot is held by a request in flight; its release pumps again.
        if (Number.isFinite(readyAt)) lane.sleepUntil(readyAt, now, () => this.#pump(state, lane));
        else lane.cancelSleep();
        return;
      }
      const waiter = lane.next();
      if (!waiter) break;
      const entry = lane.window.record(now, this.#hold);
      lane.lastGrantAt = now;
      let released = false;
      waiter.grant((at = this.#timers.now()) => {
        if (released) return;
        released = true;
        SlidingWindow.release(entry, at);
        this.#pump(state, lane);
      });
      this.#countDaily(state, now);
    }
    lane.cancelSleep();
  }

  #countDaily(state: PortalState, now: number): void {
    if (state.dailyRemaining === undefined) return;
    state.dailyRemaining -= 1;
    if (state.dailyRemaining <= 0) this.#blockDaily(state, now + this.#dailyRecheckMs);
  }

  #blockDaily(state: PortalState, until: number): void {
    state.dailyBlockedUntil = Math.max(state.dailyBlockedUntil, until);
    state.dailyRemaining = undefined; // unknown until a probe after the block brings fresh headers
    const err = this.#dailyError(state, this.#timers.now());
    for (const lane of Object.values(state.lanes)) lane.failAll(err);
  }

  #dailyError(state: PortalState, now: number): AppError {
    const message = `HubSpot's daily API limit for portal ${state.portalId} is used up; it resets at midnight in the portal's time zone`;
    return new AppError('rate_limited', message, {
      portalId: state.portalId,
      retryAfterMs: Math.max(0, state.dailyBlockedUntil - now),
    });
  }

  #setLimit(state: PortalState, limit: { perWindow: number; windowMs: number }): void {
    if (limit.perWindow === state.limit.perWindow && limit.windowMs === state.limit.windowMs) return;
    state.limit = limit;
    const lane = state.lanes.general;
    lane.window = lane.window.resized(withMargin(limit.perWindow, this.#margin), limit.windowMs);
    this.#pump(state, lane);
  }

  /** Counts usage HubSpot saw but we did not (other instances; other private apps of the account). */
  #reconcile(state: PortalState, remaining: number, now: number): void {
    const window = state.lanes.general.window;
    const unseen = Math.min(state.limit.perWindow - remaining - window.countAt(now), window.capacity);
    for (let i = 0; i < unseen; i++) window.record(now);
  }
}

/** Creates the process-wide budget. */
export const createRateBudget = (options?: RateBudgetOptions): RateBudget => new RateBudget(options);
