import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src/errors.ts';
import { type AcquireOptions, createRateBudget, type RateBudgetOptions } from '../../src/hubspot/rateBudget.ts';
import type { RateProfile } from '../../src/hubspot/rateLimits.ts';

const PORTAL = 62515;

/** Deterministic PRNG (mulberry32) so the simulation is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Starts acquires and records, per label, when each was granted (fake time) or how it failed. */
function harness(options: RateBudgetOptions = {}) {
  const budget = createRateBudget(options);
  const grants: { label: string; at: number }[] = [];
  const failures: { label: string; error: unknown }[] = [];
  const request = (label: string, o: AcquireOptions = {}, portalId = PORTAL) =>
    budget.acquire(portalId, o).then(
      () => grants.push({ label, at: Date.now() }),
      (error: unknown) => failures.push({ label, error }),
    );
  const many = (n: number, prefix: string, o: AcquireOptions = {}, portalId = PORTAL) =>
    Array.from({ length: n }, (_, i) => request(`${prefix}${i}`, o, portalId));
  return { budget, grants, failures, request, many };
}

/** Largest number of grant times inside any window [t, t + windowMs). */
function maxInAnyWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    max = Math.max(max, end - start + 1);
  }
  return max;
}

const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers({ now: 0, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('rolling window per portal', () => {
  it('1,000 requests arriving over 60 s never exceed 110 in any rolling 10 s window, and use the budget fully', async () => {
    const { grants, request } = harness();
    const random = seeded(42);
    const arrivals: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const priority = random() < 0.2 ? 'interactive' : 'background';
      const at = Math.floor(random() * 60_000);
      arrivals.push(at);
      setTimeout(() => request(`r${i}`, { priority }), at);
    }
    await vi.advanceTimersByTimeAsync(120_000);
    const times = grants.map((g) => g.at).sort((a, b) => a - b);
    expect(times).toHaveLength(1000);
    for (let i = 0; i + 110 < times.length; i++) expect(times[i + 110]! - times[i]!).toBeGreaterThanOrEqual(10_000);
    expect(maxInAnyWindow(times, 10_000)).toBe(110);
    // And no slot is wasted: the k-th send happens as soon as both the k-th request has arrived and
    // the send 110 places earlier has left the window.
    const sortedArrivals = [...arrivals].sort((a, b) => a - b);
    const ideal: number[] = [];
    for (const [k, a] of sortedArrivals.entries()) ideal.push(k < 110 ? a : Math.max(a, ideal[k - 110]! + 10_000));
    expect(times).toEqual(ideal);
  });

  it('a portal at its limit does not slow down another portal', async () => {
    const { grants, many } = harness();
    many(200, 'a', {}, 1);
    many(5, 'b', {}, 2);
    await settle();
    expect(grants.filter((g) => g.label.startsWith('b')).map((g) => g.at)).toEqual([0, 0, 0, 0, 0]);
    expect(grants.filter((g) => g.label.startsWith('a'))).toHaveLength(110);
  });

  it.each<[string, number, RateProfile]>([
    ['OAuth install', 110, { authKind: 'oauth' }],
    ['private app, Free', 100, { authKind: 'private', tier: 'free' }],
    ['private app, Starter', 100, { authKind: 'private', tier: 'starter' }],
    ['private app, Professional', 190, { authKind: 'private', tier: 'professional' }],
    ['private app, Enterprise', 190, { authKind: 'private', tier: 'enterprise' }],
    ['private app with API limit increase', 250, { authKind: 'private', tier: 'starter', apiLimitIncrease: true }],
    ['explicit numbers', 40, { authKind: 'custom', perWindow: 40 }],
  ])('%s gets %i requests per 10 s', async (_name, limit, profile) => {
    const { budget, grants, many } = harness();
    budget.configurePortal(PORTAL, profile);
    many(300, 'r');
    await settle();
    expect(grants).toHaveLength(limit);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(grants).toHaveLength(Math.min(300, 2 * limit));
  });

  it('a safety margin holds back a share of the limit', async () => {
    const { grants, many } = harness({ safetyMargin: 0.1 });
    many(200, 'r');
    await settle();
    expect(grants).toHaveLength(99);
  });
});

describe('holding requests until they are answered (HubSpot counts arrivals, not our grants)', () => {
  it('a slot stays taken while its request is in flight and frees one window after the answer', async () => {
    const budget = createRateBudget({ holdInFlight: true, defaultProfile: { authKind: 'custom', perWindow: 2 } });
    const releases = [await budget.acquire(PORTAL), await budget.acquire(PORTAL)];
    let third = false;
    void budget.acquire(PORTAL).then(() => {
      third = true;
    });
    await vi.advanceTimersByTimeAsync(30_000); // both still in flight: no slot frees, however long
    expect(third).toBe(false);
    releases[0]!(); // answered at 30 s → counted until 40 s
    await vi.advanceTimersByTimeAsync(9_999);
    expect(third).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(third).toBe(true);
  });

  it('without holding, a release changes nothing and slots free one window after the grant', async () => {
    const budget = createRateBudget({ defaultProfile: { authKind: 'custom', perWindow: 1 } });
    const release = await budget.acquire(PORTAL);
    let second = false;
    void budget.acquire(PORTAL).then(() => {
      second = true;
    });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(second).toBe(true);
    release(); // late release: must not take the slot back
    expect(budget.snapshot(PORTAL).general.inWindow).toBe(1);
  });

  it('releasing twice counts once, and a resize keeps the held requests in the window', async () => {
    const budget = createRateBudget({ holdInFlight: true, defaultProfile: { authKind: 'custom', perWindow: 3 } });
    const release = await budget.acquire(PORTAL);
    await budget.acquire(PORTAL);
    budget.observe(PORTAL, { 'X-HubSpot-RateLimit-Max': '2', 'X-HubSpot-RateLimit-Interval-Milliseconds': '10000' });
    expect(budget.snapshot(PORTAL).general).toMatchObject({ limit: 2, inWindow: 2 });
    release();
    release();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(budget.snapshot(PORTAL).general.inWindow).toBe(1); // the other one is still in flight
  });
});

describe('priorities', () => {
  it('a card request goes ahead of 500 queued sync jobs', async () => {
    const { grants, many, request } = harness();
    many(110, 'fill');
    many(500, 'sync', { priority: 'background' });
    await vi.advanceTimersByTimeAsync(3_000);
    request('card', { priority: 'interactive' });
    await vi.advanceTimersByTimeAsync(7_000);
    const afterFill = grants.slice(110);
    expect(afterFill[0]).toEqual({ label: 'card', at: 10_000 });
  });

  it('waiters of the same priority are served first come, first served', async () => {
    const { grants, many } = harness();
    many(110, 'fill');
    many(150, 'bg', { priority: 'background' });
    many(50, 'ui', { priority: 'interactive' });
    await vi.advanceTimersByTimeAsync(30_000);
    const order = grants.slice(110).map((g) => g.label);
    expect(order.slice(0, 50)).toEqual(Array.from({ length: 50 }, (_, i) => `ui${i}`));
    expect(order.slice(50)).toEqual(Array.from({ length: 150 }, (_, i) => `bg${i}`));
  });

  it('an aborted waiter leaves the queue without using a slot', async () => {
    const { grants, failures, many, request } = harness();
    many(110, 'fill');
    const controller = new AbortController();
    request('gone', { signal: controller.signal });
    request('next');
    controller.abort(new Error('caller gave up'));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(failures.map((f) => f.label)).toEqual(['gone']);
    expect(grants.at(-1)).toEqual({ label: 'next', at: 10_000 });
  });
});

describe('search has its own 5 per second window', () => {
  it('search requests are paced at 5/s while general requests are not held up', async () => {
    const { grants, many } = harness();
    many(23, 's', { kind: 'search' });
    many(110, 'g');
    await vi.advanceTimersByTimeAsync(5_000);
    const search = grants.filter((g) => g.label.startsWith('s')).map((g) => g.at);
    expect(search).toHaveLength(23);
    expect(maxInAnyWindow(search, 1_000)).toBe(5);
    expect(search.at(-1)).toBe(4_000);
    expect(grants.filter((g) => g.label.startsWith('g')).every((g) => g.at === 0)).toBe(true);
  });
});

describe('pauses and response headers', () => {
  it('pause holds general requests until the given time, not search', async () => {
    const { budget, grants, request } = harness();
    budget.pause(PORTAL, 5_000);
    request('general');
    request('search', { kind: 'search' });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(grants.map((g) => g.label)).toEqual(['search']);
    await vi.advanceTimersByTimeAsync(1);
    expect(grants.at(-1)).toEqual({ label: 'general', at: 5_000 });
  });

  it('X-HubSpot-RateLimit-Max and -Interval-Milliseconds replace the configured limit', async () => {
    const { budget, grants, many } = harness();
    budget.observe(PORTAL, { 'X-HubSpot-RateLimit-Max': '190', 'X-HubSpot-RateLimit-Interval-Milliseconds': '10000' });
    many(300, 'r');
    await settle();
    expect(grants).toHaveLength(190);
    expect(budget.snapshot(PORTAL).general).toMatchObject({ limit: 190, inWindow: 190, queued: { background: 110 } });
  });

  it('a lower -Remaining than we expect (usage we did not see) reduces what is left in the window', async () => {
    const { budget, grants, many } = harness();
    many(10, 'mine');
    await settle();
    budget.observe(PORTAL, { 'x-hubspot-ratelimit-max': '110', 'x-hubspot-ratelimit-remaining': '40' });
    many(100, 'more');
    await settle();
    expect(grants).toHaveLength(50);
  });

  it('a shrinking limit applies to the sends already in the window', async () => {
    const { budget, grants, many } = harness({ defaultProfile: { authKind: 'private', tier: 'enterprise' } });
    many(100, 'r');
    await settle();
    budget.observe(PORTAL, { 'x-hubspot-ratelimit-max': '100' });
    many(1, 'late');
    await settle();
    expect(grants).toHaveLength(100);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(grants.at(-1)).toEqual({ label: 'late0', at: 10_000 });
  });
});

describe('daily limit', () => {
  const isRateLimited = (e: unknown) => e instanceof AppError && e.code === 'rate_limited';

  it('when -Daily-Remaining runs out, further requests are refused with rate_limited', async () => {
    const { budget, grants, failures, many } = harness({ dailyRecheckMs: 60_000 });
    budget.observe(PORTAL, { 'X-HubSpot-RateLimit-Daily': '250000', 'X-HubSpot-RateLimit-Daily-Remaining': '3' });
    many(5, 'r');
    await settle();
    expect(grants.map((g) => g.label)).toEqual(['r0', 'r1', 'r2']);
    expect(failures.map((f) => f.label)).toEqual(['r3', 'r4']);
    expect(failures.every((f) => isRateLimited(f.error))).toBe(true);
    expect(String((failures[0]!.error as Error).message)).toMatch(/daily API limit .* resets at midnight/);
  });

  it('a response saying 0 remain today refuses queued and new requests of both kinds, then probes again later', async () => {
    const { budget, grants, failures, many, request } = harness({ dailyRecheckMs: 60_000 });
    many(110, 'fill');
    many(20, 'queued');
    many(10, 'search', { kind: 'search' });
    await settle();
    budget.observe(PORTAL, { 'x-hubspot-ratelimit-daily-remaining': '0' });
    await settle();
    expect(failures).toHaveLength(25); // 20 general + the 5 searches still waiting
    request('new');
    await settle();
    expect(failures.at(-1)?.label).toBe('new');
    expect(budget.snapshot(PORTAL).dailyBlockedUntil).toBe(60_000);
    await vi.advanceTimersByTimeAsync(60_000);
    request('probe');
    await settle();
    expect(grants.at(-1)).toEqual({ label: 'probe', at: 60_000 });
  });

  it('markDailyExhausted (after a 429 DAILY) refuses until the given time', async () => {
    const { budget, failures, request } = harness();
    budget.markDailyExhausted(PORTAL, 3_600_000);
    request('r');
    await settle();
    const error = failures[0]?.error as AppError;
    expect(isRateLimited(error)).toBe(true);
    expect(error.details).toMatchObject({ portalId: PORTAL, retryAfterMs: 3_600_000 });
  });
});

describe('scale and shutdown', () => {
  it('10,000 queued waiters on one portal are all served in order', async () => {
    const { grants, many } = harness({ defaultProfile: { authKind: 'custom', perWindow: 1_000 } });
    many(10_000, 'r');
    await vi.advanceTimersByTimeAsync(100_000);
    expect(grants).toHaveLength(10_000);
    expect(grants[9_999]).toEqual({ label: 'r9999', at: 90_000 });
  });

  it('close rejects every waiter and stops the timers', async () => {
    const { budget, failures, many } = harness();
    many(120, 'r');
    await settle();
    budget.close();
    await settle();
    expect(failures).toHaveLength(10);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('pacing a busy window', () => {
  it('with burstFraction, the first share goes at once and the rest is spaced, never beyond the limit', async () => {
    const { grants, many } = harness({ burstFraction: 0.1 });
    many(110, 'r');
    await settle();
    expect(grants).toHaveLength(11);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(grants).toHaveLength(110);
    const gaps = grants.slice(11).map((g, i) => g.at - grants[10 + i]!.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(81); // 0.9 × 10 000 / 110
  });

  it('an interactive request on a saturated portal waits about one spacing, not a whole window', async () => {
    const { grants, many, request } = harness({ burstFraction: 0.1 });
    many(300, 'sync');
    await vi.advanceTimersByTimeAsync(20_000);
    request('card', { priority: 'interactive' });
    const asked = Date.now();
    await vi.advanceTimersByTimeAsync(200);
    const card = grants.find((g) => g.label === 'card');
    expect(card).toBeDefined();
    expect(card!.at - asked).toBeLessThan(100);
  });
});
