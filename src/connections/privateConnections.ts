import { AppError, isAppError } from '../errors.ts';
import type { AppCallSettings } from '../hubspot/appCalls.ts';
import type { HubspotGateway } from '../hubspot/gateway.ts';
import { type PrivateAppTokenInfo, privateAppTokenInfo } from '../hubspot/privateAppApi.ts';
import { type AppScopes, missingScopes, privateAppRequiredScopes } from './appScopes.ts';
import { type ConnectionStore, tierFromMax } from './connectionStore.ts';
import type { FieldCounts, FieldDiscovery } from './fieldDiscovery.ts';
import type { Installation, InstallationsRepo } from './installationsRepo.ts';
import type { Secret } from './secret.ts';

export interface PrivateConnectionsDeps {
  hubspot: AppCallSettings;
  scopes: AppScopes;
  installations: InstallationsRepo;
  store: ConnectionStore;
  gateway: Pick<HubspotGateway, 'request' | 'lastRateHeaders'>;
  discovery: FieldDiscovery;
  /** Looks a token up at HubSpot; injectable so tests can count calls. Default: the private-app token info API. */
  tokenInfo?: (token: Secret) => Promise<PrivateAppTokenInfo>;
}

export interface PrivateConnectionResult {
  connection: Installation;
  /** Required scopes the token lacks, by name: the connection works, but features needing them will fail. */
  missingScopes: string[];
  fields: FieldCounts | { error: string };
}

// A cheap authenticated read that carries the X-HubSpot-RateLimit-* headers and no personal data.
const PROBE = { method: 'GET' as const, path: '/crm/v3/properties/contacts/email' };

/**
 * Private-app connections (ConnectFlo guide): a named connection with a `pat-…` token, validated on save —
 * HubSpot tells us the portal and the granted scopes (token info), and the rate-limit header of one probe call
 * tells the tier (100 / 190 / 250 per 10 s, reference §11.4). Rotating the token re-validates and re-discovers.
 */
export function createPrivateConnections(d: PrivateConnectionsDeps) {
  const tokenInfo = d.tokenInfo ?? ((token: Secret) => privateAppTokenInfo(d.hubspot, token));

  async function probeTier(portalId: number): Promise<void> {
    try {
      await d.gateway.request(portalId, { feature: 'connections', priority: 'interactive', ...PROBE });
    } catch (err) {
      if (!isAppError(err)) throw err; // a 403 still carried the headers we want
    }
    const tier = tierFromMax(d.gateway.lastRateHeaders(portalId)?.headers.max);
    if (tier) d.store.setTier(portalId, tier);
  }

  async function save(name: string, token: Secret, info: PrivateAppTokenInfo): Promise<PrivateConnectionResult> {
    const previous = d.installations.find(info.hubId);
    d.store.savePrivate(
      {
        portalId: info.hubId,
        authKind: 'private',
        status: 'active',
        statusReason: null,
        hubDomain: previous?.hubDomain ?? null,
        connectionName: name,
        scopes: info.scopes,
        tier: previous?.authKind === 'private' ? previous.tier : null,
        installedBy: null,
        hubspotUserId: info.userId ?? null,
        appId: info.appId ?? null,
      },
      token,
    );
    await probeTier(info.hubId);
    const fields = await d.discovery
      .refresh(info.hubId, { priority: 'interactive' })
      .catch((err: unknown) => ({ error: isAppError(err) ? err.message : 'field discovery failed' }));
    const missing = missingScopes(privateAppRequiredScopes(d.scopes), info.scopes);
    return { connection: d.installations.find(info.hubId)!, missingScopes: missing, fields };
  }

  return {
    /** Adds a connection; `onlyPortal` (a HubSpot-signed caller) must be the token's portal. */
    async add(input: { name: string; token: Secret }, onlyPortal?: number): Promise<PrivateConnectionResult> {
      const info = await tokenInfo(input.token);
      if (onlyPortal !== undefined && info.hubId !== onlyPortal) {
        throw new AppError('forbidden', `This token belongs to portal ${info.hubId}, not to portal ${onlyPortal}`);
      }
      const existing = d.installations.find(info.hubId);
      if (existing?.authKind === 'oauth' && existing.status !== 'uninstalled') {
        const message = `Portal ${info.hubId} is connected through the marketplace app (OAuth); disconnect it first`;
        throw new AppError('conflict', message);
      }
      return save(input.name, input.token, info);
    },
    /** Replaces a private connection's token (rotation, or after HubSpot refused the old one). */
    async rotate(portalId: number, token: Secret): Promise<PrivateConnectionResult> {
      const existing = d.installations.find(portalId);
      if (!existing || existing.status === 'uninstalled' || existing.authKind !== 'private') {
        throw new AppError('not_found', `Portal ${portalId} has no private-app connection to rotate`);
      }
      const info = await tokenInfo(token);
      if (info.hubId !== portalId) {
        throw new AppError(
          'validation',
          `token: this token belongs to portal ${info.hubId}, not to portal ${portalId}`,
        );
      }
      return save(existing.connectionName ?? `Portal ${portalId}`, token, info);
    },
  };
}

export type PrivateConnections = ReturnType<typeof createPrivateConnections>;
