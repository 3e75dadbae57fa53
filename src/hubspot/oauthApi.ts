import { z } from 'zod';
import { Secret } from '../connections/secret.ts';
import { AppError } from '../errors.ts';
import { type AppCallSettings, withAppRetries } from './appCalls.ts';
import { type AttemptOutcome, runRawAttempt, runSdkAttempt } from './attempt.ts';
import type { SecretValue } from './credentials.ts';

/**
 * HubSpot's OAuth endpoints for a public app (reference §8, hubspot-platform.md §8): code exchange and
 * refresh through the SDK (`oauth.tokensApi.create`, which posts to `/oauth/v1/token`, the stable endpoint),
 * introspection and revocation on the dated `2026-03` paths with `v3` as fallback (the SDK 14.0.1 has neither).
 * The token model drops `hub_id` and `scopes` (reference §1.7), hence introspection after every exchange.
 */
export interface OAuthApiConfig extends AppCallSettings {
  clientId: string;
  clientSecret: string;
}

export interface TokenSet {
  accessToken: Secret;
  refreshToken: Secret;
  expiresInSeconds: number;
}

export interface TokenInfo {
  active: boolean;
  hubId?: number;
  hubDomain?: string;
  user?: string;
  userId?: number;
  appId?: number;
  scopes: string[];
}

const OAuthErrorBody = z
  .object({ status: z.string(), error: z.string(), message: z.string(), error_description: z.string() })
  .partial();

const Introspection = z.object({
  active: z.boolean(),
  hub_id: z.number().int().optional(),
  hub_domain: z.string().optional(),
  user: z.string().optional(),
  user_id: z.number().int().optional(),
  app_id: z.number().int().optional(),
  scopes: z.array(z.string()).optional(),
});

type Failure = Extract<AttemptOutcome<unknown>, { ok: false }>['failure'];
type Grant = 'exchange' | 'refresh';

/** HubSpot's OAuth errors (`{status, message, error, error_description}`, §8) as AppErrors with a next step. */
function oauthFailure(f: Failure, grant: Grant): AppError | undefined {
  if (f.status !== 400 && f.status !== 401) return undefined;
  const parsed = OAuthErrorBody.safeParse(f.body);
  const b = parsed.success ? parsed.data : {};
  const code = b.status ?? b.error ?? `HTTP ${f.status}`;
  const said = b.message ?? b.error_description ?? 'no message';
  const details = { oauthStatus: code };
  if (code === 'BAD_CLIENT_ID' || code === 'BAD_CLIENT_SECRET' || b.error === 'invalid_client') {
    const message = `HubSpot rejected the app credentials (${code}); check HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET`;
    return new AppError('not_configured', message, details);
  }
  if (code === 'BAD_REDIRECT_URI') {
    const message =
      "HubSpot rejected the redirect URI: PUBLIC_ORIGIN + /oauth/callback must be one of the app's redirectUrls";
    return new AppError('not_configured', message, details);
  }
  if (grant === 'refresh' && (code === 'BAD_REFRESH_TOKEN' || b.error === 'invalid_grant')) {
    return new AppError('needs_reauthorization', `HubSpot refused the refresh token (${code}: ${said})`, details);
  }
  if (grant === 'exchange' && (code === 'BAD_AUTH_CODE' || b.error === 'invalid_grant')) {
    const message = `HubSpot refused the authorization code (${code}: ${said}); it expired or was already used`;
    return new AppError('validation', message, details);
  }
  return new AppError('validation', `HubSpot's token endpoint answered ${f.status} (${code}: ${said})`, details);
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
/** This API version has no such endpoint: try the next one. */
class EndpointMissing extends Error {}
const FORM = 'application/x-www-form-urlencoded';

/** The OAuth API of one public app. */
export function createOAuthApi(c: OAuthApiConfig) {
  const timeoutMs = c.timeoutMs ?? 30_000;

  async function tokens(grant: Grant, args: Parameters<typeof tokenArgs>[1]): Promise<TokenSet> {
    const send = () =>
      runSdkAttempt(
        c.apiBaseUrl,
        undefined,
        (client) => client.oauth.tokensApi.create(...tokenArgs(c, args)),
        timeoutMs,
      );
    // An authorization code works once: a lost answer must not be retried (idempotent: false).
    const r = await withAppRetries(send, {
      ...c,
      idempotent: grant === 'refresh',
      special: (f) => oauthFailure(f, grant),
    });
    return {
      accessToken: new Secret(r.accessToken),
      refreshToken: new Secret(r.refreshToken),
      expiresInSeconds: r.expiresIn,
    };
  }

  async function tokenForm(endpoint: 'introspect' | 'revoke', token: SecretValue, hint: string) {
    const body = form({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      token: token.reveal(),
      token_type_hint: hint,
    });
    // The dated path first; where it does not exist (404), the v3 one (hubspot-platform.md §8).
    for (const version of ['2026-03', 'v3']) {
      const path = `/oauth/${version}/token/${endpoint}`;
      const send = () =>
        runRawAttempt(c.apiBaseUrl, undefined, { method: 'POST', path, body, contentType: FORM }, timeoutMs);
      const special = (f: Failure) => (f.status === 404 && version !== 'v3' ? new EndpointMissing() : undefined);
      try {
        return await withAppRetries(send, { ...c, idempotent: true, special });
      } catch (err) {
        if (!(err instanceof EndpointMissing)) throw err;
      }
    }
    throw new AppError('upstream_unavailable', `HubSpot has no token ${endpoint} endpoint`);
  }

  return {
    exchangeCode: (code: string, redirectUri: string) => tokens('exchange', { code, redirectUri }),
    refresh: (refreshToken: SecretValue) => tokens('refresh', { refreshToken }),
    /** What HubSpot knows about a token: portal, installing user, granted scopes. */
    async introspect(token: SecretValue, hint: 'access_token' | 'refresh_token' = 'access_token'): Promise<TokenInfo> {
      const raw = await tokenForm('introspect', token, hint);
      const parsed = Introspection.safeParse(raw.body);
      if (!parsed.success)
        throw new AppError('upstream_unavailable', 'HubSpot answered the introspection in an unknown shape');
      const i = parsed.data;
      return {
        active: i.active,
        hubId: i.hub_id,
        hubDomain: i.hub_domain,
        user: i.user,
        userId: i.user_id,
        appId: i.app_id,
        scopes: i.scopes ?? [],
      };
    },
    /** Revokes a refresh token (and the access tokens minted from it): the app can no longer act for the portal. */
    async revoke(refreshToken: SecretValue): Promise<void> {
      await tokenForm('revoke', refreshToken, 'refresh_token');
    },
  };
}

function tokenArgs(c: OAuthApiConfig, a: { code?: string; redirectUri?: string; refreshToken?: SecretValue }) {
  const grantType = a.refreshToken ? 'refresh_token' : 'authorization_code';
  return [grantType, a.code, a.redirectUri, c.clientId, c.clientSecret, a.refreshToken?.reveal()] as const;
}

export type OAuthApi = ReturnType<typeof createOAuthApi>;
