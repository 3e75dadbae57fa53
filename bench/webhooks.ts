/**
 * Webhook intake over HTTP against the real service: `npx tsx bench/webhooks.ts [seconds] [clients] [rate]`.
 * The service (server/main.ts: file SQLite, worker on) runs as a child process so the load generator does not
 * share its event loop. The load: HubSpot-signed batches of 100 events, 10 % of them redeliveries, sent by
 * concurrent fetch clients. Two phases:
 *  1. saturation — `clients` clients (HubSpot keeps 10 in flight per account by default) send back to back;
 *  2. open loop — `rate` requests/s (default 200 = 20,000 events/s) whatever the answers: the p99 at that load.
 * "service CPU" is the child's user+system time per request, which machine load barely skews.
 * Numbers, not pass/fail. BENCH_NO_WORKER=1 measures intake alone; LOG_LEVEL sets the service's level;
 * BENCH_CPU_PROF=<dir> writes the service's CPU profile there (open it in Chrome DevTools); BENCH_MEMORY_DB=1
 * runs the service on `:memory:` SQLite, which tells SQLite's own CPU apart from the cost of writing the file.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import {
  cpuSeconds,
  deliver,
  makeDeliveries,
  type PhaseResult,
  type SignedDelivery,
  summary,
} from './support/webhookLoad.ts';

const SECONDS = Number(process.argv[2] ?? 10);
const CLIENTS = Number(process.argv[3] ?? 10);
const RATE = Number(process.argv[4] ?? 200);
const PER_BATCH = 100;
const SECRET = 'bench-client-secret';
const ROOT = join(import.meta.dirname, '..');
const MEMORY = process.env.BENCH_MEMORY_DB === '1';

const freePort = () =>
  new Promise<number>((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });

/** Starts bench/support/webhookService.ts and resolves once it is ready. */
async function startService(port: number, dbPath: string): Promise<ChildProcess> {
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const loader = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
  const child = spawn(
    process.execPath,
    [...profile, '--import', loader, join(ROOT, 'bench/support/webhookService.ts')],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        PORT: String(port),
        PUBLIC_ORIGIN: `http://127.0.0.1:${port}`,
        DATABASE_PATH: MEMORY ? ':memory:' : dbPath,
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
        HUBSPOT_CLIENT_SECRET: SECRET,
        TOKEN_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      },
    },
  );
  process.once('exit', () => child.kill('SIGKILL')); // however the bench ends, its service ends too
  await new Promise<void>((done, fail) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d;
      if (!out.includes('bench service ready')) return;
      child.stdout?.off('data', onData);
      child.stdout?.resume(); // request log lines: drained, not kept
      done();
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => fail(new Error(`service exited ${code}`)));
  });
  return child;
}

/** Runs `load` and measures it: latencies, failures, wall time and the service's CPU time. */
async function phase(
  label: string,
  pid: number,
  load: (record: (p: Promise<number>) => Promise<void>) => Promise<void>,
) {
  const r: PhaseResult = { label, latencies: [], failures: 0, seconds: 0, serverCpuSeconds: 0, perBatch: PER_BATCH };
  const cpuBefore = cpuSeconds(pid);
  const started = performance.now();
  const failed = () => {
    r.failures += 1;
  };
  await load((p) => p.then((ms) => void r.latencies.push(ms), failed));
  r.seconds = (performance.now() - started) / 1_000;
  r.serverCpuSeconds = cpuSeconds(pid) - cpuBefore;
  console.log(summary(r));
}

const port = await freePort();
const url = `http://127.0.0.1:${port}/webhooks/hubspot`;
const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-webhooks-'));
const dbPath = join(dir, 'switchboard.db');
const batches = Math.ceil(Math.max(RATE, 400) * SECONDS * 2.2) + 200;
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

const child = await startService(port, dbPath);
const pid = child.pid!;
for (let i = 0; i < 100; i++) await deliver(url, take()); // warm-up: JIT, statement caches
console.log(
  `service: child process, SQLite ${MEMORY ? ':memory:' : 'WAL file'}, worker ${process.env.BENCH_NO_WORKER === '1' ? 'off' : 'on'}, LOG_LEVEL ${process.env.LOG_LEVEL ?? 'info'}`,
);

await phase(`saturation, ${CLIENTS} clients`, pid, async (record) => {
  const until = performance.now() + SECONDS * 1_000;
  const client = async () => {
    while (performance.now() < until) await record(deliver(url, take()));
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
});

await phase(`open loop, ${RATE} requests/s`, pid, async (record) => {
  const inFlight: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < RATE * SECONDS; i++) {
    const wait = started + (i * 1_000) / RATE - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(record(deliver(url, take())));
  }
  await Promise.all(inFlight);
});

child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
if (MEMORY) process.exit(0);
const db = new Database(dbPath, { readonly: true });
const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
const completed = count("SELECT COUNT(*) AS n FROM jobs WHERE status = 'completed'");
console.log(
  `stored ${count('SELECT COUNT(*) AS n FROM webhook_events')} distinct events; ` +
    `${count('SELECT COUNT(*) AS n FROM jobs')} jobs, ${completed} completed by the worker meanwhile`,
);
db.close();
rmSync(dir, { recursive: true, force: true });
