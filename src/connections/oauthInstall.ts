import { isAppError } from '../errors.ts';
import type { OAuthApi, TokenInfo, TokenSet } from '../hubspot/oauthApi.ts';
import { type AppScopes, missingScopes } from './appScopes.ts';
import type { ConnectionStore } from './connectionStore.ts';
import type { FieldCounts, FieldDiscovery } from './fieldDiscovery.ts';
import type { OAuthStates, StateCheck } from './oauthState.ts';

export interface OAuthInstallDeps {
  clientId: string;
  /** HubSpot's web origin (app.hubspot.com, or the sandbox). */
  appBaseUrl: string;
  /** `${PUBLIC_ORIGIN}/oauth/callback`: must be one of the app's redirectUrls. */
  redirectUri: string;
  scopes: AppScopes;
  states: OAuthStates;
  oauth: OAuthApi;
  store: ConnectionStore;
  discovery: FieldDiscovery;
  now: () => number;
}

export interface CallbackQuery {
  code?: string;
  state?: string;
  error?: string;
  error_description?: string;
}

export type InstallResult =
  | {
      kind: 'installed';
      portalId: number;
      hubDomain: string | null;
      reinstall: boolean;
      grantedScopes: string[];
      missingRequired: string[];
      fields: FieldCounts | { error: string };
    }
  | { kind: 'denied' }
  | { kind: 'refused'; status: 400 | 502 | 503; reason: string };

const STATE_PROBLEMS: Record<Exclude<StateCheck, { ok: true }>['reason'], string> = {
  malformed: 'The link is missing its security token (state), so it cannot be trusted.',
  forged: 'The security token (state) of this link was not issued by Switchboard.',
  expired: 'This installation link expired (links are valid for 10 minutes).',
  reused: 'This installation link was already used.',
};

const refused = (status: 400 | 502 | 503, reason: string): InstallResult => ({ kind: 'refused', status, reason });

/**
 * The marketplace install (hubspot-platform.md §8): redirect to HubSpot's consent page with the app's scopes and
 * a signed single-use state; on the callback check the state FIRST (nothing is stored for a bad, reused or expired
 * one), exchange the code, introspect the token for portal, user and scopes, store the installation with its
 * sealed tokens (a reinstall updates it in place), then discover the portal's fields.
 */
export function createOAuthInstall(d: OAuthInstallDeps) {
  async function exchange(code: string): Promise<{ tokens: TokenSet; info: TokenInfo } | InstallResult> {
    try {
      const tokens = await d.oauth.exchangeCode(code, d.redirectUri);
      const info = await d.oauth.introspect(tokens.accessToken);
      if (!info.active || info.hubId === undefined)
        return refused(502, 'HubSpot did not confirm the new access token.');
      return { tokens, info };
    } catch (err) {
      if (!isAppError(err)) throw err;
      const status = err.code === 'validation' ? 400 : err.code === 'not_configured' ? 503 : 502;
      return refused(status, err.message);
    }
  }

  async function install(tokens: TokenSet, info: TokenInfo & { hubId: number }): Promise<InstallResult> {
    const record = {
      portalId: info.hubId,
      authKind: 'oauth' as const,
      status: 'active' as const,
      statusReason: null,
      hubDomain: info.hubDomain ?? null,
      connectionName: null,
      scopes: info.scopes,
      tier: null,
      installedBy: info.user ?? null,
      hubspotUserId: info.userId ?? null,
      appId: info.appId ?? null,
    };
    const accessExpiresAt = new Date(d.now() + tokens.expiresInSeconds * 1000);
    const { reinstall } = d.store.saveOAuth(record, {
      access: tokens.accessToken,
      refresh: tokens.refreshToken,
      accessExpiresAt,
    });
    const fields = await d.discovery
      .refresh(info.hubId, { priority: 'interactive' })
      .catch((err: unknown) => ({ error: isAppError(err) ? err.message : 'field discovery failed' }));
    const missingRequired = missingScopes(d.scopes.required, info.scopes);
    return {
      kind: 'installed',
      portalId: info.hubId,
      hubDomain: record.hubDomain,
      reinstall,
      grantedScopes: info.scopes,
      missingRequired,
      fields,
    };
  }

  return {
    /** HubSpot's authorize URL with `client_id`, `redirect_uri`, `scope`, `optional_scope` and a fresh state. */
    installUrl(): string {
      const url = new URL(`${d.appBaseUrl}/oauth/authorize`);
      url.searchParams.set('client_id', d.clientId);
      url.searchParams.set('redirect_uri', d.redirectUri);
      url.searchParams.set('scope', d.scopes.required.join(' '));
      if (d.scopes.optional.length > 0) url.searchParams.set('optional_scope', d.scopes.optional.join(' '));
      url.searchParams.set('state', d.states.issue());
      return url.toString();
    },
    /** Handles `GET /oauth/callback`. */
    async complete(q: CallbackQuery): Promise<InstallResult> {
      const check = d.states.consume(q.state);
      if (!check.ok) return refused(400, STATE_PROBLEMS[check.reason]);
      if (q.error === 'access_denied') return { kind: 'denied' };
      if (q.error) return refused(400, `HubSpot reported ${q.error}: ${q.error_description ?? 'no description'}`);
      if (!q.code) return refused(400, 'HubSpot sent no authorization code.');
      const exchanged = await exchange(q.code);
      if ('kind' in exchanged) return exchanged;
      return install(exchanged.tokens, { ...exchanged.info, hubId: exchanged.info.hubId! });
    },
  };
}

export type OAuthInstall = ReturnType<typeof createOAuthInstall>;
