import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/openDatabase.ts';
import { SqliteQueue, Worker } from '../../src/jobs/index.ts';
import { spawnWorker } from './childProcess.ts';
import { EFFECT_TABLES, effectReport } from './effectHandler.ts';
import { jobInput, openJobsDb, tempDbPath } from './support.ts';

const JOBS = 500;
const children: ReturnType<typeof spawnWorker>[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.child.kill('SIGKILL');
});

const fiveHundred = () =>
  Array.from({ length: JOBS }, (_, i) => jobInput({ type: 'effect.apply', idempotencyKey: `effect-${i}` }));

describe('workers racing for the same jobs', () => {
  it('four workers over two Queue instances on one SQLite file run each of 500 jobs exactly once', async () => {
    const path = tempDbPath();
    const queues = [new SqliteQueue(openJobsDb(path)), new SqliteQueue(openDatabase(path))];
    await queues[0]!.enqueueMany(fiveHundred());
    const runs = new Map<string, number>();
    const byWorker = new Map<string, number>();
    const workers = [0, 1, 0, 1].map((q, i) => {
      const worker = new Worker({ queue: queues[q]!, workerId: `w${i}`, concurrency: 8 });
      worker.registerHandler('effect.apply', async ({ job }) => {
        runs.set(job.idempotencyKey, (runs.get(job.idempotencyKey) ?? 0) + 1);
        byWorker.set(worker.id, (byWorker.get(worker.id) ?? 0) + 1);
        await new Promise((r) => setImmediate(r)); // yield, so the other workers claim in between
      });
      return worker;
    });

    await Promise.all(workers.map((w) => w.runUntilIdle()));

    expect(runs.size).toBe(JOBS);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    expect([...byWorker.keys()].sort()).toEqual(['w0', 'w1', 'w2', 'w3']); // all of them really raced
    expect((await queues[1]!.stats()).byStatus).toEqual({ pending: 0, running: 0, completed: JOBS, dead: 0 });
  });

  it('two real processes on one SQLite file run each of 500 jobs exactly once', async () => {
    const path = tempDbPath();
    const db = openJobsDb(path);
    db.exec(EFFECT_TABLES);
    await new SqliteQueue(db).enqueueMany(fiveHundred());
    const procs = ['proc-a', 'proc-b'].map((name) => spawnWorker('race', path, name));
    children.push(...procs);
    await Promise.all(procs.map((p) => p.line('ready')));
    for (const p of procs) p.go(); // start together, so they really overlap

    const exits = await Promise.all(procs.map((p) => p.exited));
    expect(exits.map((e) => e.code)).toEqual([0, 0]);
    const report = effectReport(db);
    expect(report.perKey).toHaveLength(JOBS);
    expect(report.perKey.filter((k) => k.runs !== 1)).toEqual([]);
    expect(report.perWorker.map((w) => w.worker).sort()).toEqual(['proc-a', 'proc-b']);
    expect(report.applied).toBe(JOBS);
    expect((await new SqliteQueue(db).stats()).byStatus.completed).toBe(JOBS);
  });
});
