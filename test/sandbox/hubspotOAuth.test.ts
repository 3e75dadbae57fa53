import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OAuthClient, Portal } from '../../sandbox/hubspot/state.ts';
import { apiError, type Json, type PlatformWorld, startPlatformWorld } from './support/platformWorld.ts';

const REDIRECT = 'https://app.example.com/oauth/callback';
const SCOPES = 'oauth crm.objects.contacts.read crm.schemas.deals.read';

let w: PlatformWorld;
let client: OAuthClient;
let portal: Portal;

beforeEach(async () => {
  w = await startPlatformWorld();
  client = w.oauthClient();
  portal = w.portal({ name: 'Installer Inc' });
});
afterEach(() => w.close());

function authorizeQuery(extra: Record<string, string> = {}): string {
  return new URLSearchParams({
    client_id: client.clientId,
    redirect_uri: REDIRECT,
    scope: SCOPES,
    optional_scope: 'timeline',
    state: 'xyz-123',
    ...extra,
  }).toString();
}

/** Submits the consent form like the browser does and returns the redirect target. */
async function decide(decision: 'approve' | 'deny', fields: Record<string, string> = {}): Promise<URL> {
  const res = await fetch(`${w.url}/oauth/authorize/decision`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: client.clientId,
      redirect_uri: REDIRECT,
      scope: SCOPES,
      optional_scope: 'timeline',
      state: 'xyz-123',
      portalId: String(portal.id),
      decision,
      ...fields,
    }),
    redirect: 'manual',
  });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location')!);
}

async function install() {
  const code = (await decide('approve')).searchParams.get('code')!;
  return w
    .sdk('unused')
    .oauth.tokensApi.create('authorization_code', code, REDIRECT, client.clientId, client.clientSecret);
}

describe('OAuth consent screen', () => {
  it('when a user opens the authorize URL, the page lists the requested scopes and the portals to choose', async () => {
    const res = await w.call('GET', `/oauth/authorize?${authorizeQuery()}`);
    expect(res.status).toBe(200);
    expect(res.body).toContain('crm.objects.contacts.read');
    expect(res.body).toContain('<code>timeline</code>');
    expect(res.body).toContain('Installer Inc');
    expect(res.body).toContain('value="approve"');
  });

  it('when the redirect_uri is not registered for the app, the install is blocked', async () => {
    const res = await w.call(
      'GET',
      `/oauth/authorize?${authorizeQuery({ redirect_uri: 'https://evil.example.com/cb' })}`,
    );
    expect(res.status).toBe(400);
    expect(res.body).toContain('redirect_uri');
  });

  it('when the client_id is unknown, the install is blocked', async () => {
    const res = await w.call('GET', `/oauth/authorize?${authorizeQuery({ client_id: 'nope' })}`);
    expect(res.status).toBe(400);
  });

  it('when the user approves, the browser is sent to redirect_uri with a code and the original state', async () => {
    const target = await decide('approve');
    expect(`${target.origin}${target.pathname}`).toBe(REDIRECT);
    expect(target.searchParams.get('state')).toBe('xyz-123');
    expect(target.searchParams.get('code')).toMatch(/^na1-/);
  });

  it('when the user denies, the browser is sent back with error=access_denied and the state', async () => {
    const target = await decide('deny');
    expect(target.searchParams.get('error')).toBe('access_denied');
    expect(target.searchParams.get('state')).toBe('xyz-123');
    expect(target.searchParams.has('code')).toBe(false);
  });
});

describe('POST /oauth/v1/token', () => {
  it('when the SDK exchanges a fresh code, it gets typed tokens and the token info names the portal', async () => {
    const tokens = await install();
    expect(tokens.tokenType).toBe('bearer');
    expect(tokens.expiresIn).toBe(1800);
    expect(tokens.refreshToken).toMatch(/^na1-/);
    const info = await w.sdk('unused').oauth.accessTokensApi.get(tokens.accessToken);
    expect(info.hubId).toBe(portal.id);
    expect(info.appId).toBe(client.appId);
    expect(info.scopes).toEqual(['oauth', 'crm.objects.contacts.read', 'crm.schemas.deals.read', 'timeline']);
    expect(info.expiresIn).toBe(1800);
  });

  it('when the raw token response is read, it carries hub_id and scopes like HubSpot (§12.2)', async () => {
    const code = (await decide('approve')).searchParams.get('code')!;
    const res = await fetch(`${w.url}/oauth/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT,
        client_id: client.clientId,
        client_secret: client.clientSecret,
      }),
    });
    const body = (await res.json()) as Json;
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ token_type: 'bearer', hub_id: portal.id, expires_in: 1800 });
    expect(body.scopes).toContain('crm.objects.contacts.read');
  });

  it('when a code is used twice, the second exchange fails with BAD_AUTH_CODE', async () => {
    const code = (await decide('approve')).searchParams.get('code')!;
    const oauth = w.sdk('unused').oauth.tokensApi;
    await oauth.create('authorization_code', code, REDIRECT, client.clientId, client.clientSecret);
    const err = await apiError(
      oauth.create('authorization_code', code, REDIRECT, client.clientId, client.clientSecret),
    );
    expect(err.code).toBe(400);
    expect(err.body).toMatchObject({ status: 'BAD_AUTH_CODE', error: 'invalid_grant' });
  });

  it('when a code is older than 10 minutes, it no longer exchanges', async () => {
    const code = (await decide('approve')).searchParams.get('code')!;
    w.clock.advance(10 * 60_000 + 1);
    const oauth = w.sdk('unused').oauth.tokensApi;
    const err = await apiError(
      oauth.create('authorization_code', code, REDIRECT, client.clientId, client.clientSecret),
    );
    expect(err.body.status).toBe('BAD_AUTH_CODE');
  });

  it.each([
    ['a wrong client secret', { secret: 'wrong' }, 'BAD_CLIENT_SECRET'],
    ['an unknown client id', { clientId: 'other' }, 'BAD_CLIENT_ID'],
    ['a different redirect_uri', { redirect: 'https://app.example.com/other' }, 'BAD_REDIRECT_URI'],
  ])('when the exchange uses %s, HubSpot answers 400 %s', async (_name, bad, status) => {
    const code = (await decide('approve')).searchParams.get('code')!;
    const b = bad as { secret?: string; clientId?: string; redirect?: string };
    const oauth = w.sdk('unused').oauth.tokensApi;
    const err = await apiError(
      oauth.create(
        'authorization_code',
        code,
        b.redirect ?? REDIRECT,
        b.clientId ?? client.clientId,
        b.secret ?? client.clientSecret,
      ),
    );
    expect(err.code).toBe(400);
    expect(err.body.status).toBe(status);
  });

  it('when the body is JSON instead of a form, the token endpoint refuses it', async () => {
    const res = await w.call('POST', '/oauth/v1/token', { body: { grant_type: 'refresh_token' } });
    expect(res.status).toBe(400);
  });
});

describe('refresh and expiry', () => {
  it('when an access token is older than its TTL, API calls get 401 EXPIRED_AUTHENTICATION and a refresh fixes it', async () => {
    const tokens = await install();
    expect((await w.sdk(tokens.accessToken).crm.pipelines.pipelinesApi.getAll('deals')).results).toHaveLength(1);
    w.clock.advance(1800 * 1000);
    const err = await apiError(w.sdk(tokens.accessToken).crm.pipelines.pipelinesApi.getAll('deals'));
    expect(err.code).toBe(401);
    expect(err.body.category).toBe('EXPIRED_AUTHENTICATION');
    const refreshed = await w
      .sdk('unused')
      .oauth.tokensApi.create(
        'refresh_token',
        undefined,
        undefined,
        client.clientId,
        client.clientSecret,
        tokens.refreshToken,
      );
    expect(refreshed.refreshToken).toBe(tokens.refreshToken);
    expect(refreshed.accessToken).not.toBe(tokens.accessToken);
    expect((await w.sdk(refreshed.accessToken).crm.pipelines.pipelinesApi.getAll('deals')).results).toHaveLength(1);
  });

  it('when a refresh token is unknown, the body is exactly HubSpot’s BAD_REFRESH_TOKEN shape', async () => {
    const err = await apiError(
      w
        .sdk('unused')
        .oauth.tokensApi.create(
          'refresh_token',
          undefined,
          undefined,
          client.clientId,
          client.clientSecret,
          'na1-nope',
        ),
    );
    expect(err.code).toBe(400);
    expect(err.body).toEqual({
      status: 'BAD_REFRESH_TOKEN',
      message: 'refresh token is invalid, expired or revoked',
      error: 'invalid_grant',
      error_description: 'refresh token is invalid, expired or revoked',
    });
  });

  it('when a refresh token is deleted, info lookups 404 and it can no longer refresh', async () => {
    const tokens = await install();
    const sdk = w.sdk('unused');
    const info = await sdk.oauth.refreshTokensApi.get(tokens.refreshToken);
    expect(info.hubId).toBe(portal.id);
    expect(info.clientId).toBe(client.clientId);
    await sdk.oauth.refreshTokensApi.archive(tokens.refreshToken);
    expect((await apiError(sdk.oauth.refreshTokensApi.get(tokens.refreshToken))).code).toBe(404);
    const err = await apiError(
      sdk.oauth.tokensApi.create(
        'refresh_token',
        undefined,
        undefined,
        client.clientId,
        client.clientSecret,
        tokens.refreshToken,
      ),
    );
    expect(err.body.status).toBe('BAD_REFRESH_TOKEN');
  });

  it('when an access token is unknown, the token info endpoint answers 404', async () => {
    expect((await apiError(w.sdk('unused').oauth.accessTokensApi.get('CJnope'))).code).toBe(404);
  });

  it('when the sandbox revokes an access token, the next call gets 401 INVALID_AUTHENTICATION', async () => {
    const tokens = await install();
    await w.call('POST', '/_sandbox/tokens/revoke', { body: { token: tokens.accessToken } });
    const err = await apiError(w.sdk(tokens.accessToken).crm.pipelines.pipelinesApi.getAll('deals'));
    expect(err.code).toBe(401);
    expect(err.body.category).toBe('INVALID_AUTHENTICATION');
  });
});

describe('token introspection', () => {
  async function introspect(path: string, token: string, secret = client.clientSecret) {
    const res = await fetch(`${w.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: client.clientId,
        client_secret: secret,
        token,
        token_type_hint: 'access_token',
      }),
    });
    return { status: res.status, body: (await res.json()) as Json };
  }

  it.each(['/oauth/v3/token/introspect', '/oauth/2026-03/token/introspect'])(
    'when %s is asked about a live access token, it is active and names portal, user and scopes',
    async (path) => {
      const tokens = await install();
      const res = await introspect(path, tokens.accessToken);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        active: true,
        token_use: 'access_token',
        hub_id: portal.id,
        client_id: client.clientId,
      });
      expect(res.body.user).toContain('@');
      expect(res.body.expires_in).toBe(1800);
    },
  );

  it('when the token is unknown or expired, introspection says active:false', async () => {
    const tokens = await install();
    expect((await introspect('/oauth/v3/token/introspect', 'CJunknown')).body).toEqual({ active: false });
    w.clock.advance(1801 * 1000);
    expect((await introspect('/oauth/v3/token/introspect', tokens.accessToken)).body).toEqual({ active: false });
    expect((await introspect('/oauth/v3/token/introspect', tokens.refreshToken)).body).toMatchObject({
      active: true,
      token_use: 'refresh_token',
    });
  });

  it('when the client secret is wrong, introspection refuses with BAD_CLIENT_SECRET', async () => {
    const res = await introspect('/oauth/v3/token/introspect', 'x', 'wrong');
    expect(res.status).toBe(400);
    expect(res.body.status).toBe('BAD_CLIENT_SECRET');
  });
});

describe('private-app token info [U: endpoint shape]', () => {
  const tokenInfo = (body: unknown, contentType = 'application/json') =>
    fetch(`${w.url}/oauth/v2/private-apps/get/access-token-info`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }).then(async (res) => ({ status: res.status, body: (await res.json()) as Json }));

  it('when asked about a live pat-… token, it names the portal, the app and the granted scopes', async () => {
    const token = w.privateToken(portal.id, ['crm.objects.contacts.read', 'tickets']);
    const res = await tokenInfo({ tokenKey: token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ hubId: portal.id, scopes: ['crm.objects.contacts.read', 'tickets'] });
    expect(typeof res.body.appId).toBe('number');
  });

  it('when the token is revoked, unknown or an OAuth token, it answers 401 and discloses nothing', async () => {
    const token = w.privateToken(portal.id);
    await w.call('POST', '/_sandbox/tokens/revoke', { body: { token } });
    const oauth = await install();
    for (const tokenKey of [token, 'pat-na1-00000000-0000-0000-0000-000000000000', oauth.accessToken]) {
      const res = await tokenInfo({ tokenKey });
      expect(res.status).toBe(401);
      expect(res.body).not.toHaveProperty('hubId');
    }
  });

  it('when tokenKey is missing or the body is not JSON, it answers 400', async () => {
    expect((await tokenInfo({})).status).toBe(400);
    expect((await tokenInfo('tokenKey=pat-x', 'application/x-www-form-urlencoded')).status).toBe(400);
  });

  it('is not counted against the portal rate limit and needs no bearer token', async () => {
    const token = w.privateToken(portal.id);
    await tokenInfo({ tokenKey: token });
    const logged = w.state.callLog.filter((c) => c.path === '/oauth/v2/private-apps/get/access-token-info');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ status: 200, portalId: null });
  });
});
