import { afterEach, describe, expect, it } from 'vitest';
import { SqliteQueue, Worker } from '../../src/jobs/index.ts';
import { spawnWorker } from './childProcess.ts';
import { EFFECT_TABLES, effectHandler, effectReport } from './effectHandler.ts';
import { jobInput, openJobsDb, tempDbPath } from './support.ts';

const JOBS = 200;
const TARGET = 'effect-50'; // childWorker.ts hangs after this job's effect, before completing it
const CHILD_LEASE_MS = 10_000;

const children: ReturnType<typeof spawnWorker>[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.child.kill('SIGKILL');
});

describe('kill -9 mid-sync', () => {
  it('a worker process killed with SIGKILL mid-way: a fresh worker finishes, every effect happens exactly once', async () => {
    const path = tempDbPath();
    const db = openJobsDb(path);
    db.exec(EFFECT_TABLES);
    const inputs = Array.from({ length: JOBS }, (_, i) =>
      jobInput({ type: 'effect.apply', idempotencyKey: `effect-${i}`, objectKey: `deal:${i}` }),
    );
    await new SqliteQueue(db).enqueueMany(inputs);

    const proc = spawnWorker('crash', path, 'child');
    children.push(proc);
    await proc.line('ready');
    proc.go();
    await proc.line('effect-written'); // the target's effect is committed; its `complete` never will be
    proc.child.kill('SIGKILL');
    expect((await proc.exited).signal).toBe('SIGKILL');

    const before = await new SqliteQueue(db).stats();
    expect(before.byStatus.running).toBeGreaterThan(0); // it died holding leases
    expect(before.byStatus.pending).toBeGreaterThan(0); // and with work never started

    // After the restart, time has passed the dead worker's leases (injected clock).
    const queue = new SqliteQueue(db, { clock: () => Date.now() + 6 * CHILD_LEASE_MS });
    const worker = new Worker({ queue, workerId: 'rescuer', concurrency: 4 });
    worker.registerHandler('effect.apply', effectHandler(db, 'rescuer'));
    await worker.runUntilIdle();

    expect((await queue.stats()).byStatus).toEqual({ pending: 0, running: 0, completed: JOBS, dead: 0 });
    const report = effectReport(db);
    expect(report.effects).toBe(JOBS);
    expect(report.applied).toBe(JOBS); // the counter moved once per job, not once per run
    // The target really ran twice (child, then rescuer), yet its effect was applied once, by the child.
    expect(report.perKey.find((k) => k.key === TARGET)?.runs).toBe(2);
    expect(db.prepare('SELECT applied_by FROM effects WHERE job_key = ?').get(TARGET)).toEqual({ applied_by: 'child' });

    const target = (await queue.runs.recent({ limit: 1_000 })).filter((r) => r.objectKey === 'deal:50');
    expect(target.map((r) => [r.outcome, r.attempt, r.reason?.code ?? null]).reverse()).toEqual([
      ['retrying', 1, 'lease_expired'],
      ['completed', 2, null],
    ]);
  });
});
