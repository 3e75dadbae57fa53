import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SeededPortal } from '../../sandbox/hubspot/seed.ts';
import { type Config, type Env, loadConfig } from '../../src/config.ts';

/** A throwaway encryption key for one test world (every service of the world must share it). */
export const e2eEncryptionKeys = (): string => `e2e:${randomBytes(32).toString('base64')}`;

/**
 * The configuration of a real service in an end-to-end world: listening on `port` (also its public origin), on a
 * SQLite file of its own unless `databasePath` is shared, talking to the HubSpot sandbox at `hubspotUrl` as the
 * seeded demo app, quiet, with an operator token. `extra` adds or overrides variables (e.g. the WhatsApp sandbox).
 */
export function e2eServiceConfig(o: {
  port: number;
  hubspotUrl: string;
  seeded: SeededPortal;
  adminToken: string;
  databasePath?: string;
  encryptionKeys?: string;
  extra?: Env;
}): Config {
  return loadConfig({
    PORT: String(o.port),
    PUBLIC_ORIGIN: `http://127.0.0.1:${o.port}`,
    DATABASE_PATH: o.databasePath ?? join(mkdtempSync(join(tmpdir(), 'switchboard-e2e-')), 'switchboard.db'),
    LOG_LEVEL: 'silent',
    HUBSPOT_CLIENT_ID: o.seeded.client.clientId,
    HUBSPOT_CLIENT_SECRET: o.seeded.client.clientSecret,
    HUBSPOT_API_BASE_URL: o.hubspotUrl,
    HUBSPOT_APP_BASE_URL: o.hubspotUrl,
    TOKEN_ENCRYPTION_KEYS: o.encryptionKeys ?? e2eEncryptionKeys(),
    ADMIN_TOKEN: o.adminToken,
    ...o.extra,
  } as Record<string, string>);
}
