import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { injectFault } from '../../sandbox/hubspot/controlPlane.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openDatabase } from '../../src/db/openDatabase.ts';
import { SqliteQueue, Worker } from '../../src/jobs/index.ts';
import { createOrdersHandler } from '../../src/orders/jobs/createOrdersJob.ts';
import {
  CREATE_ORDERS_JOB,
  ensureBatchJob,
  POST_TIMELINE_JOB,
  registerOrderJobs,
  sweep,
} from '../../src/orders/jobs/index.ts';
import type { TimelineOccurrence } from '../../src/timeline/postTimelineEvent.ts';
import { type OrdersWorld, startOrdersWorld } from './support/ordersWorld.ts';

let w: OrdersWorld;
let queue: SqliteQueue;
let worker: Worker;
let posted: TimelineOccurrence[];

beforeEach(async () => {
  w = await startOrdersWorld();
  const jobsDb = openDatabase(':memory:');
  migrate(jobsDb);
  queue = new SqliteQueue(jobsDb, { backoff: { baseMs: 5, capMs: 10 } });
  worker = new Worker({ queue, pollIntervalMs: 5 });
  posted = [];
  const timeline = {
    post: async (o: TimelineOccurrence) => {
      posted.push(o);
      return { channel: 'app_event' as const };
    },
  };
  registerOrderJobs({ orders: w.deps, timeline, webhooks: { subscribe: () => undefined }, worker, queue });
});
afterEach(async () => w?.close());

/** What the webhook job does for each closed deal: queue it and make sure a batch job will come. */
async function dealsClosed(dealIds: string[]) {
  for (const id of dealIds) w.deps.pending.add(w.portalId, id, Date.now());
  await ensureBatchJob(queue, w.portalId, { nowMs: Date.now(), windowMs: 1 });
}

/** Runs the worker until `done()` holds (delayed retries included). */
async function runUntil(done: () => boolean) {
  for (let i = 0; i < 200 && !done(); i++) {
    await worker.runUntilIdle();
    await new Promise((r) => setTimeout(r, 5));
  }
  await worker.runUntilIdle();
}

const ordersCount = () => (w.db.prepare('SELECT COUNT(*) AS n FROM orders').get() as { n: number }).n;

describe('the order jobs', () => {
  it('a burst of closed deals is handled in batches: one order each, batch calls, one timeline job per order', async () => {
    const deals = Array.from({ length: 30 }, () => w.crm.fullDeal().dealId);
    const since = w.state.now();
    await dealsClosed(deals);
    await runUntil(() => posted.length === 30);
    expect(ordersCount()).toBe(30);
    expect(new Set(posted.map((p) => p.occurrenceId)).size).toBe(30);
    // 1 deals read + 3 associations + 3 records + 1 update (+ pipelines, cold cache): far below one call per order.
    expect(w.apiCalls(since).length).toBeLessThanOrEqual(10);
    expect(w.deps.pending.portalsWaiting(Date.now() + 3_600_000)).toEqual([]);
  });

  it('when HubSpot fails while the order is created, the spine retries the deal and one order exists', async () => {
    const { dealId } = w.crm.fullDeal();
    injectFault(w.state, w.portalId, { kind: '500', count: 1 });
    await dealsClosed([dealId]);
    await runUntil(() => posted.length === 1);
    expect(ordersCount()).toBe(1);
    const runs = await queue.runs.recent({ limit: 50 });
    expect(runs.map((r) => `${r.type}:${r.outcome}`)).toEqual(
      expect.arrayContaining([
        `${CREATE_ORDERS_JOB}:completed`,
        'orders.createOrder:completed',
        `${POST_TIMELINE_JOB}:completed`,
      ]),
    );
  });

  it('a deal queued twice and two batch jobs running at once on two workers still make one order', async () => {
    const { dealId } = w.crm.fullDeal();
    w.deps.pending.add(w.portalId, dealId, Date.now());
    w.deps.pending.add(w.portalId, dealId, Date.now());
    const jobs = ['a', 'b'].map((k) => ({
      type: CREATE_ORDERS_JOB,
      portalId: w.portalId,
      idempotencyKey: k,
      payload: null,
    }));
    await queue.enqueueMany(jobs);
    const batchWorker = () =>
      new Worker({ queue, concurrency: 1 }).registerHandler(
        CREATE_ORDERS_JOB,
        createOrdersHandler({ orders: w.deps, queue }),
      );
    await Promise.all([batchWorker().runUntilIdle(), batchWorker().runUntilIdle()]);
    await runUntil(() => posted.length >= 1);
    expect(ordersCount()).toBe(1);
    expect(posted).toHaveLength(1);
  });

  it('a deal left waiting with no batch job scheduled (a crash between the two steps) is picked up by the sweep', async () => {
    const { dealId } = w.crm.fullDeal();
    w.deps.pending.add(w.portalId, dealId, Date.now());
    await worker.runUntilIdle();
    expect(ordersCount()).toBe(0);
    await sweep(w.deps, queue, { periodMs: 60_000, batchWindowMs: 1 });
    await runUntil(() => posted.length === 1);
    expect(ordersCount()).toBe(1);
  });
});
