import { readCallLog } from '../../../sandbox/hubspot/controlPlane.ts';
import { freePort } from '../../../sandbox/listen.ts';
import { declareAppEvents } from '../../../sandbox/hubspot/projectUpload.ts';
import { type SeededPortal, seedDemoPortal } from '../../../sandbox/hubspot/seed.ts';
import { createHubspotSandbox, type HubspotSandbox } from '../../../sandbox/hubspot/server.ts';
import type { SandboxOptions } from '../../../sandbox/hubspot/state.ts';
import { startService } from '../../../server/main.ts';
import { e2eServiceConfig } from '../../support/e2eConfig.ts';
import { eventually } from '../../support/eventually.ts';
import { type AdminResponse, adminClient, type Json } from '../../connections/support/adminClient.ts';
import { installOverHttp } from '../../connections/support/installFlow.ts';

export const ADMIN_TOKEN = 'operator-token-sessions-0123456789-abcdef';

export interface ServiceWorld {
  sandbox: HubspotSandbox;
  seeded: SeededPortal;
  portalId: number;
  url: string;
  service: Awaited<ReturnType<typeof startService>>;
  /** The portal's `sessions` API key, as the conversation platform holds it. */
  apiKey: string;
  admin(method: string, path: string, body?: unknown): Promise<AdminResponse>;
  callsSince(since: number): { method: string; path: string; status: number }[];
  close(): Promise<void>;
}

/**
 * The real service (startService: app + worker + gateway on a SQLite file) and the HubSpot sandbox over HTTP; the
 * demo portal is installed through the OAuth flow and has a `sessions` API key made through the admin API.
 */
export async function startServiceWorld(o: { sandbox?: Partial<SandboxOptions> } = {}): Promise<ServiceWorld> {
  const sandbox = createHubspotSandbox(o.sandbox);
  const sb = await sandbox.listen();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const seeded = seedDemoPortal(sandbox.state, { redirectUrls: [`${url}/oauth/callback`] });
  declareAppEvents([seeded.portal]);
  const config = e2eServiceConfig({ port, hubspotUrl: sb.url, seeded, adminToken: ADMIN_TOKEN });
  const service = await startService(config, { worker: { pollIntervalMs: 20, concurrency: 4 } });
  const portalId = seeded.portal.id;
  const installed = await installOverHttp(url, portalId);
  if (installed.status !== 200) throw new Error(`install failed: ${installed.page}`);
  const admin = adminClient(url, { bearer: ADMIN_TOKEN });
  const key = await admin('POST', `/admin/portals/${portalId}/api-keys`, { name: 'Call platform', scope: 'sessions' });
  if (key.status !== 201) throw new Error(`api key: ${JSON.stringify(key.body)}`);
  // The install enqueued the provisioning of the Switchboard properties: let it finish before tests count calls.
  const provisioned = service.db.prepare('SELECT 1 FROM session_portal_setup WHERE portal_id = ?');
  await eventually(async () => (provisioned.get(portalId) ? true : undefined), 'properties provisioned at install');
  return {
    sandbox,
    seeded,
    portalId,
    url,
    service,
    apiKey: key.body.key,
    admin,
    callsSince: (since) => readCallLog(sandbox.state, { portalId, since }),
    async close() {
      await service.stop();
      await sb.close();
    },
  };
}

/** Calls the sessions API as the platform does (Bearer key). */
export async function platform(w: ServiceWorld, method: string, path: string, body?: unknown, key = w.apiKey) {
  const res = await fetch(`${w.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text === '' ? undefined : JSON.parse(text)) as Json };
}

export { eventually } from '../../support/eventually.ts';

/** Waits until the session's sync job finished (completed or dead) and returns its status view. */
export function settled(w: ServiceWorld, sessionId: string, timeoutMs?: number): Promise<Json> {
  return eventually(
    async () => {
      const { body } = await platform(w, 'GET', `/api/sessions/${encodeURIComponent(sessionId)}`);
      return body?.sync?.job === 'completed' || body?.sync?.job === 'dead' ? body : undefined;
    },
    `session ${sessionId} to settle`,
    timeoutMs,
  );
}
