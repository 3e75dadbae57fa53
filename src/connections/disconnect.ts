import { AppError, isAppError } from '../errors.ts';
import type { OAuthApi } from '../hubspot/oauthApi.ts';
import type { ForgetRegistry, ForgetReport } from './forgetPortal.ts';
import type { InstallationsRepo } from './installationsRepo.ts';
import type { TokenStore } from './tokenStore.ts';

export interface DisconnectDeps {
  installations: InstallationsRepo;
  tokens: TokenStore;
  oauth: OAuthApi | undefined;
  forget: ForgetRegistry;
  logger: { warn(obj: object, msg: string): void };
  now: () => number;
}

export interface DisconnectReport extends ForgetReport {
  /** OAuth: HubSpot revoked our refresh token. Private apps cannot be revoked by API: delete the app in HubSpot. */
  revokedAtHubspot: boolean;
}

/**
 * Disconnect (`DELETE /admin/connections/:portalId`): for an OAuth install, revoke the refresh token at HubSpot
 * first (`/oauth/…/token/revoke`, reference §8), so the app can no longer act for the portal even with a copy of
 * the database; then run every registered cleanup (forgetPortal.ts) and keep only a tombstone of the
 * installation (status `uninstalled`, installing user and labels cleared). [U] Revoking does not remove the app from the
 * portal's Connected apps list; the portal's admin uninstalls it there.
 */
export function createDisconnect(d: DisconnectDeps) {
  async function revoke(portalId: number): Promise<boolean> {
    const refresh = d.tokens.read(portalId, 'refresh');
    if (!refresh || !d.oauth) return false;
    try {
      await d.oauth.revoke(refresh.token);
      return true;
    } catch (err) {
      // Forgetting must not depend on HubSpot being reachable: the local copy goes either way.
      d.logger.warn({ portalId, err: isAppError(err) ? err.code : 'error' }, 'could not revoke the refresh token');
      return false;
    }
  }

  return {
    async disconnect(portalId: number): Promise<DisconnectReport> {
      const inst = d.installations.find(portalId);
      if (!inst || inst.status === 'uninstalled')
        throw new AppError('not_found', `Portal ${portalId} is not connected`);
      const revokedAtHubspot = inst.authKind === 'oauth' ? await revoke(portalId) : false;
      const report = await d.forget.forget(portalId);
      // Last, so a failed cleanup leaves the portal listed and the disconnect can simply be run again.
      d.installations.scrub(portalId, 'disconnected', new Date(d.now()));
      return { ...report, revokedAtHubspot };
    },
  };
}

export type Disconnect = ReturnType<typeof createDisconnect>;
