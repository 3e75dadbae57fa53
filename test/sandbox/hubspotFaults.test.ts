import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { injectFault, readCallLog } from '../../sandbox/hubspot/controlPlane.ts';
import type { Portal } from '../../sandbox/hubspot/state.ts';
import { apiError, type PlatformWorld, startPlatformWorld } from './support/platformWorld.ts';

let w: PlatformWorld;
let portal: Portal;
let token: string;

beforeEach(async () => {
  // Real clock: the SDK's retries sleep in real time.
  w = await startPlatformWorld({ now: () => Date.now() });
  portal = w.portal();
  token = w.privateToken(portal.id);
});
afterEach(() => w.close());

const statuses = () => readCallLog(w.state, { portalId: portal.id }).map((c) => c.status);

describe('injected faults', () => {
  it('when the portal is locked (423), the SDK does not retry and sees HubSpot’s error envelope', async () => {
    injectFault(w.state, portal.id, { kind: '423', count: 1 });
    const err = await apiError(w.sdk(token, 3).crm.pipelines.pipelinesApi.getAll('deals'));
    expect(err.code).toBe(423);
    expect(err.body).toMatchObject({ status: 'error', category: 'LOCKED' });
    expect(statuses()).toEqual([423]);
  });

  it('when one 500 is injected, the SDK’s 5xx retry gets the real answer on the second attempt', async () => {
    injectFault(w.state, portal.id, { kind: '500', count: 1 });
    const { results } = await w.sdk(token, 2).crm.pipelines.pipelinesApi.getAll('deals');
    expect(results).toHaveLength(1);
    expect(statuses()).toEqual([500, 200]);
  });

  it('when 502s outlast the SDK’s attempts, it throws ApiException 502', async () => {
    injectFault(w.state, portal.id, { kind: '502', count: 3 });
    const err = await apiError(w.sdk(token, 2).crm.pipelines.pipelinesApi.getAll('deals'));
    expect(err.code).toBe(502);
    expect(statuses()).toEqual([502, 502]);
    expect((await w.call('GET', '/crm/v3/pipelines/deals', { token })).status).toBe(502); // the third
    expect((await w.call('GET', '/crm/v3/pipelines/deals', { token })).status).toBe(200);
  });

  it('when the connection is dropped, the caller gets a network error (not an HTTP status) and the log shows status 0', async () => {
    injectFault(w.state, portal.id, { kind: 'drop' });
    const err = await w
      .sdk(token, 1)
      .crm.pipelines.pipelinesApi.getAll('deals')
      .then(
        () => undefined,
        (e: { code?: unknown; message: string }) => e,
      );
    expect(err).toBeDefined();
    expect(typeof err?.code).not.toBe('number');
    await new Promise((r) => setTimeout(r, 20)); // the close event lands after the client sees the reset
    expect(statuses()).toEqual([0]);
  });

  it('when a slow fault is queued, a client with a shorter timeout gives up and the next call is fast again', async () => {
    injectFault(w.state, portal.id, { kind: 'slow', delayMs: 500 });
    const slow = fetch(`${w.url}/crm/v3/pipelines/deals`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(100),
    });
    await expect(slow).rejects.toThrow();
    const fast = await fetch(`${w.url}/crm/v3/pipelines/deals`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(400),
    });
    expect(fast.status).toBe(200);
  });

  it('when a fault is injected for one portal, other portals are untouched', async () => {
    const other = w.portal();
    injectFault(w.state, portal.id, { kind: '500', count: 5 });
    expect((await w.call('GET', '/crm/v3/pipelines/deals', { token: w.privateToken(other.id) })).status).toBe(200);
    expect(portal.faults[0]?.remaining).toBe(5);
  });

  it('when a 429 is injected over HTTP, the SDK reads TEN_SECONDLY_ROLLING, waits its 10 s and succeeds', async () => {
    const injected = await w.call('POST', `/_sandbox/portals/${portal.id}/faults`, { body: { kind: '429', count: 1 } });
    expect(injected.status).toBe(204);
    const raw = await w.call('GET', '/crm/v3/pipelines/deals', { token });
    expect(raw.status).toBe(429);
    expect(raw.body.policyName).toBe('TEN_SECONDLY_ROLLING');
    expect(raw.headers.get('retry-after')).toBe('10');
    expect(raw.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');

    await w.call('POST', `/_sandbox/portals/${portal.id}/faults`, { body: { kind: '429', count: 1 } });
    const { results } = await w.sdk(token, 2).crm.pipelines.pipelinesApi.getAll('deals');
    expect(results).toHaveLength(1);
    expect(statuses()).toEqual([429, 429, 200]); // raw call, then the SDK's attempt and its retry after 10 s
  }, 20_000);
});

describe('call log', () => {
  it('when calls are made, the control plane filters them by portal, method and path prefix', async () => {
    const other = w.portal();
    await w.call('GET', '/crm/v3/pipelines/deals', { token });
    await w.call('GET', '/crm/v3/owners', { token });
    await w.call('GET', '/crm/v3/pipelines/deals', { token: w.privateToken(other.id) });
    await w.call('GET', '/crm/v3/pipelines/deals?x=1', { token: 'bad' });
    const res = await w.call('GET', `/_sandbox/calls?portalId=${portal.id}&method=get&pathPrefix=/crm/v3/pipelines`);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({
      method: 'GET',
      path: '/crm/v3/pipelines/deals',
      status: 200,
      authKind: 'private',
    });
    const unauthenticated = readCallLog(w.state).filter((c) => c.status === 401);
    expect(unauthenticated).toEqual([expect.objectContaining({ portalId: null, path: '/crm/v3/pipelines/deals' })]);
  });
});
