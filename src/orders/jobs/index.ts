import type { Queue, Worker } from '../../jobs/index.ts';
import type { Timeline } from '../../timeline/postTimelineEvent.ts';
import type { WebhookSpine } from '../../webhooks/index.ts';
import type { OrdersDeps } from '../ordersDeps.ts';
import { CREATE_ORDER_JOB, CreateOrderPayload, createOrderHandler, createOrdersHandler } from './createOrdersJob.ts';
import { DEAL_CHANGED_HANDLER, DEAL_CHANGED_ROUTES, dealChangedHandler } from './dealChangedJob.ts';
import { CREATE_ORDERS_JOB, DEFAULT_BATCH_WINDOW_MS } from './drainScheduling.ts';
import { PROVISION_JOB, provisionHandler, SYNC_PENDING_JOB, syncPendingHandler } from './maintenanceJobs.ts';
import { POST_TIMELINE_JOB, postTimelineHandler, TimelineJobPayload } from './timelineJob.ts';

/**
 * The orders capability on the event spine: its webhook subscription and every job type it runs. Called once by
 * the composition root before the worker starts.
 */
export { CREATE_ORDER_JOB } from './createOrdersJob.ts';
export { DEAL_CHANGED_HANDLER } from './dealChangedJob.ts';
export { CREATE_ORDERS_JOB, DEFAULT_BATCH_WINDOW_MS, ensureBatchJob } from './drainScheduling.ts';
export { enqueueProvisioning, lifecycleKey, PROVISION_JOB, SYNC_PENDING_JOB, sweep } from './maintenanceJobs.ts';
export { createdEffectsOf, enqueueEffects, POST_TIMELINE_JOB } from './timelineJob.ts';

export interface OrderJobsDeps {
  orders: OrdersDeps;
  timeline: Pick<Timeline, 'post'>;
  webhooks: Pick<WebhookSpine, 'subscribe'>;
  worker: Pick<Worker, 'registerHandler'>;
  queue: Pick<Queue, 'enqueue' | 'enqueueMany'>;
  batchWindowMs?: number;
}

export function registerOrderJobs(d: OrderJobsDeps): void {
  const { orders, queue, worker } = d;
  const batchWindowMs = d.batchWindowMs ?? DEFAULT_BATCH_WINDOW_MS;
  d.webhooks.subscribe(DEAL_CHANGED_ROUTES, DEAL_CHANGED_HANDLER, dealChangedHandler({ orders, queue, batchWindowMs }));
  worker.registerHandler(CREATE_ORDERS_JOB, createOrdersHandler({ orders, queue }));
  worker.registerHandler(CREATE_ORDER_JOB, createOrderHandler({ orders, queue }), { payload: CreateOrderPayload });
  worker.registerHandler(POST_TIMELINE_JOB, postTimelineHandler(d.timeline), { payload: TimelineJobPayload });
  worker.registerHandler(PROVISION_JOB, provisionHandler(orders));
  worker.registerHandler(SYNC_PENDING_JOB, syncPendingHandler(orders, queue));
}
