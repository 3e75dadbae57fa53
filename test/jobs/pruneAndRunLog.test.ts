import { describe, expect, it } from 'vitest';
import { SqliteQueue } from '../../src/jobs/index.ts';
import { jobInput, manualClock, openJobsDb } from './support.ts';

const DAY = 24 * 60 * 60_000;
const LEASE = { limit: 1, leaseMs: 30_000 };

function setup() {
  const clock = manualClock();
  const queue = new SqliteQueue(openJobsDb(), { clock, auditMs: 7 * DAY, random: () => 0.5 });
  const runOne = async (outcome: 'complete' | 'dead' | 'retry') => {
    const [job] = await queue.claim('w', LEASE);
    if (!job) throw new Error('nothing due');
    if (outcome === 'complete') return queue.complete(job, job.leaseToken);
    const error = { code: outcome === 'dead' ? 'not_found' : 'upstream_unavailable', message: 'no' };
    return queue.fail(job, job.leaseToken, error, { retryable: outcome === 'retry' });
  };
  return { clock, queue, runOne };
}

describe('audit period and the integration log', () => {
  it('prune removes completed jobs and runs older than the audit period, but never pending or dead jobs', async () => {
    const { clock, queue, runOne } = setup();
    const old = await queue.enqueueMany([jobInput(), jobInput(), jobInput()]);
    await runOne('complete');
    await runOne('dead');
    // old[2] stays pending: due, but nobody claims it.
    clock.advance(3 * DAY);
    const recent = await queue.enqueue(jobInput({ idempotencyKey: 'recent' }));
    await runOne('complete'); // old[2] completes now, 3 days later
    clock.advance(5 * DAY); // old[0]'s run is 8 days old now, old[2]'s 5 days

    const pruned = await queue.prune();

    expect(pruned).toEqual({ jobs: 1, runs: 1 });
    expect(await queue.get(old[0]!.job.id)).toBeUndefined();
    expect(await queue.get(old[1]!.job.id)).toMatchObject({ status: 'dead' });
    expect(await queue.get(old[2]!.job.id)).toMatchObject({ status: 'completed' });
    expect(await queue.get(recent.job.id)).toMatchObject({ status: 'pending' });
    // The dead letter keeps its history while it waits for an operator.
    const runs = await queue.runs.recent({ limit: 10 });
    expect(runs.map((r) => [r.jobId, r.outcome])).toEqual([
      [old[2]!.job.id, 'completed'],
      [old[1]!.job.id, 'failed'],
    ]);
  });

  it('prune(now) takes the time to prune at, and a pruned key can be enqueued again', async () => {
    const { clock, queue, runOne } = setup();
    await queue.enqueue(jobInput({ idempotencyKey: 'once' }));
    await runOne('complete');
    expect(await queue.prune(clock() + 7 * DAY - 1)).toEqual({ jobs: 0, runs: 0 });
    expect(await queue.prune(clock() + 7 * DAY + 1)).toEqual({ jobs: 1, runs: 1 });
    expect((await queue.enqueue(jobInput({ idempotencyKey: 'once' }))).duplicate).toBe(false);
  });

  it('runs are logged per portal with object key, outcome, attempt and duration; failures and daily counts', async () => {
    const { clock, queue, runOne } = setup();
    await queue.enqueue(jobInput({ portalId: 5, type: 'orders.create', objectKey: 'deal:1' }));
    const [job] = await queue.claim('w', LEASE);
    clock.advance(1_250);
    await queue.complete(job!, job!.leaseToken);
    await queue.enqueueMany([jobInput({ portalId: 6, type: 'whatsapp.send' }), jobInput({ portalId: 5 })]);
    await runOne('retry');
    clock.advance(DAY);
    await runOne('dead');

    const forPortal5 = await queue.runs.recent({ portalId: 5, limit: 10 });
    expect(forPortal5.map((r) => r.outcome)).toEqual(['failed', 'completed']);
    expect(forPortal5[1]).toMatchObject({ objectKey: 'deal:1', type: 'orders.create', attempt: 1, durationMs: 1_250 });

    const failures = await queue.runs.failures({ limit: 10 });
    expect(failures.map((r) => [r.portalId, r.outcome])).toEqual([
      [5, 'failed'],
      [6, 'retrying'],
    ]);
    expect(await queue.runs.failures({ limit: 10, since: clock() })).toHaveLength(1);

    const counts = await queue.runs.dailyCounts({ since: clock() - 2 * DAY });
    expect(counts).toEqual([
      { day: '2025-01-06', type: 'orders.create', outcome: 'completed', count: 1 },
      { day: '2025-01-06', type: 'whatsapp.send', outcome: 'retrying', count: 1 },
      { day: '2025-01-07', type: 'test.noop', outcome: 'failed', count: 1 },
    ]);
    expect(await queue.runs.dailyCounts({ since: 0, portalId: 6 })).toHaveLength(1);
  });

  it('stats count jobs by status, type and portal, and show how far behind the due work is', async () => {
    const { clock, queue, runOne } = setup();
    const start = clock();
    await queue.enqueueMany([
      jobInput({ portalId: 1, type: 'a' }),
      jobInput({ portalId: 1, type: 'b' }),
      jobInput({ portalId: 2, type: 'a', runAt: start + DAY }),
    ]);
    await runOne('complete');
    clock.advance(60_000);

    const stats = await queue.stats();
    expect(stats.byStatus).toEqual({ pending: 2, running: 0, completed: 1, dead: 0 });
    expect(stats.byType).toEqual([
      { type: 'a', status: 'completed', count: 1 },
      { type: 'a', status: 'pending', count: 1 },
      { type: 'b', status: 'pending', count: 1 },
    ]);
    expect(stats.byPortal).toContainEqual({ portalId: 2, status: 'pending', count: 1 });
    expect(stats.oldestDueRunAt).toBe(start);
  });
});
