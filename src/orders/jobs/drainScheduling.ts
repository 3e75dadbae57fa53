import type { EnqueueInput, Queue } from '../../jobs/index.ts';

/**
 * When the order batch job of a portal runs. Deals that close within one window share a job that starts when the
 * window ends, so a burst becomes batches (issue 6: ≤ 1.5 HubSpot calls per order) while a lone deal waits at most
 * one window. [M] the window length is ours; HubSpot delivers webhooks in batches of up to 100 anyway.
 */
export const CREATE_ORDERS_JOB = 'orders.createOrders';
export const DEFAULT_BATCH_WINDOW_MS = 1_000;

/**
 * Makes sure a batch job will look at the portal's waiting deals after `nowMs`. The window's job is enough while
 * it is still pending (it reads the waiting deals when it starts). Once it started it may already have looked, so
 * it gets one successor, due now; a successor that started gets its own — each job has at most one successor,
 * so a burst does not turn into a job per deal. A pending job backing off after a failure gets one too: new deals
 * should not wait out another batch's retry delay.
 */
export async function ensureBatchJob(
  queue: Pick<Queue, 'enqueue'>,
  portalId: number,
  opts: { nowMs: number; windowMs: number },
): Promise<void> {
  const window = Math.floor(opts.nowMs / opts.windowMs);
  const dueBy = (window + 1) * opts.windowMs;
  const input: EnqueueInput = {
    type: CREATE_ORDERS_JOB,
    portalId,
    payload: null,
    idempotencyKey: `${CREATE_ORDERS_JOB}:${portalId}:w${window}`,
    runAt: dueBy,
    priority: 1,
  };
  for (;;) {
    const { job, duplicate } = await queue.enqueue(input);
    if (!duplicate || (job.status === 'pending' && job.runAt <= dueBy)) return;
    input.idempotencyKey = `${CREATE_ORDERS_JOB}:${portalId}:after${job.id}`;
    input.runAt = opts.nowMs;
  }
}
