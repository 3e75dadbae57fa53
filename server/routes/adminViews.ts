import type { ApiKeyView, ConnectionView } from '@switchboard/contract';
import type { ApiKeyRecord } from '../../src/connections/apiKeysRepo.ts';
import { type AppScopes, missingScopes, privateAppRequiredScopes } from '../../src/connections/appScopes.ts';
import type { Installation } from '../../src/connections/installationsRepo.ts';

/** An installation as the admin API shows it: no installing user, no tokens. */
export function connectionView(i: Installation, scopes: AppScopes): ConnectionView {
  const required = i.authKind === 'private' ? privateAppRequiredScopes(scopes) : scopes.required;
  return {
    portalId: i.portalId,
    name: i.connectionName,
    authKind: i.authKind,
    status: i.status,
    statusReason: i.statusReason,
    hubDomain: i.hubDomain,
    tier: i.tier,
    scopes: i.scopes,
    missingScopes: i.status === 'uninstalled' ? [] : missingScopes(required, i.scopes),
    installedAt: i.installedAt,
    updatedAt: i.updatedAt,
  };
}

/** An API key as listed: never the key, only its prefix. */
export const apiKeyView = (k: ApiKeyRecord): ApiKeyView => ({
  id: k.id,
  name: k.name,
  scope: k.scope,
  keyPrefix: k.keyPrefix,
  createdAt: k.createdAt,
  revokedAt: k.revokedAt,
});
