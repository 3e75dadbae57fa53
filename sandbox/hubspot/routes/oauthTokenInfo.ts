import { type Request, type Response, Router } from 'express';
import { sendError } from '../errors.ts';
import { checkClient, sendOAuthFailure } from '../oauthTokens.ts';
import type { AccessToken, RefreshToken, SandboxState } from '../state.ts';

/**
 * Token metadata endpoints (reference/hubspot-api.md §8, §12.3; hubspot-platform.md §8):
 * v1 access/refresh-token lookups (deprecated but still what the SDK calls), v3 / 2026-03 introspect and revoke.
 */

/** A live OAuth access token (not a private-app token, not revoked, not expired). */
function liveAccess(state: SandboxState, token: string): AccessToken | undefined {
  const t = state.accessTokens.get(token);
  return t && t.kind === 'oauth' && !t.revoked && state.now() < t.expiresAt ? t : undefined;
}

function liveRefresh(state: SandboxState, token: string): RefreshToken | undefined {
  const t = state.refreshTokens.get(token);
  return t && !t.revoked ? t : undefined;
}

function notFound(res: Response, what: string): void {
  // Body shape for an unknown token is [U]; the status (404) is what clients branch on.
  sendError(res, 404, 'OBJECT_NOT_FOUND', `${what} not found`);
}

function accessInfo(state: SandboxState, t: AccessToken) {
  const portal = state.portals.get(t.portalId);
  return {
    token: t.token,
    user: t.userEmail,
    hub_domain: portal?.domain,
    scopes: t.scopes,
    signed_access_token: {
      expiresAt: t.expiresAt,
      scopes: Buffer.from(t.scopes.join(',')).toString('base64'),
      hubId: t.portalId,
      userId: t.userId,
      appId: t.appId,
      hublet: 'na1',
      isUserLevel: false,
    },
    hub_id: t.portalId,
    app_id: t.appId,
    expires_in: Math.max(0, Math.round((t.expiresAt - state.now()) / 1000)),
    user_id: t.userId,
    token_type: 'access',
    is_private_distribution: false,
  };
}

function refreshInfo(state: SandboxState, t: RefreshToken) {
  return {
    token: t.token,
    user: t.userEmail,
    hub_domain: state.portals.get(t.portalId)?.domain,
    scopes: t.scopes,
    hub_id: t.portalId,
    client_id: t.clientId,
    user_id: t.userId,
    token_type: 'refresh',
  };
}

function introspect(state: SandboxState, req: Request, res: Response) {
  const form = (req.body ?? {}) as Record<string, string | undefined>;
  const client = checkClient(state, form.client_id, form.client_secret);
  if ('ok' in client) return sendOAuthFailure(res, client);
  const token = form.token ?? '';
  const access = liveAccess(state, token);
  const refresh = liveRefresh(state, token);
  // A token issued to another app is not disclosed: RFC 7662 lets the server answer inactive.
  if (access && access.clientId === client.clientId) {
    res.json({ active: true, token_use: 'access_token', client_id: client.clientId, ...accessInfo(state, access) });
  } else if (refresh && refresh.clientId === client.clientId) {
    res.json({ active: true, token_use: 'refresh_token', app_id: client.appId, ...refreshInfo(state, refresh) });
  } else {
    res.json({ active: false });
  }
}

/** v3 revoke: a refresh token takes the access tokens minted from it along (RFC 7009 §2.1). */
function revoke(state: SandboxState, req: Request, res: Response) {
  const form = (req.body ?? {}) as Record<string, string | undefined>;
  const client = checkClient(state, form.client_id, form.client_secret);
  if ('ok' in client) return sendOAuthFailure(res, client);
  const token = form.token ?? '';
  const refresh = state.refreshTokens.get(token);
  if (refresh && refresh.clientId === client.clientId) {
    refresh.revoked = true;
    for (const a of state.accessTokens.values()) if (a.refreshToken === token) a.revoked = true;
  }
  const access = state.accessTokens.get(token);
  if (access && access.clientId === client.clientId) access.revoked = true;
  res.status(200).end(); // RFC 7009: 200 whether or not the token existed [U for HubSpot]
}

/**
 * Private-app token info: `POST /oauth/v2/private-apps/get/access-token-info` `{"tokenKey":"pat-…"}` →
 * `{userId, hubId, appId, scopes}`. [U] Not in the reference: path and shape as integrations commonly call it;
 * the 401 for an unknown or revoked token (and its body) is assumed. Not rate-limited here [U].
 */
function privateAppTokenInfo(state: SandboxState, req: Request, res: Response) {
  const body = (req.body ?? {}) as { tokenKey?: unknown };
  if (!req.is('application/json') || typeof body.tokenKey !== 'string') {
    return sendError(res, 400, 'VALIDATION_ERROR', 'tokenKey is required');
  }
  const t = state.accessTokens.get(body.tokenKey);
  if (t?.kind !== 'private' || t.revoked || !state.portals.has(t.portalId)) {
    return sendError(res, 401, 'INVALID_AUTHENTICATION', 'The access token provided is invalid or has been revoked.');
  }
  res.json({ userId: t.userId ?? 0, hubId: t.portalId, appId: t.appId, scopes: t.scopes });
}

export function oauthTokenInfoRoutes(state: SandboxState): Router {
  const router = Router();
  router.post('/oauth/v2/private-apps/get/access-token-info', (req, res) => privateAppTokenInfo(state, req, res));
  router.get('/oauth/v1/access-tokens/:token', (req, res) => {
    const t = liveAccess(state, req.params.token);
    if (!t) return notFound(res, 'access token');
    res.json(accessInfo(state, t));
  });
  router.get('/oauth/v1/refresh-tokens/:token', (req, res) => {
    const t = liveRefresh(state, req.params.token);
    if (!t) return notFound(res, 'refresh token');
    res.json(refreshInfo(state, t));
  });
  // Deletes the refresh token only; access tokens already issued live until they expire (§8).
  router.delete('/oauth/v1/refresh-tokens/:token', (req, res) => {
    const t = liveRefresh(state, req.params.token);
    if (!t) return notFound(res, 'refresh token');
    t.revoked = true;
    res.status(204).end();
  });
  for (const version of ['v3', '2026-03']) {
    router.post(`/oauth/${version}/token/introspect`, (req, res) => introspect(state, req, res));
    router.post(`/oauth/${version}/token/revoke`, (req, res) => revoke(state, req, res));
  }
  return router;
}
