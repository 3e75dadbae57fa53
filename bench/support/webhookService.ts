/**
 * The service under load for bench/webhooks.ts: server/main.ts's startService (config from the environment,
 * file SQLite) plus what a real deployment would have registered by then — subscriptions for the deal and contact
 * events the bench sends (no-op handlers, so the worker's cost is the spine's own) — and the benchmark portal
 * installed through the installations repository (no HubSpot to connect to here).
 * BENCH_ROLE picks the process: `all` (HTTP + worker, webhooks stored before the answer: plain `npm start`),
 * `web` (HTTP only, `runWorker: false`: webhooks answered from the inbox) or `worker` (worker + webhook fan-out;
 * its HTTP port is unused).
 */
import { startService } from '../../server/main.ts';
import { loadConfig } from '../../src/config.ts';

const role = process.env.BENCH_ROLE ?? 'all';
const portalId = Number(process.env.BENCH_PORTAL_ID ?? 62515);
const service = await startService(loadConfig(), {
  // Orders would subscribe to deal changes too and call HubSpot, which the bench does not have.
  orders: false,
  runWorker: role !== 'web',
  register(spine) {
    const noop = () => undefined;
    spine.webhooks.subscribe(
      [{ event: 'deal.creation' }, { event: 'deal.propertyChange', propertyName: 'dealstage' }],
      'bench.dealChanged',
      noop,
    );
    spine.webhooks.subscribe([{ event: 'contact.creation' }], 'bench.contactCreated', noop);
  },
});
service.connections.installations.upsert(
  { portalId, authKind: 'oauth', status: 'active', statusReason: null, hubDomain: 'bench.example.com' },
  new Date(),
);
for (const p of (process.env.BENCH_PRAGMAS ?? '').split(';').filter(Boolean)) service.db.pragma(p);
if (process.env.BENCH_NO_WORKER === '1') {
  await service.spine.webhooks.fanOut.stop();
  await service.spine.worker.stop();
}
process.stdout.write('bench service ready\n');
process.once('SIGTERM', () => {
  void service.stop().then(() => process.exit(0));
});
