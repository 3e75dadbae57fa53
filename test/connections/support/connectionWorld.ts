import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemoPortal, type SeededPortal } from '../../../sandbox/hubspot/seed.ts';
import { createHubspotSandbox, type HubspotSandbox } from '../../../sandbox/hubspot/server.ts';
import type { SandboxOptions } from '../../../sandbox/hubspot/state.ts';
import { type Config, loadConfig } from '../../../src/config.ts';
import { migrate } from '../../../src/db/migrate.ts';
import { type Db, openDatabase } from '../../../src/db/openDatabase.ts';
import type { RateBudgetOptions } from '../../../src/hubspot/rateBudget.ts';
import { DEFAULT_RETRY_POLICY } from '../../../src/hubspot/retryPolicy.ts';
import { createApp } from '../../../server/app.ts';
import { type ConnectionServices, composeConnections } from '../../../server/composeConnections.ts';
import { captureLogs } from '../../support/testApp.ts';

export const ADMIN_TOKEN = 'operator-token-0123456789-abcdefghijklmnop';

export interface WorldOptions {
  sandbox?: Partial<SandboxOptions>;
  budget?: RateBudgetOptions;
  /** ADMIN_TOKEN for the service; null = unset. */
  adminToken?: string | null;
}

export interface ConnectionWorld {
  sandbox: HubspotSandbox;
  sandboxUrl: string;
  seeded: SeededPortal;
  /** The service's URL; it is also its PUBLIC_ORIGIN, so HubSpot redirects and signs against it. */
  url: string;
  config: Config;
  db: Db;
  dbPath: string;
  services: ConnectionServices;
  logs: string[];
  /** The service's clock (the sandbox keeps its own; see advanceClock in the sandbox control plane). */
  clock: { now(): number; advance(ms: number): void };
  hookEvents: { hook: string; portalId: number; reason?: string }[];
  close(): Promise<void>;
}

const listen = (server: http.Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );

/**
 * The real service (createApp + composeConnections over a SQLite FILE) and the HubSpot sandbox, both listening
 * on 127.0.0.1, with the demo portal seeded and the demo OAuth client redirecting to this service.
 */
export async function startConnectionWorld(o: WorldOptions = {}): Promise<ConnectionWorld> {
  const sandbox = createHubspotSandbox(o.sandbox);
  const sb = await sandbox.listen();
  const server = http.createServer();
  const port = await listen(server);
  const url = `http://127.0.0.1:${port}`;
  const seeded = seedDemoPortal(sandbox.state, { redirectUrls: [`${url}/oauth/callback`] });
  const dbPath = join(mkdtempSync(join(tmpdir(), 'switchboard-conn-')), 'switchboard.db');
  const config = loadConfig({
    PUBLIC_ORIGIN: url,
    DATABASE_PATH: dbPath,
    HUBSPOT_CLIENT_ID: seeded.client.clientId,
    HUBSPOT_CLIENT_SECRET: seeded.client.clientSecret,
    HUBSPOT_API_BASE_URL: sb.url,
    HUBSPOT_APP_BASE_URL: sb.url,
    TOKEN_ENCRYPTION_KEYS: `test:${randomBytes(32).toString('base64')}`,
    ADMIN_TOKEN: o.adminToken === null ? undefined : (o.adminToken ?? ADMIN_TOKEN),
  });
  let offset = 0;
  const clock = {
    now: () => Date.now() + offset,
    advance: (ms: number) => {
      offset += ms;
    },
  };
  const db = openDatabase(dbPath);
  migrate(db);
  const { lines, logger } = captureLogs();
  // Fast backoff so fault tests finish quickly; the decisions are the production classifier's.
  const retryPolicy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 20, maxDelayMs: 200, now: clock.now };
  const services = composeConnections({ config, db, logger, now: clock.now, budget: o.budget, retryPolicy });
  const hookEvents: ConnectionWorld['hookEvents'] = [];
  services.hooks.subscribe({
    onNeedsReauthorization: (portalId, reason) =>
      void hookEvents.push({ hook: 'needs_reauthorization', portalId, reason }),
    onReauthorized: (portalId) => void hookEvents.push({ hook: 'reauthorized', portalId }),
  });
  const app = createApp({
    config,
    logger,
    now: clock.now,
    installations: services.installations,
    connections: services.routes,
    health: { isReady: () => ({ ready: true }) },
  });
  server.on('request', app);
  return {
    sandbox,
    sandboxUrl: sb.url,
    seeded,
    url,
    config,
    db,
    dbPath,
    services,
    logs: lines,
    clock,
    hookEvents,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      services.close();
      db.close();
      await sb.close();
    },
  };
}
