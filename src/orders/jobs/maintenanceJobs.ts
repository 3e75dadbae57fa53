import { createHash } from 'node:crypto';
import type { JobHandler, Queue } from '../../jobs/index.ts';
import type { OrdersDeps } from '../ordersDeps.ts';
import { provisionOrderProperties } from '../properties.ts';
import { syncPendingOrders } from '../syncPendingOrders.ts';
import { ensureBatchJob } from './drainScheduling.ts';
import { enqueueEffects } from './timelineJob.ts';

/**
 * The orders capability's housekeeping jobs: provisioning the Switchboard deal properties (at install, on a new
 * private-app token, when the lifecycle changes — idempotent at HubSpot, so running it again is harmless) and the
 * periodic sweep that finishes deal write-backs whose worker died and batch jobs nobody scheduled.
 */
export const PROVISION_JOB = 'orders.provisionProperties';
export const SYNC_PENDING_JOB = 'orders.syncPending';

/** Provisions now in the background; `why` (install, lifecycle:<hash>) keeps distinct reasons apart in the log. */
export async function enqueueProvisioning(queue: Pick<Queue, 'enqueue'>, portalId: number, why: string, nowMs: number) {
  await queue.enqueue({
    type: PROVISION_JOB,
    portalId,
    idempotencyKey: `${PROVISION_JOB}:${portalId}:${why}:${nowMs}`,
    payload: { why },
    priority: 2,
  });
}

/** A short fingerprint of the lifecycle's statuses: the status property's options follow them. */
export const lifecycleKey = (statuses: readonly string[]) =>
  createHash('sha256').update(statuses.join(',')).digest('hex').slice(0, 12);

export function provisionHandler(orders: OrdersDeps): JobHandler {
  return ({ job }) =>
    provisionOrderProperties(orders.hubspot, job.portalId, orders.settings.get(job.portalId).lifecycle);
}

export function syncPendingHandler(orders: OrdersDeps, queue: Pick<Queue, 'enqueueMany'>): JobHandler {
  return async ({ job }) => {
    const result = await syncPendingOrders(orders, job.portalId);
    await enqueueEffects(queue, result.effects);
    return { synced: result.synced.length, failed: result.failed };
  };
}

/**
 * One sweep over every portal: a sync job (one per portal and sweep period) where write-backs are pending with no
 * live lease, a batch job where deals wait unclaimed (their webhook job died between the two steps, or a claim
 * expired).
 */
export async function sweep(
  orders: OrdersDeps,
  queue: Pick<Queue, 'enqueue'>,
  o: { periodMs: number; batchWindowMs: number },
): Promise<void> {
  const nowMs = orders.now();
  const period = Math.floor(nowMs / o.periodMs);
  for (const portalId of orders.store.portalsPendingSync(nowMs)) {
    const idempotencyKey = `${SYNC_PENDING_JOB}:${portalId}:p${period}`;
    await queue.enqueue({ type: SYNC_PENDING_JOB, portalId, idempotencyKey, payload: null });
  }
  for (const portalId of orders.pending.portalsWaiting(nowMs)) {
    await ensureBatchJob(queue, portalId, { nowMs, windowMs: o.batchWindowMs });
  }
}
