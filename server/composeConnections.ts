import { resolve } from 'node:path';
import type { Config } from '../src/config.ts';
import { createApiKeys } from '../src/connections/apiKeys.ts';
import { createApiKeysRepo } from '../src/connections/apiKeysRepo.ts';
import { type AppScopes, loadAppScopes } from '../src/connections/appScopes.ts';
import { createConnectionStore } from '../src/connections/connectionStore.ts';
import { createCredentials } from '../src/connections/credentials.ts';
import { createDisconnect } from '../src/connections/disconnect.ts';
import { createFieldDiscovery } from '../src/connections/fieldDiscovery.ts';
import { createForgetRegistry } from '../src/connections/forgetPortal.ts';
import { createConnectionHooks } from '../src/connections/hooks.ts';
import { createInstallationsRepo } from '../src/connections/installationsRepo.ts';
import { resolveKeyring } from '../src/connections/keyringSource.ts';
import { createOAuthInstall } from '../src/connections/oauthInstall.ts';
import { createOAuthStates } from '../src/connections/oauthState.ts';
import { createOAuthStatesRepo } from '../src/connections/oauthStatesRepo.ts';
import { createPortalFieldsRepo } from '../src/connections/portalFieldsRepo.ts';
import { createPrivateConnections } from '../src/connections/privateConnections.ts';
import { createConnectionTest } from '../src/connections/testConnection.ts';
import { createTokenStore } from '../src/connections/tokenStore.ts';
import { createTokensRepo } from '../src/connections/tokensRepo.ts';
import { createTokenVault } from '../src/connections/tokenVault.ts';
import type { Db } from '../src/db/openDatabase.ts';
import { createHubspotGateway } from '../src/hubspot/gateway.ts';
import { createOAuthApi } from '../src/hubspot/oauthApi.ts';
import { privateAppTokenInfo } from '../src/hubspot/privateAppApi.ts';
import { createRateBudget, type RateBudgetOptions } from '../src/hubspot/rateBudget.ts';
import type { RetryPolicy } from '../src/hubspot/retryPolicy.ts';
import { createUsageLedger } from '../src/hubspot/usageLedger.ts';
import type { Logger } from '../src/logger.ts';

/** The app's hsmeta: the one source of its scopes (read at startup). */
export const APP_META_PATH = resolve(import.meta.dirname, '../extensions/app/app-hsmeta.json');

export interface ConnectionWiring {
  config: Config;
  db: Db;
  logger: Logger;
  now?: () => number;
  scopes?: AppScopes;
  budget?: RateBudgetOptions;
  retryPolicy?: RetryPolicy;
}

/** The vault, the rate budget, the credentials and the gateway: what every HubSpot call goes through. */
function composeGateway(w: ConnectionWiring, now: () => number) {
  const { config, db, logger } = w;
  const spec = config.tokenEncryptionKeys?.reveal();
  const keyring = resolveKeyring({ spec, nodeEnv: config.env, databasePath: config.databasePath, logger });
  const installations = createInstallationsRepo(db);
  const tokens = createTokenStore({ repo: createTokensRepo(db), vault: createTokenVault(keyring), now });
  // HubSpot counts arrivals, so a request counts until its answer; a tenth of a window may burst, then paced.
  const budget = createRateBudget({ holdInFlight: true, burstFraction: 0.1, ...w.budget });
  const ledger = createUsageLedger(db, { now });
  const hooks = createConnectionHooks(logger);
  const store = createConnectionStore({ installations, tokens, budget, hooks, now });
  const hubspot = { apiBaseUrl: config.hubspot.apiBaseUrl, retryPolicy: w.retryPolicy };
  const { clientId, clientSecret } = config.hubspot;
  const oauth = clientId && clientSecret ? createOAuthApi({ ...hubspot, clientId, clientSecret }) : undefined;
  const credentials = createCredentials({ installations, tokens, connections: store, oauth, now, logger });
  const gateway = createHubspotGateway({ ...hubspot, budget, ledger, credentials, now });
  return { installations, tokens, budget, ledger, hooks, store, hubspot, oauth, credentials, gateway, keyring };
}

/** Part of the composition root: builds the gateway and every connections service over one database. */
export function composeConnections(w: ConnectionWiring) {
  const { config, db, logger } = w;
  const now = w.now ?? Date.now;
  const scopes = w.scopes ?? loadAppScopes(APP_META_PATH);
  const core = composeGateway(w, now);
  const { installations, tokens, store, hubspot, oauth, credentials, gateway } = core;
  const fieldsRepo = createPortalFieldsRepo(db);
  const discovery = createFieldDiscovery({ gateway, repo: fieldsRepo, now });
  const apiKeysRepo = createApiKeysRepo(db);
  const apiKeys = createApiKeys({ repo: apiKeysRepo, installations, now });
  const tokenInfo = (token: Parameters<typeof privateAppTokenInfo>[1]) => privateAppTokenInfo(hubspot, token);

  // Everything stored about a portal, forgotten on disconnect; later capabilities register their own.
  const forget = createForgetRegistry();
  forget.register('tokens', (portalId) => tokens.remove(portalId));
  forget.register('discovered_fields', (portalId) => fieldsRepo.removePortal(portalId));
  forget.register('api_keys', (portalId) => apiKeysRepo.removePortal(portalId));

  const { clientId, clientSecret } = config.hubspot;
  const states = clientSecret ? createOAuthStates({ clientSecret, repo: createOAuthStatesRepo(db), now }) : undefined;
  const redirectUri = `${config.publicOrigin}/oauth/callback`;
  const appBaseUrl = config.hubspot.appBaseUrl;
  const oauthInstall =
    oauth && clientId && states
      ? createOAuthInstall({ clientId, appBaseUrl, redirectUri, scopes, states, oauth, store, discovery, now })
      : undefined;
  const privateDeps = { hubspot, scopes, installations, store, gateway, discovery, tokenInfo };
  const admin = {
    adminToken: config.adminToken,
    installations,
    privateConnections: createPrivateConnections(privateDeps),
    disconnect: createDisconnect({ installations, tokens, oauth, forget, logger, now }),
    discovery,
    connectionTest: createConnectionTest({ installations, credentials, oauth, tokenInfo, gateway, scopes, now }),
    apiKeys,
    scopes,
  };
  store.configureBudgets();

  return {
    ...core,
    discovery,
    apiKeys,
    forget,
    routes: { oauth: { install: oauthInstall }, admin },
    /** Writes pending usage counters and releases waiters (graceful shutdown). */
    close(): void {
      core.ledger.flush();
      core.budget.close();
    },
  };
}

export type ConnectionServices = ReturnType<typeof composeConnections>;
