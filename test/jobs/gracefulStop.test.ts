import { afterEach, describe, expect, it } from 'vitest';
import { SqliteQueue, Worker } from '../../src/jobs/index.ts';
import { eventually, gate, jobInput, manualClock, openJobsDb } from './support.ts';

const workers: Worker[] = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop({ graceMs: 0, abortWaitMs: 0 })));
});

function setup(concurrency = 4) {
  const queue = new SqliteQueue(openJobsDb(), { clock: manualClock() });
  const worker = new Worker({ queue, concurrency, pollIntervalMs: 60_000 });
  workers.push(worker);
  return { queue, worker };
}

describe('graceful stop', () => {
  it('stops claiming and waits for in-flight handlers to finish', async () => {
    const { queue, worker } = setup(3);
    const release = gate();
    const signals: AbortSignal[] = [];
    worker.registerHandler('t', ({ signal }) => {
      signals.push(signal);
      return release.promise;
    });
    await queue.enqueueMany(Array.from({ length: 5 }, () => jobInput({ type: 't' })));
    worker.start();
    await eventually(() => worker.inFlight === 3);

    let stopped = false;
    const stopping = worker.stop({ graceMs: 5_000, abortWaitMs: 0 }).then((r) => {
      stopped = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(stopped).toBe(false);

    release.open();
    expect(await stopping).toEqual({ abandoned: 0 });
    expect(signals.map((s) => s.aborted)).toEqual([false, false, false]); // finished within grace, never aborted
    expect((await queue.stats()).byStatus).toMatchObject({ completed: 3, pending: 2, running: 0 });
  });

  it('after the grace period, aborts handlers; a handler that honours the signal is released without losing an attempt', async () => {
    const { queue, worker } = setup();
    worker.registerHandler(
      't',
      ({ signal }) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
    );
    const { job } = await queue.enqueue(jobInput({ type: 't' }));
    worker.start();
    await eventually(() => worker.inFlight === 1);

    expect(await worker.stop({ graceMs: 20 })).toEqual({ abandoned: 0 });
    expect(await queue.get(job.id)).toMatchObject({ status: 'pending', attempts: 0, deferrals: 1 });
  });

  it('a handler that ignores the signal is abandoned; its lease is left to expire', async () => {
    const { queue, worker } = setup();
    worker.registerHandler('t', () => new Promise(() => undefined));
    const { job } = await queue.enqueue(jobInput({ type: 't' }));
    worker.start();
    await eventually(() => worker.inFlight === 1);

    expect(await worker.stop({ graceMs: 10, abortWaitMs: 10 })).toEqual({ abandoned: 1 });
    expect(await queue.get(job.id)).toMatchObject({ status: 'running', attempts: 1 });
  });
});
