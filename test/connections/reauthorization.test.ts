import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardFetch } from '../../sandbox/hubspot/caller/index.ts';
import { readCallLog, revokeAccessToken, revokePortalTokens } from '../../sandbox/hubspot/controlPlane.ts';
import { createPortal, issuePrivateAppToken } from '../../sandbox/hubspot/portals.ts';
import { AppError } from '../../src/errors.ts';
import { ADMIN_TOKEN, type ConnectionWorld, startConnectionWorld } from './support/connectionWorld.ts';
import { installOverHttp } from './support/installFlow.ts';

const A = 62515;
const B = 70001;
let w: ConnectionWorld;

beforeEach(async () => {
  w = await startConnectionWorld();
  createPortal(w.sandbox.state, { id: B, name: 'Other Co' });
  await installOverHttp(w.url, A);
  await installOverHttp(w.url, B);
});
afterEach(() => w.close());

const readSchema = (portalId: number) =>
  w.services.gateway.call(portalId, { feature: 'test' }, (c) => c.crm.properties.coreApi.getAll('contacts'));

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

async function card(portalId: number) {
  const result = await cardFetch({
    url: `${w.url}/api/cards/status?portalId=${portalId}`,
    method: 'GET',
    clientSecret: w.seeded.client.clientSecret,
    portalId,
    userId: 1,
    userEmail: 'rep@example.com',
  });
  if (!result.ok) throw new Error(result.message);
  return result.body as { state: string; message: string };
}

describe('when HubSpot revokes a portal’s refresh token', () => {
  it('the portal is paused with a visible reason, the hook fires once, and other portals keep working', async () => {
    revokePortalTokens(w.sandbox.state, A);
    const errors = await Promise.all(Array.from({ length: 20 }, () => rejection(readSchema(A))));
    expect(new Set(errors.map((e) => e.code))).toEqual(new Set(['needs_reauthorization']));

    const inst = w.services.installations.find(A)!;
    expect(inst.status).toBe('needs_reauthorization');
    expect(inst.statusReason).toMatch(/BAD_REFRESH_TOKEN/);
    expect(w.hookEvents).toEqual([{ hook: 'needs_reauthorization', portalId: A, reason: inst.statusReason }]);
    expect(readCallLog(w.sandbox.state, { pathPrefix: '/oauth/v1/token' })).toHaveLength(3); // 2 installs + 1 refresh

    const status = await card(A);
    expect(status.state).toBe('needs_reauthorization');
    expect(status.message).toContain('BAD_REFRESH_TOKEN');
    expect((await readSchema(B)).results.length).toBeGreaterThan(0);
    expect((await card(B)).state).toBe('connected');
  });

  it('later calls for that portal fail fast, without reaching HubSpot or using its budget', async () => {
    revokePortalTokens(w.sandbox.state, A);
    await rejection(readSchema(A));
    const before = w.sandbox.state.callLog.length;
    const budgetBefore = w.services.budget.snapshot(A).general.inWindow;
    const err = await rejection(readSchema(A));
    expect(err.code).toBe('needs_reauthorization');
    expect(err.message).toMatch(/Portal 62515 needs re-authorization: .*BAD_REFRESH_TOKEN/);
    expect(w.sandbox.state.callLog.length).toBe(before);
    expect(w.services.budget.snapshot(A).general.inWindow).toBe(budgetBefore); // no budget slot taken either
  });

  it('reinstalling the app brings the portal back and fires onReauthorized', async () => {
    revokePortalTokens(w.sandbox.state, A);
    await rejection(readSchema(A));
    await installOverHttp(w.url, A);
    expect(w.services.installations.find(A)).toMatchObject({ status: 'active', statusReason: null });
    expect(w.hookEvents.map((e) => e.hook)).toEqual(['needs_reauthorization', 'reauthorized']);
    expect((await readSchema(A)).results.length).toBeGreaterThan(0);
  });
});

describe('when HubSpot refuses a private-app token', () => {
  const scopes = ['crm.objects.contacts.read', 'crm.schemas.contacts.read', 'crm.objects.owners.read'];

  async function connectPrivate(token: string, method = 'POST', path = '/admin/connections') {
    const res = await fetch(`${w.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Production HubSpot', token }),
    });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
  }

  it('the connection needs re-authorization until the token is rotated', async () => {
    const P = 70002;
    createPortal(w.sandbox.state, { id: P });
    const pat = issuePrivateAppToken(w.sandbox.state, P, scopes);
    await connectPrivate(pat);
    revokeAccessToken(w.sandbox.state, pat);
    const err = await rejection(readSchema(P));
    expect(err.code).toBe('needs_reauthorization');
    expect(w.services.installations.find(P)).toMatchObject({ status: 'needs_reauthorization' });
    expect(w.hookEvents).toEqual([
      { hook: 'needs_reauthorization', portalId: P, reason: expect.stringMatching(/private-app token/) },
    ]);

    await connectPrivate(
      issuePrivateAppToken(w.sandbox.state, P, scopes),
      'PUT',
      `/admin/connections/${P}/credentials`,
    );
    expect(w.services.installations.find(P)?.status).toBe('active');
    expect(w.hookEvents.at(-1)).toEqual({ hook: 'reauthorized', portalId: P });
    expect((await readSchema(P)).results.length).toBeGreaterThan(0);
  });
});
