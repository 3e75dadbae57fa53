import type { RateBudget } from '../hubspot/rateBudget.ts';
import type { RateProfile } from '../hubspot/rateLimits.ts';
import type { ConnectionHooks } from './hooks.ts';
import type { ConnectionRecord, Installation, InstallationsRepo, PrivateAppTier } from './installationsRepo.ts';
import type { Secret } from './secret.ts';
import type { TokenStore } from './tokenStore.ts';

export interface OAuthTokens {
  access: Secret;
  refresh: Secret;
  accessExpiresAt: Date;
}

export interface ConnectionStoreDeps {
  installations: InstallationsRepo;
  tokens: TokenStore;
  budget: RateBudget;
  hooks: ConnectionHooks;
  now: () => number;
}

/** The budget profile of a connection: OAuth 110 / 10 s; a private app by the tier its headers showed. */
export function rateProfileOf(i: Pick<Installation, 'authKind' | 'tier'>): RateProfile {
  if (i.authKind === 'oauth') return { authKind: 'oauth' };
  if (i.tier === 'api_limit_increase') return { authKind: 'private', tier: 'professional', apiLimitIncrease: true };
  if (i.tier === 'professional_or_enterprise') return { authKind: 'private', tier: 'professional' };
  // Unknown tier: assume the lowest (100 / 10 s) until a response's X-HubSpot-RateLimit-Max says otherwise.
  return { authKind: 'private', tier: 'starter' };
}

/** The tier X-HubSpot-RateLimit-Max reveals for a private app (reference §11.4); undefined for other values. */
export function tierFromMax(max: number | undefined): PrivateAppTier | undefined {
  if (max === 100) return 'free_or_starter';
  if (max === 190) return 'professional_or_enterprise';
  if (max === 250) return 'api_limit_increase';
  return undefined;
}

/**
 * Writes connections: the installation row and its sealed tokens in one transaction (tokens reference the
 * row, so it is written first), the portal's rate profile, and the status transitions with their hooks.
 */
export function createConnectionStore(d: ConnectionStoreDeps) {
  const at = () => new Date(d.now());

  function afterSave(before: Installation | undefined, record: ConnectionRecord): { reinstall: boolean } {
    d.budget.configurePortal(record.portalId, rateProfileOf(record));
    if (before?.status === 'needs_reauthorization') d.hooks.onReauthorized(record.portalId);
    const reinstall = before !== undefined && before.status !== 'uninstalled';
    d.hooks.onConnected(record.portalId, { reinstall, authKind: record.authKind });
    return { reinstall };
  }

  return {
    /** An OAuth install or reinstall (updates the row in place; the refresh token is replaced). */
    saveOAuth(record: ConnectionRecord, t: OAuthTokens): { reinstall: boolean } {
      const before = d.installations.find(record.portalId);
      d.installations.transaction(() => {
        d.installations.save(record, at());
        d.tokens.remove(record.portalId);
        d.tokens.save(record.portalId, 'access', t.access, t.accessExpiresAt);
        d.tokens.save(record.portalId, 'refresh', t.refresh, null);
      });
      return afterSave(before, record);
    },
    /** A private-app connection added or its token rotated. */
    savePrivate(record: ConnectionRecord, token: Secret): { reinstall: boolean } {
      const before = d.installations.find(record.portalId);
      d.installations.transaction(() => {
        d.installations.save(record, at());
        d.tokens.remove(record.portalId);
        d.tokens.save(record.portalId, 'private_app', token, null);
      });
      return afterSave(before, record);
    },
    /** Records the tier a private app's headers revealed and re-profiles its budget. */
    setTier(portalId: number, tier: PrivateAppTier): void {
      const current = d.installations.find(portalId);
      if (!current || current.tier === tier) return;
      const { installedAt: _i, updatedAt: _u, ...record } = current;
      d.installations.save({ ...record, tier }, at());
      d.budget.configurePortal(portalId, rateProfileOf({ authKind: current.authKind, tier }));
    },
    /** Active → needs_reauthorization with a reason people can act on; fires the hook once. */
    markNeedsReauthorization(portalId: number, reason: string): boolean {
      if (d.installations.find(portalId)?.status !== 'active') return false;
      d.installations.setStatus(portalId, 'needs_reauthorization', reason, at());
      d.hooks.onNeedsReauthorization(portalId, reason);
      return true;
    },
    /** Gives the budget every known portal's profile (at startup). */
    configureBudgets(): void {
      for (const i of d.installations.list())
        if (i.status !== 'uninstalled') d.budget.configurePortal(i.portalId, rateProfileOf(i));
    },
  };
}

export type ConnectionStore = ReturnType<typeof createConnectionStore>;
