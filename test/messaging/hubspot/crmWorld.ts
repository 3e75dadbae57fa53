import { readCallLog } from '../../../sandbox/hubspot/controlPlane.ts';
import { declareAppEvents } from '../../../sandbox/hubspot/projectUpload.ts';
import { createRecord } from '../../../sandbox/hubspot/crm/seedRecords.ts';
import type { Portal, SandboxOptions, SandboxState, StoredObject } from '../../../sandbox/hubspot/state.ts';
import type { HubspotCall } from '../../../src/hubspot/hubspotCall.ts';
import {
  createHubspotMessagingCrm,
  type HubspotMessagingCrm,
  type HubspotMessagingCrmDeps,
} from '../../../src/messaging/hubspot/hubspotMessagingCrm.ts';
import { installOverHttp } from '../../connections/support/installFlow.ts';
import { type ConnectionWorld, startConnectionWorld } from '../../connections/support/connectionWorld.ts';

/**
 * The real service's connections (SQLite file, token vault, rate budget, the gateway) and the HubSpot sandbox over
 * HTTP, the demo portal installed through the OAuth flow and knowing the project's app-event types, and the
 * MessagingCrm built on that gateway exactly as the composition root builds it.
 */
export interface CrmWorld {
  world: ConnectionWorld;
  state: SandboxState;
  portal: Portal;
  portalId: number;
  /** The gateway, as the composition hands it to capabilities. */
  gateway: HubspotCall;
  crm: HubspotMessagingCrm;
  /** Builds another MessagingCrm on the same database and gateway (a restarted process, other options). */
  rebuild(deps?: Partial<HubspotMessagingCrmDeps>): HubspotMessagingCrm;
  /** A contact put straight into the sandbox (as a rep would have typed it). */
  contact(properties: Record<string, string>): StoredObject;
  /** What the sandbox logged for the portal since `since`, optionally for one method and path prefix. */
  calls(since: number, method?: string, pathPrefix?: string): { method: string; path: string; status: number }[];
  close(): Promise<void>;
}

export async function startCrmWorld(
  o: {
    sandbox?: Partial<SandboxOptions>;
    crm?: Partial<HubspotMessagingCrmDeps>;
    /** Wraps the gateway the MessagingCrm uses (to lose an answer after a real call, say). */
    wrap?: (call: HubspotCall) => HubspotCall;
  } = {},
): Promise<CrmWorld> {
  const world = await startConnectionWorld({ sandbox: o.sandbox });
  const portal = world.seeded.portal;
  const installed = await installOverHttp(world.url, portal.id);
  if (installed.status !== 200) throw new Error(`install failed: ${installed.page}`);
  declareAppEvents([portal]);
  const gateway: HubspotCall = (portalId, opts, fn) => world.services.gateway.call(portalId, opts, fn);
  const rebuild = (deps: Partial<HubspotMessagingCrmDeps> = {}) =>
    createHubspotMessagingCrm({
      db: world.db,
      hubspot: o.wrap ? o.wrap(gateway) : gateway,
      now: world.clock.now,
      ...o.crm,
      ...deps,
    });
  const state = world.sandbox.state;
  return {
    world,
    state,
    portal,
    portalId: portal.id,
    gateway,
    crm: rebuild(),
    rebuild,
    contact: (properties) => createRecord(state, portal, 'contacts', properties),
    calls: (since, method, pathPrefix) => readCallLog(state, { portalId: portal.id, since, method, pathPrefix }),
    close: () => world.close(),
  };
}
