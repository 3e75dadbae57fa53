import { AppError, isAppError } from '../errors.ts';
import type { SecretValue } from '../hubspot/credentials.ts';
import type { HubspotGateway } from '../hubspot/gateway.ts';
import type { OAuthApi } from '../hubspot/oauthApi.ts';
import type { PrivateAppTokenInfo } from '../hubspot/privateAppApi.ts';
import { type AppScopes, missingScopes, privateAppRequiredScopes } from './appScopes.ts';
import type { Credentials } from './credentials.ts';
import type { Installation, InstallationsRepo } from './installationsRepo.ts';

export interface ConnectionTestDeps {
  installations: InstallationsRepo;
  credentials: Pick<Credentials, 'accessToken'>;
  oauth: OAuthApi | undefined;
  tokenInfo: (token: SecretValue) => Promise<PrivateAppTokenInfo>;
  gateway: Pick<HubspotGateway, 'request' | 'lastRateHeaders' | 'budgetSnapshot'>;
  scopes: AppScopes;
  now: () => number;
}

const PROBE = { method: 'GET' as const, path: '/crm/v3/properties/contacts/email' };

/** What HubSpot says about the token right now: its portal and granted scopes. */
async function askHubspot(d: ConnectionTestDeps, inst: Installation): Promise<{ hubId?: number; scopes: string[] }> {
  const grant = await d.credentials.accessToken(inst.portalId);
  if (inst.authKind === 'private') return d.tokenInfo(grant.token);
  if (!d.oauth) throw new AppError('not_configured', 'HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET are not set');
  const info = await d.oauth.introspect(grant.token);
  if (!info.active) throw new AppError('token_expired', 'HubSpot says the access token is not active');
  return info;
}

/**
 * "Test connection": does the token work (introspection / token info, then one real API call), which portal
 * it is for, which required scopes are granted or missing (by name), and how much API budget is left (our
 * budget's view plus the last X-HubSpot-RateLimit-* headers HubSpot sent).
 */
export function createConnectionTest(d: ConnectionTestDeps) {
  async function check(inst: Installation) {
    try {
      const info = await askHubspot(d, inst);
      if (info.hubId !== undefined && info.hubId !== inst.portalId) {
        return { auth: { ok: false, message: `The token belongs to portal ${info.hubId}` }, granted: info.scopes };
      }
      await d.gateway.request(inst.portalId, { feature: 'connections', priority: 'interactive', ...PROBE });
      return { auth: { ok: true, message: 'HubSpot accepted the credentials' }, granted: info.scopes };
    } catch (err) {
      if (!isAppError(err)) throw err;
      return { auth: { ok: false, code: err.code, message: err.message }, granted: inst.scopes };
    }
  }

  return {
    async test(portalId: number) {
      const inst = d.installations.find(portalId);
      if (!inst || inst.status === 'uninstalled')
        throw new AppError('not_found', `Portal ${portalId} is not connected`);
      const { auth, granted } = await check(inst);
      const required = inst.authKind === 'private' ? privateAppRequiredScopes(d.scopes) : [...d.scopes.required];
      return {
        portalId,
        authKind: inst.authKind,
        status: d.installations.find(portalId)?.status ?? inst.status,
        hubDomain: inst.hubDomain,
        checkedAt: new Date(d.now()).toISOString(),
        auth,
        scopes: { granted, required, missing: missingScopes(required, granted) },
        budget: {
          current: d.gateway.budgetSnapshot(portalId),
          lastHeaders: d.gateway.lastRateHeaders(portalId) ?? null,
        },
      };
    },
  };
}

export type ConnectionTest = ReturnType<typeof createConnectionTest>;
