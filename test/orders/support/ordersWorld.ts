import { join } from 'node:path';
import { Client } from '@hubspot/api-client';
import { installApp, readCallLog } from '../../../sandbox/hubspot/controlPlane.ts';
import { createPortal, registerOAuthClient } from '../../../sandbox/hubspot/portals.ts';
import { createHubspotSandbox } from '../../../sandbox/hubspot/server.ts';
import type { CallLogEntry, Portal, SandboxOptions, SandboxState } from '../../../sandbox/hubspot/state.ts';
import { loadAppScopes } from '../../../src/connections/appScopes.ts';
import { loadMigrations, migrate } from '../../../src/db/migrate.ts';
import { type Db, openDatabase } from '../../../src/db/openDatabase.ts';
import type { HubspotCall } from '../../../src/hubspot/hubspotCall.ts';
import { createOrdersDeps, type OrdersDeps } from '../../../src/orders/ordersDeps.ts';
import { provisionOrderProperties } from '../../../src/orders/properties.ts';
import { type CrmFactory, crmFactory } from './crmFactory.ts';
import { type RecordedCall, sandboxHubspotCall } from './sandboxHubspotCall.ts';

/**
 * A HubSpot sandbox over HTTP with one portal that installed the app through OAuth (exactly the app's scopes, read
 * from app-hsmeta.json), the real SDK behind a HubspotCall, and the orders modules on SQLite.
 */
export interface OrdersWorld {
  state: SandboxState;
  portal: Portal;
  portalId: number;
  url: string;
  crm: CrmFactory;
  hubspot: HubspotCall;
  calls: RecordedCall[];
  db: Db;
  deps: OrdersDeps;
  /** Another set of repositories on another connection to the same database file (a second worker process). */
  secondInstance(): OrdersDeps;
  /** HubSpot requests the portal made since `since` (call-log time), per the sandbox. */
  apiCalls(since?: number): CallLogEntry[];
  close(): Promise<void>;
}

export interface WorldOptions extends Partial<SandboxOptions> {
  /** A database file (for tests with two connections); default `:memory:`. */
  dbPath?: string;
  /** Provision the Switchboard deal properties first (default true), as an install does. */
  provision?: boolean;
  /** The service's clock (the sandbox keeps its own, `now`). */
  clock?: () => number;
}

const APP_SCOPES = loadAppScopes(join(import.meta.dirname, '../../../extensions/app/app-hsmeta.json')).required;
let nextPortalId = 81_000;

/** Only the orders migrations: these tests must not depend on other capabilities' schema work. */
export function openOrdersDb(path = ':memory:'): Db {
  const db = openDatabase(path);
  migrate(
    db,
    loadMigrations().filter((m) => m.version >= 30 && m.version < 40),
  );
  return db;
}

export const orderUrl = (o: { portalId: number; id: number }) =>
  `https://switchboard.example.com/orders/${o.portalId}/${o.id}`;

export async function startOrdersWorld(opts: WorldOptions = {}): Promise<OrdersWorld> {
  const { dbPath, provision = true, clock, ...sandboxOptions } = opts;
  const sandbox = createHubspotSandbox({ enforceRateLimits: false, ...sandboxOptions });
  const server = await sandbox.listen();
  const portal = createPortal(sandbox.state, { id: nextPortalId++ });
  const client = registerOAuthClient(sandbox.state, {
    clientId: 'orders-test-client',
    clientSecret: 'orders-test-secret',
    appId: 54321,
    redirectUrls: ['http://localhost:3000/oauth/callback'],
  });
  const tokens = installApp(sandbox.state, { clientId: client.clientId, portalId: portal.id, scopes: [...APP_SCOPES] });
  const sdk = new Client({ accessToken: tokens.access_token, basePath: server.url, numberOfApiCallRetries: 0 });
  const calls: RecordedCall[] = [];
  const hubspot = sandboxHubspotCall(() => sdk, calls);
  const db = openOrdersDb(dbPath);
  const makeDeps = (d: Db) => createOrdersDeps({ db: d, hubspot, orderUrl, ...(clock ? { now: clock } : {}) });
  if (provision) await provisionOrderProperties(hubspot, portal.id);
  const start = sandbox.state.now();
  const others: Db[] = [];
  return {
    state: sandbox.state,
    portal,
    portalId: portal.id,
    url: server.url,
    crm: crmFactory(sandbox.state, portal),
    hubspot,
    calls,
    db,
    deps: makeDeps(db),
    secondInstance: () => {
      if (!dbPath) throw new Error('a second instance needs a database file (dbPath)');
      const other = openDatabase(dbPath);
      others.push(other);
      return makeDeps(other);
    },
    apiCalls: (since = start) =>
      readCallLog(sandbox.state, { portalId: portal.id, since }).filter((c) => c.path.startsWith('/crm')),
    close: async () => {
      for (const d of [db, ...others]) d.close();
      await server.close();
    },
  };
}
