import { describe, expect, it } from 'vitest';
import { SqliteQueue, Worker } from '../../src/jobs/index.ts';
import { eventually, jobInput, openJobsDb } from './support.ts';

describe('a busy worker shares the event loop', () => {
  it('while a backlog of instant jobs drains, I/O callbacks (an HTTP request, a timer) still get their turn', async () => {
    const queue = new SqliteQueue(openJobsDb());
    await queue.enqueueMany(Array.from({ length: 2_000 }, () => jobInput({ type: 'test.instant' })));
    let done = 0;
    const worker = new Worker({ queue, concurrency: 4, pollIntervalMs: 10 });
    // Synchronous work only, like a handler that just writes SQLite: nothing of its own ever yields.
    worker.registerHandler('test.instant', () => {
      done += 1;
    });
    worker.start();
    const whenIoRan = await new Promise<number>((resolve) => setImmediate(() => resolve(done)));
    expect(whenIoRan).toBeLessThan(2_000);
    await eventually(() => done === 2_000, 10_000);
    await worker.stop();
  });
});
