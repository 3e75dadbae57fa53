import { AppError, isAppError } from '../errors.ts';
import type { AccessGrant, PortalCredentials, SecretValue } from '../hubspot/credentials.ts';
import type { OAuthApi } from '../hubspot/oauthApi.ts';
import type { ConnectionStore } from './connectionStore.ts';
import type { InstallationsRepo } from './installationsRepo.ts';
import type { Secret } from './secret.ts';
import type { TokenStore } from './tokenStore.ts';

/** Refresh this long before expiry: HubSpot access tokens live ~30 min (`expires_in`, hubspot-platform.md §8). */
export const REFRESH_AHEAD_MS = 5 * 60_000;

export interface CredentialsDeps {
  installations: InstallationsRepo;
  tokens: TokenStore;
  connections: ConnectionStore;
  /** Undefined when HUBSPOT_CLIENT_ID/SECRET are not set: OAuth portals then cannot refresh. */
  oauth: OAuthApi | undefined;
  now: () => number;
  refreshAheadMs?: number;
  logger: { warn(obj: object, msg: string): void };
}

/**
 * Tokens for the gateway. OAuth access tokens are refreshed ahead of expiry, single-flight per portal: 100
 * concurrent calls share one refresh (one promise per portal). A refresh HubSpot refuses for good
 * (`invalid_grant` / BAD_REFRESH_TOKEN) pauses the portal (needs_reauthorization + hook); from then on its
 * calls fail fast without touching HubSpot, and other portals are unaffected.
 */
export function createCredentials(
  d: CredentialsDeps,
): PortalCredentials & { refreshNow(portalId: number): Promise<Secret> } {
  const aheadMs = d.refreshAheadMs ?? REFRESH_AHEAD_MS;
  const inFlight = new Map<number, Promise<Secret>>();

  function usable(portalId: number) {
    const inst = d.installations.find(portalId);
    if (!inst || inst.status === 'uninstalled') {
      throw new AppError('not_found', `Portal ${portalId} is not connected to Switchboard`, { portalId });
    }
    if (inst.status === 'needs_reauthorization') {
      const reason = inst.statusReason ?? 'HubSpot refused our credentials';
      throw new AppError('needs_reauthorization', `Portal ${portalId} needs re-authorization: ${reason}`, {
        portalId,
        reason,
      });
    }
    return inst;
  }

  function pause(portalId: number, reason: string): AppError {
    d.connections.markNeedsReauthorization(portalId, reason);
    return new AppError('needs_reauthorization', `Portal ${portalId} needs re-authorization: ${reason}`, {
      portalId,
      reason,
    });
  }

  async function refresh(portalId: number): Promise<Secret> {
    const stored = d.tokens.read(portalId, 'refresh');
    if (!stored) throw pause(portalId, 'no refresh token is stored; reinstall the app');
    if (!d.oauth)
      throw new AppError('not_configured', 'HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET are needed to refresh tokens');
    try {
      const set = await d.oauth.refresh(stored.token);
      d.tokens.save(portalId, 'access', set.accessToken, new Date(d.now() + set.expiresInSeconds * 1000));
      // HubSpot keeps the refresh token (reference §8), but store a new one if it ever sends one.
      if (set.refreshToken.reveal() !== stored.token.reveal())
        d.tokens.save(portalId, 'refresh', set.refreshToken, null);
      return set.accessToken;
    } catch (err) {
      if (isAppError(err) && err.code === 'needs_reauthorization')
        throw pause(portalId, `${err.message}; reinstall the app`);
      throw err;
    }
  }

  /** One refresh per portal at a time; everyone asking meanwhile gets the same result. */
  function refreshOnce(portalId: number): Promise<Secret> {
    let p = inFlight.get(portalId);
    if (!p) {
      p = refresh(portalId).finally(() => inFlight.delete(portalId));
      inFlight.set(portalId, p);
    }
    return p;
  }

  async function oauthToken(portalId: number): Promise<Secret> {
    const current = d.tokens.read(portalId, 'access');
    const remaining = current?.expiresAt ? current.expiresAt.getTime() - d.now() : -1;
    if (current && remaining > aheadMs) return current.token;
    try {
      return await refreshOnce(portalId);
    } catch (err) {
      // A transient refresh failure while the token still works: use it and try again on the next call.
      if (current && remaining > 0 && !(isAppError(err) && err.code === 'needs_reauthorization')) {
        d.logger.warn(
          { portalId, err: isAppError(err) ? err.code : 'error' },
          'token refresh failed; using the current token',
        );
        return current.token;
      }
      throw err;
    }
  }

  return {
    assertUsable(portalId: number): void {
      usable(portalId);
    },
    async accessToken(portalId: number): Promise<AccessGrant> {
      const inst = usable(portalId);
      if (inst.authKind === 'private') {
        const pat = d.tokens.read(portalId, 'private_app');
        if (!pat) throw pause(portalId, 'no private-app token is stored; enter the token again');
        return { token: pat.token, canRefresh: false };
      }
      return { token: await oauthToken(portalId), canRefresh: true };
    },
    async refreshAfterRejection(portalId: number, rejected: SecretValue): Promise<void> {
      usable(portalId);
      const current = d.tokens.read(portalId, 'access');
      // Someone already replaced the token HubSpot refused: use theirs instead of refreshing again.
      if (current && current.token.reveal() !== rejected.reveal()) return;
      await refreshOnce(portalId);
    },
    rejectedForGood(portalId: number, reason: string): void {
      d.connections.markNeedsReauthorization(portalId, reason);
    },
    /** Refreshes now (operator action, tests); same single flight as every other refresh. */
    refreshNow(portalId: number): Promise<Secret> {
      usable(portalId);
      return refreshOnce(portalId);
    },
  };
}

export type Credentials = ReturnType<typeof createCredentials>;
