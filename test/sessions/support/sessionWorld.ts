import { Client } from '@hubspot/api-client';
import { loadMigrations, migrate } from '../../../src/db/migrate.ts';
import { type Db, openDatabase } from '../../../src/db/openDatabase.ts';
import type { HubspotCall } from '../../../src/hubspot/hubspotCall.ts';
import { createSessions, type Sessions, type SessionsConfig } from '../../../src/sessions/index.ts';
import { SESSION_PROPERTY_DEFINITIONS, SWITCHBOARD_GROUP } from '../../../src/sessions/properties.ts';
import { readCallLog } from '../../../sandbox/hubspot/controlPlane.ts';
import { createPortal, issuePrivateAppToken } from '../../../sandbox/hubspot/portals.ts';
import { createHubspotSandbox } from '../../../sandbox/hubspot/server.ts';
import type { Portal, SandboxOptions, SandboxState } from '../../../sandbox/hubspot/state.ts';
import { type RecordingCall, sandboxCall } from './sandboxCall.ts';

/** The scopes the app asks for (extensions/app/app-hsmeta.json), minus `oauth`. */
export const APP_SCOPES = [
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.objects.companies.read',
  'crm.objects.companies.write',
  'crm.objects.deals.read',
  'crm.objects.deals.write',
  'crm.objects.owners.read',
  'crm.schemas.contacts.read',
  'crm.schemas.contacts.write',
  'crm.schemas.companies.read',
  'crm.schemas.deals.read',
  'crm.schemas.deals.write',
];

/** Only this capability's migrations (0050–0059): other capabilities' tables are not needed here. */
export function sessionsDb(path = ':memory:'): Db {
  const db = openDatabase(path);
  migrate(
    db,
    loadMigrations().filter((m) => m.version >= 50 && m.version <= 59),
  );
  return db;
}

export interface SessionWorld {
  url: string;
  state: SandboxState;
  portal: Portal;
  token: string;
  /** The real SDK with the portal's token, for arranging and inspecting through HubSpot's API. */
  client: Client;
  hubspot: RecordingCall;
  db: Db;
  sessions: Sessions;
  /** Calls the sandbox logged for the portal since `since` (epoch ms). */
  callsSince(since: number): { method: string; path: string; status: number }[];
  close(): Promise<void>;
}

let nextPortal = 81_000;

/** A listening sandbox, one portal with the Switchboard properties provisioned, and the sessions capability. */
export async function startSessionWorld(
  opts: {
    sandbox?: Partial<SandboxOptions>;
    sessions?: Partial<Omit<SessionsConfig, 'db' | 'hubspot'>>;
    db?: Db;
    /** Wraps the HubspotCall the capability uses (fault injection around real calls). */
    wrap?: (call: HubspotCall) => HubspotCall;
  } = {},
): Promise<SessionWorld> {
  const sandbox = createHubspotSandbox({ enforceRateLimits: false, ...opts.sandbox });
  const server = await sandbox.listen();
  const portal = createPortal(sandbox.state, { id: nextPortal++ });
  const token = issuePrivateAppToken(sandbox.state, portal.id, APP_SCOPES);
  const client = new Client({ accessToken: token, basePath: server.url, numberOfApiCallRetries: 0 });
  await provisionProperties(client);
  const hubspot = sandboxCall(server.url, () => token);
  const db = opts.db ?? sessionsDb();
  const call = opts.wrap ? opts.wrap(hubspot.call) : hubspot.call;
  const sessions = createSessions({ db, hubspot: call, matching: { pollMs: 20 }, ...opts.sessions });
  return {
    url: server.url,
    state: sandbox.state,
    portal,
    token,
    client,
    hubspot,
    db,
    sessions,
    callsSince: (since) => readCallLog(sandbox.state, { portalId: portal.id, since }),
    close: server.close,
  };
}

/** What phase 2 does at install: the Switchboard group and properties (src/sessions/properties.ts). */
export async function provisionProperties(client: Client): Promise<void> {
  for (const [type, inputs] of Object.entries(SESSION_PROPERTY_DEFINITIONS)) {
    await client.crm.properties.groupsApi.create(type, { ...SWITCHBOARD_GROUP });
    await client.crm.properties.batchApi.create(type, { inputs: inputs as never });
  }
  // Stand-in for HubSpot's own deal property "Next step" (hs_next_step [U]), missing from the sandbox's schema.
  await client.crm.properties.coreApi.create('deals', {
    name: 'hs_next_step',
    label: 'Next step',
    groupName: 'dealinformation',
    type: 'string' as never,
    fieldType: 'text' as never,
  });
}
