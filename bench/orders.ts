/**
 * Orders under a burst: `npx tsx bench/orders.ts [deals=1000] [spreadMs=60000]`.
 * Numbers, not pass/fail. The HubSpot sandbox enforces the OAuth limit (110 / 10 s); the portal installed the app
 * through OAuth. `deals` deals (company, contact, line item each) close within `spreadMs`; a collector takes the
 * closed deals every second — what the webhook job will see — and runs createOrdersForDeals on them. Reported:
 * time to drain and HubSpot calls per order (sandbox call log); also a lone order's calls with a cold cache.
 * HubSpot is reached through a simple pacer (bench/support/pacedHubspotCall.ts) until the gateway lands.
 */
import { Client } from '@hubspot/api-client';
import { installApp, moveDealToStage, readCallLog } from '../sandbox/hubspot/controlPlane.ts';
import { createPortal, registerOAuthClient } from '../sandbox/hubspot/portals.ts';
import { createHubspotSandbox } from '../sandbox/hubspot/server.ts';
import type { ObjectChange } from '../sandbox/hubspot/state.ts';
import { createOrderFromDeal } from '../src/orders/createOrderFromDeal.ts';
import { createOrdersForDeals } from '../src/orders/createOrdersForDeals.ts';
import { createOrdersDeps } from '../src/orders/ordersDeps.ts';
import { provisionOrderProperties } from '../src/orders/properties.ts';
import { crmFactory } from '../test/orders/support/crmFactory.ts';
import { openOrdersDb, orderUrl } from '../test/orders/support/ordersWorld.ts';
import { pacedHubspotCall } from './support/pacedHubspotCall.ts';

const DEALS = Number(process.argv[2] ?? 1_000);
const SPREAD_MS = Number(process.argv[3] ?? 60_000);
const TICK_MS = 1_000;

const sandbox = createHubspotSandbox({ enforceRateLimits: true, callLogLimit: 1_000_000 });
const server = await sandbox.listen();
const state = sandbox.state;
const portal = createPortal(state, { id: 62_515, name: 'Bench portal' });
const oauth = registerOAuthClient(state, {
  clientId: 'bench',
  clientSecret: 'bench-secret',
  appId: 54321,
  redirectUrls: ['http://localhost/cb'],
});
const scopes = [
  'oauth',
  'crm.objects.deals.read',
  'crm.objects.deals.write',
  'crm.objects.companies.read',
  'crm.objects.companies.write',
  'crm.objects.contacts.read',
  'crm.objects.line_items.read',
  'crm.schemas.deals.write',
];
const { access_token } = installApp(state, { clientId: oauth.clientId, portalId: portal.id, scopes });
const stats = { waitedMs: 0, rateLimited: 0 };
const hubspot = pacedHubspotCall(
  new Client({ accessToken: access_token, basePath: server.url, numberOfApiCallRetries: 0 }),
  stats,
);
const freshDeps = () => createOrdersDeps({ db: openOrdersDb(), hubspot, orderUrl });
await provisionOrderProperties(hubspot, portal.id);

const crm = crmFactory(state, portal);
const seed = (n: number) => Array.from({ length: n }, () => crm.fullDeal({ dealstage: 'contractsent' }).dealId);
const crmCalls = (since: number) =>
  readCallLog(state, { portalId: portal.id, since }).filter((c) => c.path.startsWith('/crm'));

// 1. A lone order, cold pipeline cache: what one webhook costs.
const [loneDeal] = seed(1);
let since = Date.now();
moveDealToStage(state, portal.id, loneDeal!, 'closedwon');
await createOrderFromDeal(freshDeps(), { portalId: portal.id, dealId: loneDeal!, source: 'automatic' });
const lone = crmCalls(since);
console.log(
  `lone order: ${lone.length} HubSpot calls (${lone.map((c) => `${c.method} ${c.path.replace(/\d{3,}/g, ':id')}`).join(', ')})`,
);

// 2. The burst: DEALS deals close within SPREAD_MS; a collector drains every TICK_MS.
const dealIds = seed(DEALS);
const deps = freshDeps();
const closed: string[] = [];
state.events.on('change', (c: ObjectChange) => {
  if (c.objectType === 'deals' && c.propertyName === 'dealstage' && c.propertyValue === 'closedwon')
    closed.push(c.objectId);
});
since = Date.now();
const started = performance.now();
let lastClose = started;
const closing = (async () => {
  for (let i = 0; i < dealIds.length; i++) {
    moveDealToStage(state, portal.id, dealIds[i]!, 'closedwon');
    lastClose = performance.now();
    const due = started + ((i + 1) / dealIds.length) * SPREAD_MS;
    if (due > performance.now() + 5) await new Promise((r) => setTimeout(r, due - performance.now()));
  }
})();
let done = 0;
let failed = 0;
let batches = 0;
while (done + failed < DEALS) {
  const batch = closed.splice(0, closed.length);
  if (batch.length === 0) {
    await new Promise((r) => setTimeout(r, TICK_MS));
    continue;
  }
  const result = await createOrdersForDeals(deps, { portalId: portal.id, dealIds: batch });
  batches += 1;
  done += result.outcomes.filter((o) => o.status === 'created' || o.status === 'existing').length;
  failed += result.outcomes.filter((o) => o.status === 'failed' || o.status === 'skipped').length;
}
await closing;
const drained = performance.now();
const calls = crmCalls(since);
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(
  `burst: ${DEALS} deals closed over ${s(SPREAD_MS)}; ${done} orders, ${failed} failed, in ${batches} collector batches`,
);
console.log(`  time to drain: ${s(drained - started)} from the first close, ${s(drained - lastClose)} after the last`);
console.log(
  `  HubSpot calls: ${calls.length} → ${(calls.length / DEALS).toFixed(3)} per order; 429s: ${calls.filter((c) => c.status === 429).length}; pacer waited ${s(stats.waitedMs)}`,
);
const byEndpoint = new Map<string, number>();
for (const c of calls) {
  const key = `${c.method} ${c.path.replace(/\d{3,}/g, ':id')}`;
  byEndpoint.set(key, (byEndpoint.get(key) ?? 0) + 1);
}
for (const [k, v] of [...byEndpoint].sort((a, b) => b[1] - a[1])) console.log(`    ${String(v).padStart(5)}  ${k}`);
await server.close();
