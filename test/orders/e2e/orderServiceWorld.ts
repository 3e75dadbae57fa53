import { mkdtempSync } from 'node:fs';
import { freePort } from '../../../sandbox/listen.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRecords } from '../../../sandbox/hubspot/controlPlane.ts';
import { uploadProject } from '../../../sandbox/hubspot/projectUpload.ts';
import { seedDemoPortal, type SeededPortal } from '../../../sandbox/hubspot/seed.ts';
import { createHubspotSandbox, type HubspotSandbox } from '../../../sandbox/hubspot/server.ts';
import type { StoredObject } from '../../../sandbox/hubspot/state.ts';
import { webhookEmitterOf } from '../../../sandbox/hubspot/webhookEmitter.ts';
import { startService } from '../../../server/main.ts';
import { e2eEncryptionKeys, e2eServiceConfig } from '../../support/e2eConfig.ts';
import { adminClient } from '../../connections/support/adminClient.ts';
import { installOverHttp } from '../../connections/support/installFlow.ts';

export const ADMIN_TOKEN = 'orders-e2e-operator-token-0123456789abcdef';
type Service = Awaited<ReturnType<typeof startService>>;

/** Polls until `check` returns a value (not undefined/false) or the time is up; the last error explains a miss. */
export async function eventually<T>(check: () => T | undefined | false | Promise<T | undefined | false>, ms = 10_000) {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * The real service (server/main.ts startService: file SQLite, gateway, worker) against the HubSpot sandbox over
 * HTTP: the demo portal installs the app through the OAuth consent flow, the project's webhook subscriptions point
 * at the service and its app-event types are known, the Switchboard deal properties are provisioned by the job the
 * install schedules. `secondInstance()` starts another service (worker included) on the same database file.
 */
export async function startOrderServiceWorld() {
  const sandbox: HubspotSandbox = createHubspotSandbox({ enforceRateLimits: true });
  const sb = await sandbox.listen();
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-orders-'));
  const keys = e2eEncryptionKeys(); // both services open the same vault
  const ports = [await freePort(), await freePort()];
  const seeded: SeededPortal = seedDemoPortal(sandbox.state, {
    redirectUrls: ports.map((p) => `http://127.0.0.1:${p}/oauth/callback`),
  });
  const services: Service[] = [];
  const start = async (port: number) => {
    const config = e2eServiceConfig({
      port,
      hubspotUrl: sb.url,
      seeded,
      adminToken: ADMIN_TOKEN,
      databasePath: join(dir, 'switchboard.db'),
      encryptionKeys: keys,
    });
    const service = await startService(config, { worker: { pollIntervalMs: 20 }, orders: { batchWindowMs: 100 } });
    services.push(service);
    return service;
  };
  const service = await start(ports[0]!);
  const portalId = seeded.portal.id;
  uploadProject(sandbox.state, {
    appId: seeded.client.appId,
    clientSecret: seeded.client.clientSecret,
    targetUrl: `${service.url}/webhooks/hubspot`,
    portals: [seeded.portal],
  });
  const install = await installOverHttp(service.url, portalId);
  if (install.status !== 200) throw new Error(`install failed: ${install.status}`);
  const deal = (id: string): StoredObject => readRecords(sandbox.state, portalId, 'deals').find((d) => d.id === id)!;
  // Provisioning runs as a job after the install: wait for the properties before any deal closes.
  await eventually(() => sandbox.state.portal(portalId)?.properties.get('deals')?.has('switchboard_order_status'));

  return {
    sandbox,
    state: sandbox.state,
    seeded,
    portalId,
    service,
    db: service.db,
    admin: adminClient(service.url, { bearer: ADMIN_TOKEN }),
    deal,
    /** Delivers queued webhook events now and waits for the deliveries. */
    flushWebhooks: () => webhookEmitterOf(sandbox.state)!.flush(),
    secondInstance: () => start(ports[1]!),
    async close() {
      for (const s of services.reverse()) await s.stop();
      await sb.close();
    },
  };
}

export type OrderServiceWorld = Awaited<ReturnType<typeof startOrderServiceWorld>>;
