/**
 * Webhook intake over HTTP against the real service: `npx tsx bench/webhooks.ts [seconds] [clients] [rate]`.
 * The service (server/main.ts, file SQLite) runs in child processes, so the load generator shares no event loop
 * with it. BENCH_TOPOLOGY=split (default): an HTTP process that answers webhooks from the inbox
 * (`runWorker: false`) and a worker process — at CPU priority nice BENCH_WORKER_NICE (default 10), as a deployment
 * would run it — that fans the inbox out into events and jobs and runs the jobs, on one database.
 * BENCH_TOPOLOGY=single: one process with the worker, storing webhooks before answering (plain `npm start`).
 * The load: HubSpot-signed batches of 100 events, 10 % of them redeliveries, sent by concurrent fetch clients.
 * Two phases:
 *  1. saturation — `clients` clients (HubSpot keeps 10 in flight per account by default) send back to back;
 *     `clients` 0 skips it;
 *  2. open loop — `rate` requests/s (default 200 = 20,000 events/s) whatever the answers: the p99 at that load.
 * Per phase: latencies as the client sees them and as the HTTP process logged them ("in the server"), CPU per
 * request of the HTTP process ("service"), the worker process and the load generator ("bench"), the inbox backlog
 * left (split), and the load average, as the machine is shared. Numbers, not pass/fail.
 * BENCH_NO_WORKER=1: intake alone (no worker, no fan-out). LOG_LEVEL: the service's (info: one line per request).
 * BENCH_CPU_PROF=<dir>: the HTTP process's CPU profile (Chrome DevTools). BENCH_MEMORY_DB=1 (single): `:memory:`.
 * BENCH_PRAGMAS='a=1;b=2': pragmas for the main database, in every service process.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { webhookInboxPath } from '../src/webhooks/index.ts';
import {
  cpuSeconds,
  deliver,
  makeDeliveries,
  type PhaseResult,
  percentile,
  type SignedDelivery,
  summary,
} from './support/webhookLoad.ts';
import { freePort } from '../sandbox/listen.ts';
import { serverTimesOf, startServiceProcess } from './support/webhookProcesses.ts';

const SECONDS = Number(process.argv[2] ?? 10);
const CLIENTS = Number(process.argv[3] ?? 10);
const RATE = Number(process.argv[4] ?? 200);
const PER_BATCH = 100;
const SECRET = 'bench-client-secret';
const MEMORY = process.env.BENCH_MEMORY_DB === '1';
const SPLIT = (process.env.BENCH_TOPOLOGY ?? 'split') === 'split' && !MEMORY;
const NO_WORKER = process.env.BENCH_NO_WORKER === '1';
const WORKER_NICE = Number(process.env.BENCH_WORKER_NICE ?? 10);
const loadLine = () =>
  `load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;

const port = await freePort();
const url = `http://127.0.0.1:${port}/webhooks/hubspot`;
const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-webhooks-'));
const dbPath = join(dir, 'switchboard.db');
const env = {
  DATABASE_PATH: MEMORY ? ':memory:' : dbPath,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  HUBSPOT_CLIENT_SECRET: SECRET,
  TOKEN_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`, // one key for both processes
};
// Enough distinct deliveries that none is sent twice, were the service to take 2,000 requests/s at saturation.
const batches = (CLIENTS > 0 ? 2_000 * SECONDS : 0) + Math.ceil(RATE * SECONDS * 1.1) + 200;
const deliveries = makeDeliveries({
  url,
  secret: SECRET,
  portalId: 62515,
  batches,
  perBatch: PER_BATCH,
  duplicateShare: 0.1,
  signedAt: Date.now(),
});
let next = 0;
const take = (): SignedDelivery => deliveries[next++ % deliveries.length]!;

const web = await startServiceProcess({
  role: SPLIT ? 'web' : 'all',
  env: { ...env, PORT: String(port), PUBLIC_ORIGIN: `http://127.0.0.1:${port}` },
  cpuProfileDir: process.env.BENCH_CPU_PROF,
});
const serverTimes = serverTimesOf(web);
const worker =
  SPLIT && !NO_WORKER
    ? await startServiceProcess({ role: 'worker', env: { ...env, PORT: '0' }, nice: WORKER_NICE })
    : undefined;
const db = MEMORY ? undefined : new Database(dbPath, { readonly: true });
const count = (sql: string) => (db!.prepare(sql).get() as { n: number }).n;
const inboxDb = SPLIT ? new Database(webhookInboxPath(dbPath), { readonly: true }) : undefined;
/** Deliveries in the inbox: not stored yet, or stored in the last 100 ms (the fan-out deletes them that often). */
const inboxBacklog = () => (inboxDb!.prepare('SELECT COUNT(*) AS n FROM webhook_inbox').get() as { n: number }).n;

for (let i = 0; i < 100; i++) await deliver(url, take()); // warm-up: JIT, statement caches
console.log(
  `service: ${SPLIT ? 'HTTP process (webhook inbox) + ' : 'one process, '}` +
    `${NO_WORKER ? 'no worker' : SPLIT ? `worker process (fan-out + jobs, nice ${WORKER_NICE})` : 'worker in it'}, ` +
    `SQLite ${MEMORY ? ':memory:' : 'WAL file'}, LOG_LEVEL ${env.LOG_LEVEL}  |  ${loadLine()}`,
);

/** Runs `load` and measures it: latencies, failures, wall time and the processes' CPU time. */
async function phase(label: string, load: (record: (p: Promise<number>) => Promise<void>) => Promise<void>) {
  const r: PhaseResult = { label, latencies: [], failures: 0, seconds: 0, serverCpuSeconds: 0, perBatch: PER_BATCH };
  const cpuBefore = cpuSeconds(web.pid!);
  const workerBefore = worker ? cpuSeconds(worker.pid!) : 0;
  const benchBefore = process.cpuUsage();
  serverTimes.take();
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  const gcPauses: number[] = [];
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcPauses.push(e.duration);
  });
  gc.observe({ entryTypes: ['gc'] });
  const started = performance.now();
  const failed = () => {
    r.failures += 1;
  };
  await load((p) => p.then((ms) => void r.latencies.push(ms), failed));
  r.seconds = (performance.now() - started) / 1_000;
  r.serverCpuSeconds = cpuSeconds(web.pid!) - cpuBefore;
  const perRequest = (seconds: number) => `${((seconds * 1_000) / Math.max(1, r.latencies.length)).toFixed(2)} ms`;
  const bench = process.cpuUsage(benchBefore);
  loopDelay.disable();
  gc.disconnect();
  const benchLoop =
    `bench event loop delay p99 ${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms max ${(loopDelay.max / 1e6).toFixed(0)} ms, ` +
    `GC max ${Math.max(0, ...gcPauses).toFixed(0)} ms`;
  const logged = serverTimes.take().sort((a, b) => a - b);
  const parts = [
    summary(r),
    logged.length > 0
      ? `in the server p50 ${percentile(logged, 50).toFixed(1)} ms  p99 ${percentile(logged, 99).toFixed(1)} ms`
      : 'in the server: not logged (LOG_LEVEL)',
    [
      worker ? `worker CPU ${perRequest(cpuSeconds(worker.pid!) - workerBefore)}` : undefined,
      `bench CPU ${perRequest((bench.user + bench.system) / 1e6)}/request`,
      benchLoop,
    ]
      .filter(Boolean)
      .join(', '),
    inboxDb ? `inbox backlog ${inboxBacklog()} deliveries` : undefined,
    loadLine(),
  ];
  console.log(parts.filter(Boolean).join('  |  '));
}

if (CLIENTS > 0) {
  await phase(`saturation, ${CLIENTS} clients`, async (record) => {
    const until = performance.now() + SECONDS * 1_000;
    const client = async () => {
      while (performance.now() < until) await record(deliver(url, take()));
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));
  });
}

await phase(`open loop, ${RATE} requests/s`, async (record) => {
  const inFlight: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < RATE * SECONDS; i++) {
    const wait = started + (i * 1_000) / RATE - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(record(deliver(url, take())));
  }
  await Promise.all(inFlight);
});

if (inboxDb && worker) {
  // Everything acknowledged must reach webhook_events: how long the fan-out needs to catch up.
  const since = performance.now();
  const left = inboxBacklog();
  while (inboxBacklog() > 0 && performance.now() - since < 300_000) await new Promise((r) => setTimeout(r, 50));
  console.log(`fan-out: ${left} deliveries still in the inbox after the load, stored ${elapsed(since)} s later`);
}
const stopped = [web, worker].filter((c) => c !== undefined);
for (const c of stopped) c.kill('SIGTERM');
await Promise.all(stopped.map((c) => new Promise((r) => c.once('exit', r))));
if (db) {
  const completed = count("SELECT COUNT(*) AS n FROM jobs WHERE status = 'completed'");
  console.log(
    `stored ${count('SELECT COUNT(*) AS n FROM webhook_events')} distinct events; ` +
      `${count('SELECT COUNT(*) AS n FROM jobs')} jobs, ${completed} completed by the worker meanwhile`,
  );
  db.close();
}
inboxDb?.close();
rmSync(dir, { recursive: true, force: true });

function elapsed(since: number): string {
  return ((performance.now() - since) / 1_000).toFixed(1);
}
