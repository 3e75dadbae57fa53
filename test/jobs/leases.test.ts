import { describe, expect, it } from 'vitest';
import { isLeaseLost, SqliteQueue } from '../../src/jobs/index.ts';
import { jobInput, manualClock, openJobsDb } from './support.ts';

const LEASE_MS = 30_000;

function setup(maxAttempts = 5) {
  const clock = manualClock();
  const queue = new SqliteQueue(openJobsDb(), { clock, maxAttempts });
  return { clock, queue };
}

const refusal = async (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (err: unknown) => err,
  );

describe('leases', () => {
  it('when a worker crashes after claiming, the lease expires and another worker runs the job; the attempt counts', async () => {
    const { clock, queue } = setup();
    const { job } = await queue.enqueue(jobInput({ objectKey: 'deal:7' }));
    const [crashed] = await queue.claim('worker-a', { limit: 1, leaseMs: LEASE_MS });
    expect(crashed).toMatchObject({ id: job.id, attempts: 1, leaseOwner: 'worker-a' });

    // While the lease holds, nobody else gets the job.
    clock.advance(LEASE_MS - 1);
    expect(await queue.claim('worker-b', { limit: 1, leaseMs: LEASE_MS })).toEqual([]);

    clock.advance(1);
    const [rescued] = await queue.claim('worker-b', { limit: 1, leaseMs: LEASE_MS });
    expect(rescued).toMatchObject({ id: job.id, attempts: 2, leaseOwner: 'worker-b' });
    expect(rescued!.leaseToken).not.toBe(crashed!.leaseToken);

    const [run] = await queue.runs.recent({ limit: 1 });
    expect(run).toMatchObject({ jobId: job.id, outcome: 'retrying', attempt: 1, objectKey: 'deal:7' });
    expect(run!.reason?.code).toBe('lease_expired');
  });

  it('the crashed worker’s stale token can no longer complete, fail or extend the job', async () => {
    const { clock, queue } = setup();
    await queue.enqueue(jobInput());
    const [stale] = await queue.claim('worker-a', { limit: 1, leaseMs: LEASE_MS });
    clock.advance(LEASE_MS);
    const [current] = await queue.claim('worker-b', { limit: 1, leaseMs: LEASE_MS });

    for (const attempt of [
      queue.complete(stale!, stale!.leaseToken, 'late result'),
      queue.fail(stale!, stale!.leaseToken, { code: 'internal', message: 'x' }, { retryable: true }),
      queue.retryAfter(stale!, stale!.leaseToken, 1_000, 'rate_limited'),
      queue.extendLease(stale!, stale!.leaseToken, LEASE_MS),
    ]) {
      expect(isLeaseLost(await refusal(attempt))).toBe(true);
    }

    await queue.complete(current!, current!.leaseToken, { ok: true });
    expect(await queue.get(current!.id)).toMatchObject({ status: 'completed', result: { ok: true }, attempts: 2 });
  });

  it('a finished job cannot be completed twice with the same token', async () => {
    const { queue } = setup();
    await queue.enqueue(jobInput());
    const [job] = await queue.claim('w', { limit: 1, leaseMs: LEASE_MS });
    await queue.complete(job!, job!.leaseToken);
    expect(isLeaseLost(await refusal(queue.complete(job!, job!.leaseToken)))).toBe(true);
  });

  it('extending the lease keeps the job away from other workers past the original expiry', async () => {
    const { clock, queue } = setup();
    await queue.enqueue(jobInput());
    const [job] = await queue.claim('worker-a', { limit: 1, leaseMs: LEASE_MS });
    clock.advance(LEASE_MS - 1_000);
    await queue.extendLease(job!, job!.leaseToken, LEASE_MS);
    clock.advance(LEASE_MS - 1_000);
    expect(await queue.claim('worker-b', { limit: 1, leaseMs: LEASE_MS })).toEqual([]);
    await queue.complete(job!, job!.leaseToken);
  });

  it('a job whose lease expires on its last attempt becomes a dead letter instead of looping', async () => {
    const { clock, queue } = setup(2);
    const { job } = await queue.enqueue(jobInput());
    for (const worker of ['a', 'b']) {
      expect(await queue.claim(worker, { limit: 1, leaseMs: LEASE_MS })).toHaveLength(1);
      clock.advance(LEASE_MS);
    }
    expect(await queue.claim('c', { limit: 1, leaseMs: LEASE_MS })).toEqual([]);
    const dead = await queue.get(job.id);
    expect(dead).toMatchObject({ status: 'dead', attempts: 2, lastError: { code: 'lease_expired' } });
    expect(dead!.lastError!.message).toContain('lease of b expired');
  });
});
