import { describe, expect, it } from 'vitest';
import { backoffCeiling, backoffDelay, type ClaimedJob, SqliteQueue } from '../../src/jobs/index.ts';
import { jobInput, manualClock, openJobsDb } from './support.ts';

const LEASE = { limit: 1, leaseMs: 30_000 };
const BACKOFF = { baseMs: 1_000, capMs: 8_000 };
const boom = { code: 'upstream_unavailable', message: 'HubSpot answered 503' };

function setup(random: () => number, maxAttempts = 6) {
  const clock = manualClock();
  const queue = new SqliteQueue(openJobsDb(), { clock, random, maxAttempts, backoff: BACKOFF });
  /** Claims the job once it is due (moving the clock to its runAt) and fails it. */
  const failOnce = async (error = boom, retryable = true) => {
    const [job] = await queue.claim('w', LEASE);
    if (!job) throw new Error('nothing to claim');
    return queue.fail(job, job.leaseToken, error, { retryable });
  };
  const dueNow = async (id: number) => {
    const job = await queue.get(id);
    clock.advance(Math.max(0, job!.runAt - clock()));
  };
  return { clock, queue, failOnce, dueNow };
}

describe('retries, backoff and dead letters', () => {
  it('backoff: each delay lies in [0, min(cap, base·2^(n-1))) and the window doubles until the cap', () => {
    const ceilings = [1, 2, 3, 4, 5, 6].map((n) => backoffCeiling(n, BACKOFF));
    expect(ceilings).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
    for (let attempt = 1; attempt <= 6; attempt += 1) {
      const samples = Array.from({ length: 500 }, () => backoffDelay(attempt, BACKOFF, Math.random));
      expect(Math.min(...samples)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...samples)).toBeLessThan(ceilings[attempt - 1]!);
      // Full jitter: the samples spread over the window rather than clustering at its top.
      expect(Math.max(...samples) - Math.min(...samples)).toBeGreaterThan(ceilings[attempt - 1]! / 2);
    }
  });

  it('a failing job is rescheduled with growing, jittered delays from the injected random source', async () => {
    const randoms = [0.999, 0.5, 0.999, 0.25];
    const { clock, queue, failOnce, dueNow } = setup(() => randoms.shift() ?? 0);
    const { job } = await queue.enqueue(jobInput());
    const delays: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const before = clock();
      const after = await failOnce();
      expect(after.status).toBe('pending');
      delays.push(after.runAt - before);
      await dueNow(job.id);
    }
    // ceilings 1 s, 2 s, 4 s, 8 s times the injected randoms
    expect(delays).toEqual([999, 1_000, 3_996, 2_000]);
  });

  it('after maxAttempts failures the job is a dead letter carrying the last error; replay runs it again', async () => {
    const { queue, failOnce, dueNow } = setup(() => 0.5, 3);
    const { job } = await queue.enqueue(jobInput({ type: 'orders.create', portalId: 9 }));
    await failOnce({ code: 'upstream_unavailable', message: 'first' });
    await dueNow(job.id);
    await failOnce({ code: 'upstream_unavailable', message: 'second' });
    await dueNow(job.id);
    const dead = await failOnce({ code: 'rate_limited', message: 'third and last' });

    expect(dead).toMatchObject({
      status: 'dead',
      attempts: 3,
      lastError: { code: 'rate_limited', message: 'third and last' },
    });
    expect(await queue.claim('w', LEASE)).toEqual([]);
    const page = await queue.listDeadLetters({ portalId: 9, limit: 10 });
    expect(page.items.map((j) => j.id)).toEqual([job.id]);

    expect(await queue.replay(job.id, 'ops@example.com')).toBe(1);
    const [again] = await queue.claim('w', LEASE);
    expect(again).toMatchObject({ id: job.id, attempts: 1, replays: 1 });
    await queue.complete(again!, again!.leaseToken);
    expect((await queue.listDeadLetters({ limit: 10 })).items).toEqual([]);
    const outcomes = (await queue.runs.recent({ limit: 10 })).map((r) => r.outcome).reverse();
    expect(outcomes).toEqual(['retrying', 'retrying', 'dead', 'replayed', 'completed']);
  });

  it('a non-retryable error dead-letters the job at once, recorded as failed', async () => {
    const { queue, failOnce } = setup(() => 0.5);
    const { job } = await queue.enqueue(jobInput());
    const after = await failOnce({ code: 'validation', message: 'deal has no amount' }, false);
    expect(after).toMatchObject({ id: job.id, status: 'dead', attempts: 1 });
    expect((await queue.runs.failures({ limit: 5 }))[0]).toMatchObject({
      outcome: 'failed',
      reason: { code: 'validation' },
    });
  });

  it('retryAfter reschedules without using up an attempt, even many times over', async () => {
    const { clock, queue } = setup(() => 0.5, 2);
    const { job } = await queue.enqueue(jobInput());
    for (let i = 0; i < 5; i += 1) {
      const [claimed] = (await queue.claim('w', LEASE)) as [ClaimedJob];
      expect(claimed.attempts).toBe(1);
      await queue.retryAfter(claimed, claimed.leaseToken, 10_000, 'rate_limited');
      expect(await queue.claim('w', LEASE)).toEqual([]); // not before the delay
      clock.advance(10_000);
    }
    expect(await queue.get(job.id)).toMatchObject({ status: 'pending', attempts: 0, deferrals: 5 });
    const [run] = await queue.runs.recent({ limit: 1 });
    expect(run).toMatchObject({ outcome: 'retrying', attempt: 1, reason: { code: 'rate_limited' } });
  });

  it('dead letters page by cursor, filter by portal and type, replay by filter and purge', async () => {
    const { queue, failOnce } = setup(() => 0.5);
    const portals = [1, 1, 2, 1, 2];
    await queue.enqueueMany(portals.map((portalId, i) => jobInput({ portalId, type: i === 3 ? 'b' : 'a' })));
    for (const _ of portals) await failOnce(boom, false);

    const first = await queue.listDeadLetters({ portalId: 1, limit: 2 });
    const second = await queue.listDeadLetters({ portalId: 1, limit: 2, cursor: first.nextCursor });
    expect(first.items.map((j) => j.portalId)).toEqual([1, 1]);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect((await queue.listDeadLetters({ type: 'b', limit: 10 })).items).toHaveLength(1);

    expect(await queue.replay({ portalId: 2 })).toBe(2);
    expect(await queue.purgeDeadLetters({ portalId: 1, type: 'a' })).toBe(2);
    expect((await queue.stats()).byStatus).toEqual({ pending: 2, running: 0, completed: 0, dead: 1 });
  });
});
