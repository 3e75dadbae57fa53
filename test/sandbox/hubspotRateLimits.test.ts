import { afterEach, describe, expect, it } from 'vitest';
import { installApp } from '../../sandbox/hubspot/controlPlane.ts';
import { dailyLimit } from '../../sandbox/hubspot/middleware/rateLimitPolicy.ts';
import { apiError, type PlatformWorld, startPlatformWorld } from './support/platformWorld.ts';

let w: PlatformWorld | undefined;
afterEach(() => w?.close());

/** Fires `n` cheap authenticated calls in parallel and returns their statuses. */
async function burst(
  world: PlatformWorld,
  token: string,
  n: number,
  path = '/crm/v3/pipelines/deals',
): Promise<number[]> {
  return Promise.all(Array.from({ length: n }, () => world.call('GET', path, { token }).then((r) => r.status)));
}

function search(world: PlatformWorld, token: string) {
  return world.call('POST', '/crm/v3/objects/contacts/search', { token, body: { filterGroups: [], limit: 1 } });
}

function oauthToken(world: PlatformWorld, portalId: number): string {
  const client = world.oauthClient();
  return installApp(world.state, {
    clientId: client.clientId,
    portalId,
    scopes: ['crm.schemas.deals.read', 'crm.objects.contacts.read'],
  }).access_token;
}

describe('ten-secondly burst limit', () => {
  it('when an OAuth install makes 111 calls within 10 s, the 111th gets TEN_SECONDLY_ROLLING and no daily headers', async () => {
    w = await startPlatformWorld();
    const portal = w.portal();
    const token = oauthToken(w, portal.id);
    const statuses = await burst(w, token, 110);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const err = await apiError(w.sdk(token, 1).crm.pipelines.pipelinesApi.getAll('deals'));
    expect(err.code).toBe(429);
    expect(err.body).toMatchObject({ status: 'error', policyName: 'TEN_SECONDLY_ROLLING', errorType: 'RATE_LIMIT' });
    expect(err.headers['x-hubspot-ratelimit-max']).toBe('110');
    expect(err.headers['x-hubspot-ratelimit-remaining']).toBe('0');
    expect(err.headers['x-hubspot-ratelimit-interval-milliseconds']).toBe('10000');
    expect(err.headers['x-hubspot-ratelimit-daily']).toBeUndefined();
  });

  it('when the rolling window has passed on the sandbox clock, calls succeed again', async () => {
    w = await startPlatformWorld();
    const portal = w.portal({ tier: 'starter' });
    const token = w.privateToken(portal.id);
    await burst(w, token, 100);
    expect((await w.call('GET', '/crm/v3/pipelines/deals', { token })).status).toBe(429);
    w.clock.advance(10_000);
    const ok = await w.call('GET', '/crm/v3/pipelines/deals', { token });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-hubspot-ratelimit-remaining')).toBe('99');
  });

  it.each([
    ['free', false, '100'],
    ['starter', false, '100'],
    ['professional', false, '190'],
    ['enterprise', false, '190'],
    ['starter', true, '250'],
  ] as const)(
    'when a private app on %s (limit increase: %s) calls, Max is %s and daily headers are present',
    async (tier, inc, max) => {
      w = await startPlatformWorld();
      const portal = w.portal({ tier, apiLimitIncrease: inc });
      const res = await w.call('GET', '/crm/v3/pipelines/deals', { token: w.privateToken(portal.id) });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-hubspot-ratelimit-max')).toBe(max);
      expect(res.headers.get('x-hubspot-ratelimit-remaining')).toBe(String(Number(max) - 1));
      expect(res.headers.get('x-hubspot-ratelimit-daily')).toBe(String(dailyLimit(portal)));
      expect(res.headers.get('x-hubspot-ratelimit-daily-remaining')).toBe(String(dailyLimit(portal) - 1));
    },
  );

  it('when one portal exhausts its burst, another portal of the same app is unaffected', async () => {
    w = await startPlatformWorld({ rateLimitWindowMs: 10_000 });
    const a = w.portal();
    const b = w.portal();
    const tokenA = oauthToken(w, a.id);
    await burst(w, tokenA, 111);
    expect((await w.call('GET', '/crm/v3/pipelines/deals', { token: tokenA })).status).toBe(429);
    expect((await w.call('GET', '/crm/v3/pipelines/deals', { token: oauthToken(w, b.id) })).status).toBe(200);
  });

  it('when rate limits are switched off, nothing is refused and no rate-limit headers are sent', async () => {
    w = await startPlatformWorld({ enforceRateLimits: false });
    const token = oauthToken(w, w.portal().id);
    const statuses = await burst(w, token, 130);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const res = await w.call('GET', '/crm/v3/pipelines/deals', { token });
    expect(res.headers.get('x-hubspot-ratelimit-max')).toBeNull();
  });
});

describe('daily limit (private apps)', () => {
  it('when the portal has used its daily calls, the SDK gets DAILY without retrying, and midnight in the portal’s zone resets it', async () => {
    w = await startPlatformWorld();
    const portal = w.portal({ tier: 'professional', timezone: 'America/New_York' });
    const token = w.privateToken(portal.id);
    // T0 is 05:00 in New York on 2026-01-15.
    portal.dailyCalls = { day: '2026-01-15', count: dailyLimit(portal) };
    const err = await apiError(w.sdk(token, 3).crm.pipelines.pipelinesApi.getAll('deals'));
    expect(err.code).toBe(429);
    expect(err.body).toMatchObject({
      message: 'You have reached your daily limit.',
      policyName: 'DAILY',
      errorType: 'RATE_LIMIT',
    });
    expect(err.headers['x-hubspot-ratelimit-daily-remaining']).toBe('0');
    const attempts = w.state.callLog.filter((c) => c.portalId === portal.id && c.status === 429);
    expect(attempts).toHaveLength(1); // the SDK does not retry DAILY (reference §1.4)
    w.clock.advance(18 * 3_600_000); // 23:00 New York: still the same day there
    expect((await w.call('GET', '/crm/v3/pipelines/deals', { token })).status).toBe(429);
    w.clock.advance(1 * 3_600_000); // 00:00 New York
    expect((await w.call('GET', '/crm/v3/pipelines/deals', { token })).status).toBe(200);
  });

  it('when an OAuth install calls, the daily counter is not touched', async () => {
    w = await startPlatformWorld();
    const portal = w.portal();
    await burst(w, oauthToken(w, portal.id), 5);
    expect(portal.dailyCalls.count).toBe(0);
  });
});

describe('search limit', () => {
  it('when a portal searches a 6th time within a second, it gets the secondly-limit 429 with no rate-limit headers', async () => {
    w = await startPlatformWorld();
    const portal = w.portal();
    const token = w.privateToken(portal.id);
    for (let i = 0; i < 5; i++) {
      const ok = await search(w, token);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('x-hubspot-ratelimit-max')).toBeNull();
      expect(ok.headers.get('x-hubspot-ratelimit-daily')).toBeNull();
    }
    const limited = await search(w, token);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ status: 'error', message: 'You have reached your secondly limit.' });
    expect(limited.headers.get('x-hubspot-ratelimit-remaining')).toBeNull();
    // Search does not spend the burst budget.
    const other = await w.call('GET', '/crm/v3/pipelines/deals', { token });
    expect(other.headers.get('x-hubspot-ratelimit-remaining')).toBe('189');
    w.clock.advance(1_000);
    expect((await search(w, token)).status).toBe(200);
  });

  it('when the SDK hits the search limit, its own retry waits a second and then succeeds', async () => {
    w = await startPlatformWorld({ now: () => Date.now() });
    const token = w.privateToken(w.portal().id);
    for (let i = 0; i < 5; i++) await search(w, token);
    const page = await w.sdk(token, 2).crm.contacts.searchApi.doSearch({ filterGroups: [], limit: 1 } as never);
    expect(page.total).toBe(0);
    const searches = w.state.callLog.filter((c) => c.path.endsWith('/search')).map((c) => c.status);
    expect(searches.slice(-2)).toEqual([429, 200]);
  });
});
