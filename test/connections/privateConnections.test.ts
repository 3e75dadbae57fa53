import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCallLog } from '../../sandbox/hubspot/controlPlane.ts';
import { createPortal, issuePrivateAppToken } from '../../sandbox/hubspot/portals.ts';
import type { Tier } from '../../sandbox/hubspot/state.ts';
import { adminClient } from './support/adminClient.ts';
import { ADMIN_TOKEN, type ConnectionWorld, startConnectionWorld } from './support/connectionWorld.ts';
import { installOverHttp } from './support/installFlow.ts';

const READ_SCOPES = [
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.objects.companies.read',
  'crm.objects.deals.read',
  'crm.schemas.contacts.read',
];

let w: ConnectionWorld;
let admin: ReturnType<typeof adminClient>;
let nextPortal = 71_000;

beforeEach(async () => {
  w = await startConnectionWorld();
  admin = adminClient(w.url, { bearer: ADMIN_TOKEN });
});
afterEach(() => w.close());

function portalWithToken(tier: Tier = 'starter', scopes = READ_SCOPES, apiLimitIncrease = false) {
  const portal = createPortal(w.sandbox.state, { id: nextPortal++, tier, apiLimitIncrease });
  return { portalId: portal.id, token: issuePrivateAppToken(w.sandbox.state, portal.id, scopes) };
}

const rows = (table: string) => w.db.prepare(`SELECT * FROM ${table}`).all();

describe('adding a private-app connection', () => {
  it('learns the portal and granted scopes, names the missing required scopes, reads the tier and discovers fields', async () => {
    const { portalId, token } = portalWithToken('starter');
    const res = await admin('POST', '/admin/connections', { name: 'Production HubSpot', token });
    expect(res.status).toBe(201);
    expect(res.body.connection).toMatchObject({
      portalId,
      name: 'Production HubSpot',
      authKind: 'private',
      status: 'active',
      tier: 'free_or_starter',
      scopes: READ_SCOPES,
    });
    expect(res.body.missingScopes).toEqual(
      expect.arrayContaining(['crm.objects.deals.write', 'crm.schemas.deals.write', 'timeline', 'automation']),
    );
    expect(res.body.missingScopes).not.toContain('oauth');
    expect(res.body.missingScopes).not.toContain('crm.objects.contacts.read');
    expect(res.body.fields.contacts.total).toBeGreaterThan(10);
    expect(JSON.stringify(res.body)).not.toContain(token);
    expect(w.services.budget.snapshot(portalId).general.limit).toBe(100);
  });

  it.each([
    ['enterprise', false, 'professional_or_enterprise', 190],
    ['professional', true, 'api_limit_increase', 250],
  ] as const)('on a %s portal (limit increase: %s) the tier is %s', async (tier, increase, expected, limit) => {
    const { token, portalId } = portalWithToken(tier, READ_SCOPES, increase);
    const res = await admin('POST', '/admin/connections', { name: 'Sandbox', token });
    expect(res.body.connection.tier).toBe(expected);
    expect(w.services.budget.snapshot(portalId).general.limit).toBe(limit);
  });

  it('when HubSpot does not know the token, answers 400 and stores nothing', async () => {
    const res = await admin('POST', '/admin/connections', {
      name: 'Typo',
      token: 'pat-na1-00000000-0000-0000-0000-000000000000',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/does not accept this private-app token/);
    expect(rows('installations')).toEqual([]);
    expect(rows('connection_tokens')).toEqual([]);
  });

  it('when the token is not a pat-… token, answers 400 naming the field without echoing it', async () => {
    const res = await admin('POST', '/admin/connections', { name: 'X', token: 'CJsecret-oauth-token' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^body\.token: must be a private-app access token/);
    expect(JSON.stringify(res.body)).not.toContain('CJsecret');
  });

  it('when the portal is already installed through OAuth, answers 409 and changes nothing', async () => {
    await installOverHttp(w.url, 62515);
    const before = rows('connection_tokens');
    const token = issuePrivateAppToken(w.sandbox.state, 62515, READ_SCOPES);
    const res = await admin('POST', '/admin/connections', { name: 'Dup', token });
    expect(res.status).toBe(409);
    expect(rows('connection_tokens')).toEqual(before);
  });
});

describe('rotating and removing a private-app connection', () => {
  it('a new token of the same portal replaces the old one and discovery runs again', async () => {
    const { portalId, token } = portalWithToken();
    await admin('POST', '/admin/connections', { name: 'Production HubSpot', token });
    const next = issuePrivateAppToken(w.sandbox.state, portalId, READ_SCOPES);
    const since = w.sandbox.state.now();
    const res = await admin('PUT', `/admin/connections/${portalId}/credentials`, { token: next });
    expect(res.status).toBe(200);
    expect(res.body.connection.name).toBe('Production HubSpot');
    expect(w.services.tokens.read(portalId, 'private_app')!.token.reveal()).toBe(next);
    expect(readCallLog(w.sandbox.state, { portalId, pathPrefix: '/crm/v3/properties/', since }).length).toBe(4);
  });

  it('a token of another portal is refused and the old token stays', async () => {
    const first = portalWithToken();
    const other = portalWithToken();
    await admin('POST', '/admin/connections', { name: 'A', token: first.token });
    const res = await admin('PUT', `/admin/connections/${first.portalId}/credentials`, { token: other.token });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(`belongs to portal ${other.portalId}`);
    expect(w.services.tokens.read(first.portalId, 'private_app')!.token.reveal()).toBe(first.token);
  });

  it('disconnecting deletes the tokens, the discovered fields and the API keys, and keeps only a tombstone', async () => {
    const { portalId, token } = portalWithToken();
    await admin('POST', '/admin/connections', { name: 'Production HubSpot', token });
    await admin('POST', `/admin/portals/${portalId}/api-keys`, { name: 'ERP', scope: 'orders' });
    const res = await admin('DELETE', `/admin/connections/${portalId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ portalId, revokedAtHubspot: false, removed: { tokens: 1, api_keys: 1 } });
    expect(res.body.removed.discovered_fields).toBeGreaterThan(0);
    expect(rows('connection_tokens')).toEqual([]);
    expect(rows('portal_fields')).toEqual([]);
    expect(rows('portal_api_keys')).toEqual([]);
    expect(w.services.installations.find(portalId)).toMatchObject({
      status: 'uninstalled',
      connectionName: null,
      scopes: [],
      hubspotUserId: null,
    });
    expect((await admin('DELETE', `/admin/connections/${portalId}`)).status).toBe(404);
  });

  it('disconnecting an OAuth install also revokes its refresh token at HubSpot', async () => {
    await installOverHttp(w.url, 62515);
    const refresh = w.services.tokens.read(62515, 'refresh')!.token.reveal();
    const res = await admin('DELETE', '/admin/connections/62515');
    expect(res.body.revokedAtHubspot).toBe(true);
    expect(w.sandbox.state.refreshTokens.get(refresh)?.revoked).toBe(true);
    expect(w.services.installations.find(62515)).toMatchObject({ status: 'uninstalled', installedBy: null });
  });
});

describe('testing a connection', () => {
  it('reports auth, portal, granted and missing scopes and the API budget left', async () => {
    const { portalId, token } = portalWithToken('starter');
    await admin('POST', '/admin/connections', { name: 'Production HubSpot', token });
    const res = await admin('POST', `/admin/portals/${portalId}/test`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ portalId, authKind: 'private', status: 'active', auth: { ok: true } });
    expect(res.body.scopes.granted).toEqual(READ_SCOPES);
    expect(res.body.scopes.missing).toContain('timeline');
    expect(res.body.budget.current.general.limit).toBe(100);
    expect(res.body.budget.lastHeaders.headers).toMatchObject({ max: 100, intervalMs: 10_000 });
    expect(res.body.budget.lastHeaders.headers.remaining).toBeLessThan(100);
  });

  it('for an OAuth install whose tokens were revoked, says auth failed and why', async () => {
    await installOverHttp(w.url, 62515);
    w.sandbox.state.refreshTokens.forEach((t) => {
      t.revoked = true;
    });
    w.clock.advance(29 * 60_000); // the access token is due for refresh, which HubSpot now refuses
    const res = await admin('POST', '/admin/portals/62515/test');
    expect(res.body.auth).toMatchObject({ ok: false, code: 'needs_reauthorization' });
    expect(res.body.status).toBe('needs_reauthorization');
  });
});
