import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../src/errors.ts';
import { RetryAfter, SqliteQueue, Worker, type WorkerOptions } from '../../src/jobs/index.ts';
import { eventually, gate, jobInput, manualClock, openJobsDb } from './support.ts';

const workers: Worker[] = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop({ graceMs: 0, abortWaitMs: 0 })));
});

function setup(options: Partial<WorkerOptions> = {}, clock: () => number = manualClock()) {
  const queue = new SqliteQueue(openJobsDb(), { clock, random: () => 0.5, backoff: { baseMs: 1_000 } });
  const worker = new Worker({ queue, concurrency: 4, pollIntervalMs: 60_000, ...options });
  workers.push(worker);
  return { queue, worker };
}

describe('the worker', () => {
  it('runs each job with the handler registered for its type and completes it with the result', async () => {
    const { queue, worker } = setup();
    const seen: string[] = [];
    worker.registerHandler<{ dealId: string }>('orders.create', ({ payload }) => {
      seen.push(payload.dealId);
      return { orderId: `o-${payload.dealId}` };
    });
    const { job } = await queue.enqueue(jobInput({ type: 'orders.create', payload: { dealId: '42' } }));
    await queue.enqueue(jobInput({ type: 'nobody.handles.this' }));
    await worker.runUntilIdle();

    expect(seen).toEqual(['42']);
    expect(await queue.get(job.id)).toMatchObject({ status: 'completed', result: { orderId: 'o-42' } });
    expect((await queue.stats()).byStatus.pending).toBe(1);
  });

  it('asks the classifier: permanent AppErrors dead-letter at once, other errors retry with backoff', async () => {
    const { queue, worker } = setup();
    worker.registerHandler('t.notFound', () => {
      throw new AppError('not_found', 'deal 42 is gone');
    });
    worker.registerHandler('t.flaky', () => {
      throw new Error('socket hang up');
    });
    const gone = await queue.enqueue(jobInput({ type: 't.notFound' }));
    const flaky = await queue.enqueue(jobInput({ type: 't.flaky' }));
    await worker.runUntilIdle();

    expect(await queue.get(gone.job.id)).toMatchObject({ status: 'dead', lastError: { code: 'not_found' } });
    expect(await queue.get(flaky.job.id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: { code: 'internal', message: 'Error: socket hang up' },
    });
  });

  it('a pluggable classifier overrides the default', async () => {
    const { queue, worker } = setup({ classify: () => ({ retryable: false }) });
    worker.registerHandler('t', () => {
      throw new Error('anything');
    });
    const { job } = await queue.enqueue(jobInput({ type: 't' }));
    await worker.runUntilIdle();
    expect((await queue.get(job.id))?.status).toBe('dead');
  });

  it('a handler throwing RetryAfter is rescheduled after that delay without using an attempt', async () => {
    const clock = manualClock();
    const { queue, worker } = setup({}, clock);
    worker.registerHandler('t', () => {
      throw new RetryAfter(5_000, 'rate_limited');
    });
    const { job } = await queue.enqueue(jobInput({ type: 't' }));
    await worker.runUntilIdle();
    expect(await queue.get(job.id)).toMatchObject({ status: 'pending', attempts: 0, runAt: clock() + 5_000 });
  });

  it('a payload that fails its schema is dead-lettered as a validation error, the handler never called', async () => {
    const { queue, worker } = setup();
    let called = false;
    worker.registerHandler(
      't',
      () => {
        called = true;
      },
      { payload: z.object({ dealId: z.string() }) },
    );
    const { job } = await queue.enqueue(jobInput({ type: 't', payload: { dealId: 42 } }));
    await worker.runUntilIdle();
    expect(called).toBe(false);
    expect((await queue.get(job.id))?.lastError?.code).toBe('validation');
  });

  it('never runs more than `concurrency` handlers at once', async () => {
    const { queue, worker } = setup({ concurrency: 3 });
    let running = 0;
    let peak = 0;
    worker.registerHandler('t', async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 2));
      running -= 1;
    });
    await queue.enqueueMany(Array.from({ length: 20 }, () => jobInput({ type: 't' })));
    await worker.runUntilIdle();
    expect(peak).toBe(3);
    expect((await queue.stats()).byStatus.completed).toBe(20);
  });

  it('an enqueue in the same process wakes a started worker at once, not at the next poll', async () => {
    const { queue, worker } = setup({ pollIntervalMs: 60_000 });
    const ran = gate<string>();
    worker.registerHandler<{ v: string }>('t', ({ payload }) => ran.open(payload.v));
    worker.start();
    await new Promise((r) => setTimeout(r, 20)); // the first (empty) claim is done; the worker sleeps
    await queue.enqueue(jobInput({ type: 't', payload: { v: 'woke' } }));
    const timeout = new Promise((r) => setTimeout(() => r('still asleep'), 1_000));
    expect(await Promise.race([ran.promise, timeout])).toBe('woke');
  });

  it('renews the lease while a long handler runs, so a second worker cannot take the job', async () => {
    // Real clock: the lease (300 ms) is far shorter than the handler (900 ms); only renewals keep it.
    const { queue, worker } = setup({ leaseMs: 300, heartbeatMs: 50 }, Date.now);
    const other = new Worker({ queue, leaseMs: 300 });
    workers.push(other);
    let runs = 0;
    const slow = async () => {
      runs += 1;
      await new Promise((r) => setTimeout(r, 900));
    };
    worker.registerHandler('t', slow);
    other.registerHandler('t', slow);
    const { job } = await queue.enqueue(jobInput({ type: 't' }));

    const first = worker.runUntilIdle();
    for (let i = 0; i < 9; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      await other.runUntilIdle().catch(() => undefined);
    }
    await first;
    expect(runs).toBe(1);
    expect(await queue.get(job.id)).toMatchObject({ status: 'completed', attempts: 1 });
  });

  it('when its lease is lost mid-run (reclaimed after a stall), the handler is aborted and its outcome discarded', async () => {
    const clock = manualClock();
    const { queue, worker } = setup({ leaseMs: 30_000, heartbeatMs: 10 }, clock);
    const aborted = gate<unknown>();
    worker.registerHandler('t', ({ signal }) => {
      signal.addEventListener('abort', () => aborted.open(signal.reason));
      return aborted.promise.then(() => 'late result');
    });
    const { job } = await queue.enqueue(jobInput({ type: 't' }));
    const running = worker.runUntilIdle();
    await eventually(() => worker.inFlight === 1);

    clock.advance(30_000); // e.g. the event loop was blocked: no renewal in time
    const [taken] = await queue.claim('worker-b', { limit: 1, leaseMs: 30_000 });
    expect((await aborted.promise) as Error).toMatchObject({ name: 'LeaseLostAbort' });
    await running;

    expect(await queue.get(job.id)).toMatchObject({ status: 'running', leaseOwner: 'worker-b', result: null });
    await queue.complete(taken!, taken!.leaseToken, 'b wins');
    expect((await queue.get(job.id))?.result).toBe('b wins');
  });
});
