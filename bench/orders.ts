/**
 * Orders under a burst, end to end: `npx tsx bench/orders.ts [deals=1000] [spreadMs=60000]`. Numbers, not pass/fail.
 * The real service (server/main.ts: gateway with its rate budget, file SQLite, worker) against the HubSpot sandbox,
 * which enforces the OAuth limit (110 / 10 s). The demo portal installs the app through the consent flow; the project's
 * webhook subscriptions point at the service. `deals` deals (company, contact, line item each) move to Closed Won
 * within `spreadMs`; the sandbox delivers the webhooks as HubSpot does (batches, signed); the worker does the rest.
 * Reported: a lone order's HubSpot calls (cold pipeline cache), then for the burst the time until every deal shows
 * its order and every *Order created* is on the timeline, and HubSpot calls per order (sandbox call log).
 */
import { rmSync } from 'node:fs';
import { freePort } from '../sandbox/listen.ts';
import { moveDealToStage, readCallLog, readRecords, readTimeline } from '../sandbox/hubspot/controlPlane.ts';
import { uploadProject } from '../sandbox/hubspot/projectUpload.ts';
import { seedDemoPortal } from '../sandbox/hubspot/seed.ts';
import { createHubspotSandbox } from '../sandbox/hubspot/server.ts';
import type { CallLogEntry } from '../sandbox/hubspot/state.ts';
import { installAppScenario } from '../server/demo/installApp.ts';
import type { DemoContext } from '../server/demo/context.ts';
import { startService } from '../server/main.ts';
import { loadConfig } from '../src/config.ts';
import { crmFactory } from '../test/orders/support/crmFactory.ts';

const DEALS = Number(process.argv[2] ?? 1_000);
const SPREAD_MS = Number(process.argv[3] ?? 60_000);
const DIR = './data/bench-orders';
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

rmSync(DIR, { recursive: true, force: true });
const sandbox = createHubspotSandbox({ enforceRateLimits: true, callLogLimit: 1_000_000 });
const sb = await sandbox.listen();
const { state } = sandbox;
const port = await freePort();
const seeded = seedDemoPortal(state, { redirectUrls: [`http://127.0.0.1:${port}/oauth/callback`] });
const portalId = seeded.portal.id;
const config = loadConfig({
  PORT: String(port),
  PUBLIC_ORIGIN: `http://127.0.0.1:${port}`,
  DATABASE_PATH: `${DIR}/switchboard.db`,
  LOG_LEVEL: 'error',
  HUBSPOT_CLIENT_ID: seeded.client.clientId,
  HUBSPOT_CLIENT_SECRET: seeded.client.clientSecret,
  HUBSPOT_API_BASE_URL: sb.url,
  HUBSPOT_APP_BASE_URL: sb.url,
});
const service = await startService(config);

// Deals first, before the webhooks point at the service: their creation is not part of the measurement.
const crm = crmFactory(state, seeded.portal);
const seed = (n: number) => Array.from({ length: n }, () => crm.fullDeal({ dealstage: 'contractsent' }).dealId);
const [loneDeal] = seed(1);
const burst = seed(DEALS);
const ctx = { service: { url: service.url, config }, portalId, say: () => undefined } as unknown as DemoContext;
await installAppScenario.run(ctx);
uploadProject(state, {
  appId: seeded.client.appId,
  clientSecret: seeded.client.clientSecret,
  targetUrl: `${service.url}/webhooks/hubspot`,
  portals: [seeded.portal],
});

const dealProps = () => new Map(readRecords(state, portalId, 'deals').map((d) => [d.id, d.properties]));
const createdOn = () =>
  new Set(
    readTimeline(state, portalId)
      .filter((o) => o.eventTypeName === 'order_created')
      .map((o) => o.objectId),
  );
const calls = (since: number) => readCallLog(state, { portalId, since }).filter((c) => !c.path.startsWith('/oauth'));
const isCrm = (c: CallLogEntry) => c.path.startsWith('/crm');
const shape = (c: CallLogEntry) => `${c.method} ${c.path.replace(/\d{3,}/g, ':id')}`;

async function until(done: () => boolean | Promise<boolean>, timeoutMs = 15 * 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > end) throw new Error('timed out waiting for the orders');
    await sleep(100);
  }
}

// Provisioning (orders, and other capabilities' properties) runs as jobs after the install: let it finish.
const idle = async () => {
  const { pending, running } = (await service.spine.queue.stats()).byStatus;
  return pending + running === 0;
};
await until(() => state.portal(portalId)?.properties.get('deals')?.has('switchboard_order_status') === true);
await until(idle);

// 1. A lone order: what one closed deal costs, cold pipeline cache included.
let since = state.now();
moveDealToStage(state, portalId, loneDeal!, 'closedwon');
await until(() => createdOn().has(loneDeal!));
const lone = calls(since);
console.log(
  `lone order: ${lone.filter(isCrm).length} CRM calls + ${lone.filter((c) => !isCrm(c)).length} timeline = ${lone.length}`,
);
console.log(`  ${lone.map(shape).join(', ')}`);
await sleep(11_000); // an empty rate window, so the burst starts like a real one would

// 2. The burst: DEALS deals close within SPREAD_MS.
since = state.now();
const started = performance.now();
let lastClose = started;
for (let i = 0; i < burst.length; i++) {
  moveDealToStage(state, portalId, burst[i]!, 'closedwon');
  lastClose = performance.now();
  const due = started + ((i + 1) / burst.length) * SPREAD_MS;
  if (due > performance.now() + 5) await sleep(due - performance.now());
}
let ordersAt = 0;
await until(() => {
  const props = dealProps();
  const shown = burst.every((id) => props.get(id)?.switchboard_order_number);
  if (shown && ordersAt === 0) ordersAt = performance.now();
  return shown && burst.every((id) => createdOn().has(id));
});
const drained = performance.now();
report(calls(since));

function report(all: CallLogEntry[]): void {
  const crmCalls = all.filter(isCrm);
  console.log(`burst: ${DEALS} deals closed over ${s(SPREAD_MS)} (last close at ${s(lastClose - started)})`);
  console.log(`  every deal shows its order: ${s(ordersAt - started)} after the first close`);
  console.log(`  every Order created posted: ${s(drained - started)} (${s(drained - lastClose)} after the last close)`);
  console.log(
    `  HubSpot calls: ${crmCalls.length} CRM (${(crmCalls.length / DEALS).toFixed(3)} per order) + ` +
      `${all.length - crmCalls.length} timeline = ${all.length} (${(all.length / DEALS).toFixed(3)} per order); ` +
      `429s: ${all.filter((c) => c.status === 429).length}`,
  );
  const byEndpoint = new Map<string, number>();
  for (const c of all) byEndpoint.set(shape(c), (byEndpoint.get(shape(c)) ?? 0) + 1);
  for (const [k, v] of [...byEndpoint].sort((a, b) => b[1] - a[1])) console.log(`    ${String(v).padStart(5)}  ${k}`);
}

const stats = await service.spine.queue.stats();
console.log(`  jobs: ${JSON.stringify(stats.byStatus)}`);
await service.stop();
await sb.close();
