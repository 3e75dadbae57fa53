import { z } from 'zod';
import { AppError, isAppError } from '../../errors.ts';
import type { EnqueueInput, JobContext, JobHandler, Queue } from '../../jobs/index.ts';
import { createOrderFromDeal } from '../createOrderFromDeal.ts';
import { type BurstOutcome, createOrdersForDeals } from '../createOrdersForDeals.ts';
import type { OrdersDeps } from '../ordersDeps.ts';
import { createdEffectsOf, timelineJobs } from './timelineJob.ts';

/**
 * The order batch job (one portal): takes the deals waiting in `order_pending_deals` — up to one HubSpot batch at a
 * time — and creates their orders: a lone deal on the lone path (≤ 6 calls), several on the burst path (batch reads
 * and one batch update). A deal that fails gets its own `orders.createOrder` job, so it is retried through the spine
 * and, when it keeps failing, lands in the dead-letter list and the integration log with its reason — one bad deal
 * never holds up the batch. A failure of the whole batch (HubSpot down) fails this job, which the spine retries.
 */
export const CREATE_ORDER_JOB = 'orders.createOrder';
export const CreateOrderPayload = z.object({ dealId: z.string().regex(/^\d+$/) });
export type CreateOrderPayload = z.infer<typeof CreateOrderPayload>;

/** HubSpot's batch size (reference §1: 100 inputs per batch call). */
const BATCH_LIMIT = 100;
/** A claim outlives a slow batch under the rate limit; a crashed job's rerun takes its own rows back at once. */
const CLAIM_MS = 10 * 60_000;

export interface CreateOrdersJobDeps {
  orders: OrdersDeps;
  queue: Pick<Queue, 'enqueueMany'>;
}

async function loneOutcome(deps: OrdersDeps, portalId: number, dealId: string): Promise<BurstOutcome> {
  try {
    const r = await createOrderFromDeal(deps, { portalId, dealId, source: 'automatic' });
    return r.status === 'skipped' ? { dealId, ...r } : { dealId, status: r.status, order: r.order };
  } catch (err) {
    // Only the deal id matters here: the deal's own job runs it again and reports its reason.
    const error = isAppError(err) ? err : new AppError('internal', (err as Error).message ?? String(err));
    return { dealId, status: 'failed', error };
  }
}

/** The follow-up jobs of a batch: timeline posts for orders the deals show, single-deal retries for failures. */
function followUps(deps: OrdersDeps, portalId: number, jobId: number, outcomes: BurstOutcome[]): EnqueueInput[] {
  const orders = outcomes.flatMap((o) => ('order' in o ? [deps.store.byId(portalId, o.order.id)] : []));
  const retries = outcomes
    .filter((o) => o.status === 'failed')
    .map((o) => ({
      type: CREATE_ORDER_JOB,
      portalId,
      objectKey: `deal:${o.dealId}`,
      idempotencyKey: `${CREATE_ORDER_JOB}:${portalId}:${o.dealId}:after${jobId}`,
      payload: { dealId: o.dealId } satisfies CreateOrderPayload,
    }));
  return [...timelineJobs(createdEffectsOf(orders)), ...retries];
}

/** Handles one claimed batch; returns what happened, by status. */
async function handleBatch(d: CreateOrdersJobDeps, ctx: JobContext, dealIds: string[]) {
  const { portalId, id: jobId } = ctx.job;
  const outcomes =
    dealIds.length === 1
      ? [await loneOutcome(d.orders, portalId, dealIds[0]!)]
      : (await createOrdersForDeals(d.orders, { portalId, dealIds, source: 'automatic' })).outcomes;
  const jobs = followUps(d.orders, portalId, jobId, outcomes);
  if (jobs.length > 0) await d.queue.enqueueMany(jobs);
  // Removed only now: a crash before this point reruns the job, which takes these rows back.
  d.orders.pending.remove(portalId, jobId, dealIds);
  return outcomes;
}

export function createOrdersHandler(d: CreateOrdersJobDeps): JobHandler {
  return async (ctx) => {
    const counts: Record<string, number> = {};
    for (;;) {
      const claimOpts = { nowMs: d.orders.now(), leaseMs: CLAIM_MS, limit: BATCH_LIMIT };
      const dealIds = d.orders.pending.claim(ctx.job.portalId, ctx.job.id, claimOpts);
      if (dealIds.length === 0) return counts;
      for (const o of await handleBatch(d, ctx, dealIds)) counts[o.status] = (counts[o.status] ?? 0) + 1;
      await ctx.heartbeat();
    }
  };
}

/** One deal, retried by the spine: a failure here is the deal's own, with its reason, in the integration log. */
export function createOrderHandler(d: CreateOrdersJobDeps): JobHandler<CreateOrderPayload> {
  return async ({ job, payload }) => {
    const result = await createOrderFromDeal(d.orders, {
      portalId: job.portalId,
      dealId: payload.dealId,
      source: 'automatic',
    });
    if (result.status === 'skipped') return { status: 'skipped', reason: result.reason };
    const effects = createdEffectsOf([d.orders.store.byId(job.portalId, result.order.id)]);
    if (effects.length > 0) await d.queue.enqueueMany(timelineJobs(effects));
    return { status: result.status, orderId: result.order.id, number: result.order.number };
  };
}
