import { describe, expect, it } from 'vitest';
import { SqliteQueue } from '../../src/jobs/index.ts';
import { jobInput, manualClock, openJobsDb } from './support.ts';

const LEASE = { leaseMs: 10 * 60_000 }; // longer than any clock move here: no lease expires mid-test

function setup() {
  const clock = manualClock();
  const queue = new SqliteQueue(openJobsDb(), { clock });
  const keysOf = async (limit: number, types?: string[]) =>
    (await queue.claim('w1', { ...LEASE, limit, types })).map((j) => j.idempotencyKey);
  return { clock, queue, keysOf };
}

describe('which jobs a claim hands out', () => {
  it('higher priority first, then earlier runAt, then enqueue order; future jobs wait until due', async () => {
    const { clock, queue, keysOf } = setup();
    const t = clock();
    await queue.enqueueMany([
      jobInput({ idempotencyKey: 'low-early', priority: 0, runAt: t - 5_000 }),
      jobInput({ idempotencyKey: 'high-later', priority: 5, runAt: t - 1_000 }),
      jobInput({ idempotencyKey: 'low-a', priority: 0, runAt: t }),
      jobInput({ idempotencyKey: 'high-early', priority: 5, runAt: t - 2_000 }),
      jobInput({ idempotencyKey: 'low-b', priority: 0, runAt: t }),
      jobInput({ idempotencyKey: 'urgent-but-delayed', priority: 9, runAt: t + 60_000 }),
    ]);

    expect(await keysOf(10)).toEqual(['high-early', 'high-later', 'low-early', 'low-a', 'low-b']);
    expect(await keysOf(10)).toEqual([]);
    clock.advance(60_000);
    expect(await keysOf(10)).toEqual(['urgent-but-delayed']);
  });

  it('a claim takes at most `limit` jobs, the first in order, and leaves the rest pending', async () => {
    const { queue, keysOf } = setup();
    await queue.enqueueMany([1, 2, 3, 4, 5].map((n) => jobInput({ idempotencyKey: `j${n}`, priority: n })));
    expect(await keysOf(2)).toEqual(['j5', 'j4']);
    expect(await keysOf(2)).toEqual(['j3', 'j2']);
    expect((await queue.stats()).byStatus).toMatchObject({ pending: 1, running: 4 });
  });

  it('a worker only gets the job types it handles', async () => {
    const { queue, keysOf } = setup();
    await queue.enqueueMany([
      jobInput({ idempotencyKey: 'order', type: 'orders.create' }),
      jobInput({ idempotencyKey: 'wa', type: 'whatsapp.send' }),
    ]);
    expect(await keysOf(10, ['whatsapp.send'])).toEqual(['wa']);
    expect(await keysOf(10, [])).toEqual([]);
    expect(await keysOf(10)).toEqual(['order']);
  });

  it('a paused portal’s jobs wait (not lost) while others run, and run after resume', async () => {
    const { queue, keysOf } = setup();
    await queue.enqueueMany([
      jobInput({ idempotencyKey: 'p1-a', portalId: 1 }),
      jobInput({ idempotencyKey: 'p2-a', portalId: 2 }),
      jobInput({ idempotencyKey: 'p1-b', portalId: 1 }),
    ]);
    await queue.pausePortal(1, 'needs_reauthorization');

    expect(await keysOf(10)).toEqual(['p2-a']);
    const stats = await queue.stats();
    expect(stats.pausedPortals).toEqual([expect.objectContaining({ portalId: 1, reason: 'needs_reauthorization' })]);
    expect(stats.byPortal).toContainEqual({ portalId: 1, status: 'pending', count: 2 });

    await queue.resumePortal(1);
    expect(await keysOf(10)).toEqual(['p1-a', 'p1-b']);
    expect((await queue.stats()).pausedPortals).toEqual([]);
  });

  it('resuming a portal wakes in-process workers; pausing one does not', async () => {
    const { queue } = setup();
    let wakeups = 0;
    queue.onAvailable(() => {
      wakeups += 1;
    });
    await queue.pausePortal(1, 'needs_reauthorization');
    await queue.resumePortal(1);
    await queue.resumePortal(1); // not paused any more: nothing new to run
    expect(wakeups).toBe(1);
  });
});
