/**
 * Job queue throughput on a file database: `npx tsx bench/jobs.ts [jobs] [concurrency]`.
 * Numbers, not pass/fail: enqueueMany in webhook-sized batches, a redelivery of the same batches (all
 * duplicates), and a worker processing no-op jobs (claim + complete + run log per job).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../src/db/migrate.ts';
import { openDatabase } from '../src/db/openDatabase.ts';
import { type EnqueueInput, SqliteQueue, Worker } from '../src/jobs/index.ts';

const JOBS = Number(process.argv[2] ?? 20_000);
const CONCURRENCY = Number(process.argv[3] ?? 8);
const BATCH = 500; // a large webhook delivery: HubSpot sends up to 100 events per request, several jobs each

const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-'));
const db = openDatabase(join(dir, 'bench.db'));
// Only the jobs migration: the bench measures the queue, whatever state the other migrations are in.
const sql = readFileSync(join(import.meta.dirname, '../src/db/migrations/0004_jobs.sql'), 'utf8');
migrate(db, [{ version: 4, name: 'jobs', sql }]);
const queue = new SqliteQueue(db);

const inputs: EnqueueInput[] = Array.from({ length: JOBS }, (_, i) => ({
  type: 'bench.noop',
  portalId: 1_000 + (i % 50),
  objectKey: `deal:${i}`,
  idempotencyKey: `bench-${i}`,
  payload: { dealId: String(i), stage: 'closedwon' },
}));

async function timed(label: string, count: number, work: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1_000;
  const rate = Math.round(count / seconds).toLocaleString('en-US');
  console.log(`${label.padEnd(44)} ${count} jobs in ${seconds.toFixed(2)} s  →  ${rate} jobs/s`);
}

async function enqueueInBatches(): Promise<void> {
  for (let i = 0; i < inputs.length; i += BATCH) await queue.enqueueMany(inputs.slice(i, i + BATCH));
}

const worker = new Worker({ queue, concurrency: CONCURRENCY });
worker.registerHandler('bench.noop', () => undefined);

console.log(`SQLite file (WAL) in ${dir}; ${JOBS} jobs, batches of ${BATCH}, concurrency ${CONCURRENCY}`);
await timed(`enqueueMany (batches of ${BATCH})`, JOBS, enqueueInBatches);
await timed('enqueueMany again (all duplicates)', JOBS, enqueueInBatches);
await timed(`process no-op jobs (concurrency ${CONCURRENCY})`, JOBS, () => worker.runUntilIdle());

const stats = await queue.stats();
console.log('by status:', stats.byStatus);
if (stats.byStatus.completed !== JOBS) process.exitCode = 1;
db.close();
rmSync(dir, { recursive: true, force: true });
