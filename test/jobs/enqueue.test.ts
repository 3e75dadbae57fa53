import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import { SqliteQueue } from '../../src/jobs/index.ts';
import { jobInput, manualClock, openJobsDb } from './support.ts';

const countJobs = (db: ReturnType<typeof openJobsDb>) =>
  (db.prepare('SELECT COUNT(*) AS n FROM jobs').get() as { n: number }).n;

describe('enqueueing jobs', () => {
  it('when the same idempotency key is enqueued twice, the second call returns the first job', async () => {
    const db = openJobsDb();
    const queue = new SqliteQueue(db, { clock: manualClock() });
    const first = await queue.enqueue(jobInput({ idempotencyKey: 'deal:123:closed-won', payload: { v: 1 } }));
    const second = await queue.enqueue(jobInput({ idempotencyKey: 'deal:123:closed-won', payload: { v: 2 } }));

    expect(first.duplicate).toBe(false);
    expect(second).toEqual({ duplicate: true, job: first.job });
    expect(second.job.payload).toEqual({ v: 1 });
    expect(countJobs(db)).toBe(1);
  });

  it('enqueueMany of 1,000 inputs with 20 % repeated keys creates exactly the 800 distinct jobs', async () => {
    const db = openJobsDb();
    const queue = new SqliteQueue(db, { clock: manualClock() });
    // Every fifth input repeats the key of the input before it (within the batch) ...
    const inputs = Array.from({ length: 1_000 }, (_, i) =>
      jobInput({ idempotencyKey: `webhook-${i % 5 === 4 ? i - 1 : i}`, payload: { i } }),
    );
    // ... and a batch delivered again adds nothing.
    const results = await queue.enqueueMany(inputs);
    const again = await queue.enqueueMany(inputs.slice(0, 100));

    expect(countJobs(db)).toBe(800);
    expect(results.filter((r) => r.duplicate)).toHaveLength(200);
    expect(again.every((r) => r.duplicate)).toBe(true);
    expect(results[4]!.job.id).toBe(results[3]!.job.id);
    expect(results.map((r) => r.job.idempotencyKey)).toEqual(inputs.map((i) => i.idempotencyKey));
  });

  it('a batch with one invalid input is refused whole, naming the input and field', async () => {
    const db = openJobsDb();
    const queue = new SqliteQueue(db, { clock: manualClock() });
    const inputs = [jobInput(), jobInput({ idempotencyKey: '' }), jobInput()];

    const refused = queue.enqueueMany(inputs);
    await expect(refused).rejects.toThrow(AppError);
    await expect(refused).rejects.toThrow('jobs[1].idempotencyKey');
    expect(countJobs(db)).toBe(0);
  });

  it('enqueued inside the caller’s transaction, jobs roll back with it (intake stores events and jobs together)', () => {
    const db = openJobsDb();
    const queue = new SqliteQueue(db, { clock: manualClock() });
    db.exec('CREATE TABLE events (key TEXT PRIMARY KEY)');
    const intake = db.transaction((key: string) => {
      db.prepare('INSERT INTO events (key) VALUES (?)').run(key);
      queue.enqueueManySync([jobInput({ idempotencyKey: key })]);
      throw new Error('crash after enqueue, before commit');
    });

    expect(() => intake('evt-1')).toThrow('crash after enqueue');
    expect(countJobs(db)).toBe(0);
    expect(db.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: 0 });
  });

  it('defaults: priority 0, due now, the queue’s maxAttempts; objectKey is kept for the integration log', async () => {
    const clock = manualClock();
    const queue = new SqliteQueue(openJobsDb(), { clock, maxAttempts: 7 });
    const { job } = await queue.enqueue(jobInput({ objectKey: 'deal:123' }));
    expect(job).toMatchObject({ priority: 0, runAt: clock(), maxAttempts: 7, attempts: 0, status: 'pending' });
    expect(job.objectKey).toBe('deal:123');
  });
});
