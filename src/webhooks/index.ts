import type { Db } from '../db/openDatabase.ts';
import type { Queue, Worker } from '../jobs/index.ts';
import type { Logger } from '../logger.ts';
import { createWebhookEventsRepo } from './webhookEventsRepo.ts';
import { createWebhookIntake, type TransactionalEnqueue } from './webhookIntake.ts';
import { WebhookJobPayloadSchema, type WebhookHandler, webhookJobHandler } from './webhookJob.ts';
import { createWebhookRetention } from './webhookRetention.ts';
import { createWebhookRouting, type WebhookRoute } from './webhookRouting.ts';
import { createWebhookStreamsRepo } from './webhookStreamsRepo.ts';

export type { InboundEvent, RawWebhookEvent } from './webhookEvent.ts';
export { toInboundEvent, WebhookBatchSchema } from './webhookEvent.ts';
export type { StoredWebhookEvent } from './webhookStreamsRepo.ts';
export type { WebhookJobPayload } from './streamJobs.ts';
export type { IntakeReport } from './webhookIntake.ts';
export type { ObjectEvents, WebhookHandler } from './webhookJob.ts';
export { WEBHOOK_EVENT_RETENTION_MS } from './webhookRetention.ts';
export type { WebhookRoute } from './webhookRouting.ts';

export interface WebhookSpineDeps {
  db: Db;
  queue: TransactionalEnqueue & Pick<Queue, 'get'>;
  worker: Pick<Worker, 'registerHandler'>;
  portalInstalled(portalId: number): boolean;
  isForgotten(portalId: number, objectType: string, objectId: number): boolean;
  logger: Logger;
  now: () => number;
}

/**
 * The HubSpot webhook side of the event spine: intake (store + enqueue, on the request path) and the
 * subscriptions capabilities make at start-up (route + job handler), over one set of tables.
 */
export function createWebhookSpine(deps: WebhookSpineDeps) {
  const routing = createWebhookRouting();
  const repo = createWebhookEventsRepo(deps.db);
  const retention = createWebhookRetention(deps.db);
  const intake = createWebhookIntake({ ...deps, repo, routing });
  const jobDeps = { streams: createWebhookStreamsRepo(deps.db), routing, queue: deps.queue, now: deps.now };

  return {
    ingest: intake.ingest,
    /**
     * Sends events matching any of `routes` to `fn`, one job per object (job type = `handler`, e.g.
     * `orders.dealStageChanged`). Call at start-up, before the server accepts webhooks.
     */
    subscribe(routes: readonly WebhookRoute[], handler: string, fn: WebhookHandler): void {
      deps.worker.registerHandler(handler, webhookJobHandler(jobDeps, handler, fn), {
        payload: WebhookJobPayloadSchema,
      });
      for (const route of routes) routing.add(route, handler);
    },
    forgetObject: retention.forgetObject,
    forgetPortal: retention.forgetPortal,
    prune: retention.prune,
  };
}

export type WebhookSpine = ReturnType<typeof createWebhookSpine>;
