import { randomBytes } from 'node:crypto';
import type { Response } from 'express';
import { uuidLike } from './portals.ts';
import type { AccessToken, AuthCode, OAuthClient, Portal, RefreshToken, SandboxState } from './state.ts';

/**
 * OAuth grant logic of the sandbox (reference/hubspot-api.md §8, hubspot-platform.md §8), kept apart from the
 * HTTP routes so the control plane and in-process tests can install an app without a browser.
 */

export const AUTH_CODE_TTL_MS = 10 * 60_000;

/** HubSpot's OAuth error body: `status` is HubSpot's reason, `error` the RFC 6749 code (§8). */
export interface OAuthFailure {
  ok: false;
  status:
    | 'BAD_CLIENT_ID'
    | 'BAD_CLIENT_SECRET'
    | 'BAD_AUTH_CODE'
    | 'BAD_REDIRECT_URI'
    | 'BAD_REFRESH_TOKEN'
    | 'BAD_GRANT_TYPE';
  error: 'invalid_client' | 'invalid_grant' | 'unsupported_grant_type' | 'invalid_request';
  message: string;
}

export interface TokenResponseBody {
  token_type: 'bearer';
  refresh_token: string;
  access_token: string;
  expires_in: number;
  token_use: 'access_token';
  hub_id: number;
  user_id: number;
  scopes: string[];
}

export type GrantResult = { ok: true; body: TokenResponseBody } | OAuthFailure;

/** Sends HubSpot's OAuth error shape: `{status, message, error, error_description}` with HTTP 400 (§8). */
export function sendOAuthFailure(res: Response, failure: OAuthFailure): void {
  res.status(400).json({
    status: failure.status,
    message: failure.message,
    error: failure.error,
    error_description: failure.message,
  });
}

export function fail(status: OAuthFailure['status'], message: string): OAuthFailure {
  // Only BAD_REFRESH_TOKEN's pairing is documented (§8); the other `error` codes follow RFC 6749 [U].
  const error =
    status === 'BAD_CLIENT_ID' || status === 'BAD_CLIENT_SECRET'
      ? 'invalid_client'
      : status === 'BAD_GRANT_TYPE'
        ? 'unsupported_grant_type'
        : 'invalid_grant';
  return { ok: false, status, error, message };
}

/** Checks client_id and client_secret; returns the client or the failure to send. */
export function checkClient(state: SandboxState, clientId?: string, clientSecret?: string): OAuthClient | OAuthFailure {
  const client = clientId ? state.clients.get(clientId) : undefined;
  if (!client) return fail('BAD_CLIENT_ID', 'missing or unknown client id');
  if (clientSecret !== client.clientSecret) return fail('BAD_CLIENT_SECRET', 'missing or invalid client secret');
  return client;
}

/** The user who clicked "Connect app": the portal's first owner, or a stand-in super admin. */
export function installingUser(portal: Portal): { userEmail: string; userId: number } {
  const owner = portal.owners[0];
  return owner
    ? { userEmail: owner.email, userId: owner.userId }
    : { userEmail: `admin@${portal.domain}`, userId: 5_000_000 + (portal.id % 1_000_000) };
}

/** Records an approved consent as a single-use authorization code (valid 10 minutes). */
export function createAuthCode(
  state: SandboxState,
  input: { clientId: string; portalId: number; redirectUri: string; scopes: string[] },
): AuthCode {
  const code: AuthCode = {
    code: `na1-${uuidLike()}`,
    ...input,
    expiresAt: state.now() + AUTH_CODE_TTL_MS,
    used: false,
  };
  state.authCodes.set(code.code, code);
  return code;
}

/** grant_type=authorization_code: the code is single-use, short-lived, bound to its client and redirect_uri. */
export function exchangeAuthCode(
  state: SandboxState,
  form: { client_id?: string; client_secret?: string; code?: string; redirect_uri?: string },
): GrantResult {
  const client = checkClient(state, form.client_id, form.client_secret);
  if ('ok' in client) return client;
  const code = form.code ? state.authCodes.get(form.code) : undefined;
  if (!code || code.used || code.clientId !== client.clientId || state.now() >= code.expiresAt) {
    return fail('BAD_AUTH_CODE', 'missing or invalid auth code');
  }
  if (form.redirect_uri !== code.redirectUri) return fail('BAD_REDIRECT_URI', 'redirect_uri does not match');
  code.used = true;
  return { ok: true, body: installTokens(state, client, code.portalId, code.scopes) };
}

/** grant_type=refresh_token: HubSpot keeps the same refresh token and mints a new access token. */
export function refreshGrant(
  state: SandboxState,
  form: { client_id?: string; client_secret?: string; refresh_token?: string },
): GrantResult {
  const client = checkClient(state, form.client_id, form.client_secret);
  if ('ok' in client) return client;
  const refresh = form.refresh_token ? state.refreshTokens.get(form.refresh_token) : undefined;
  if (!refresh || refresh.revoked || refresh.clientId !== client.clientId || !state.portals.has(refresh.portalId)) {
    return fail('BAD_REFRESH_TOKEN', 'refresh token is invalid, expired or revoked');
  }
  const access = mintAccessToken(state, client, refresh);
  return { ok: true, body: tokenBody(state, access, refresh) };
}

/** Installs the app into a portal: a new refresh token plus a first access token (what a code exchange yields). */
export function installTokens(state: SandboxState, client: OAuthClient, portalId: number, scopes: string[]) {
  const portal = state.portals.get(portalId);
  if (!portal) throw new Error(`unknown portal ${portalId}`);
  const refresh: RefreshToken = {
    token: `na1-${uuidLike()}`,
    portalId,
    clientId: client.clientId,
    scopes: [...scopes],
    ...installingUser(portal),
    revoked: false,
  };
  state.refreshTokens.set(refresh.token, refresh);
  return tokenBody(state, mintAccessToken(state, client, refresh), refresh);
}

function mintAccessToken(state: SandboxState, client: OAuthClient, refresh: RefreshToken): AccessToken {
  // Opaque like HubSpot's (`CJ…`, up to 512 chars per §8); never parse it.
  const token: AccessToken = {
    token: `CJ${randomBytes(96).toString('base64url')}`,
    kind: 'oauth',
    portalId: refresh.portalId,
    appId: client.appId,
    scopes: [...refresh.scopes],
    expiresAt: state.now() + state.options.accessTokenTtlSeconds * 1000,
    userEmail: refresh.userEmail,
    userId: refresh.userId,
    clientId: client.clientId,
    refreshToken: refresh.token,
  };
  state.accessTokens.set(token.token, token);
  return token;
}

function tokenBody(state: SandboxState, access: AccessToken, refresh: RefreshToken): TokenResponseBody {
  return {
    token_type: 'bearer',
    refresh_token: refresh.token,
    access_token: access.token,
    expires_in: Math.round((access.expiresAt - state.now()) / 1000),
    token_use: 'access_token',
    hub_id: refresh.portalId,
    user_id: refresh.userId,
    scopes: [...refresh.scopes],
  };
}
