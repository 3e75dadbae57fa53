import type { Db } from '../db/openDatabase.ts';
import type { Queue, Worker } from '../jobs/index.ts';
import type { Logger } from '../logger.ts';
import { createFanOutLoop, type FanOutLoopOptions } from './fanOutLoop.ts';
import { createInboxFanOut } from './inboxFanOut.ts';
import { type RawWebhookEvent, toInboundEvent } from './webhookEvent.ts';
import { createWebhookEventsRepo } from './webhookEventsRepo.ts';
import { createWebhookInbox, type QueuedReport } from './webhookInbox.ts';
import { createWebhookIntake, type IntakeReport, type TransactionalEnqueue } from './webhookIntake.ts';
import { WebhookJobPayloadSchema, type WebhookHandler, webhookJobHandler } from './webhookJob.ts';
import { createWebhookRetention } from './webhookRetention.ts';
import { createWebhookRouting, type WebhookRoute } from './webhookRouting.ts';
import { createWebhookStreamsRepo } from './webhookStreamsRepo.ts';

export type { InboundEvent, RawWebhookEvent } from './webhookEvent.ts';
export { isWebhookBatch, toInboundEvent, WebhookBatchSchema } from './webhookEvent.ts';
export type { FanOutTally } from './inboxFanOut.ts';
export { type QueuedReport, webhookInboxPath } from './webhookInbox.ts';
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
  /**
   * `direct` (default): a delivery's events and jobs are stored before it is answered, and the answer says what
   * happened to them. `inbox`: it is answered once its body is in the inbox; a process running the fan-out
   * (`fanOut.start()`, next to the worker) stores it within milliseconds. For a process that only serves HTTP.
   */
  intake?: 'direct' | 'inbox';
  /** The inbox's database (webhookInboxPath): a file of its own, shared by every process of the service. */
  inboxDb: Db;
  fanOut?: FanOutLoopOptions & { sliceMs?: number };
}

/** A verified delivery: its body as received and the events it parsed to (validated). */
export interface WebhookDelivery {
  rawBody: Buffer;
  events: readonly RawWebhookEvent[];
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
  const inbox = createWebhookInbox({ db: deps.inboxDb, now: deps.now, appended: () => loop.wake() });
  const fanOut = createInboxFanOut({ ...deps, ...deps.fanOut, inbox, intake });
  const loop = createFanOutLoop(fanOut, deps.logger, deps.fanOut);
  const jobDeps = { streams: createWebhookStreamsRepo(deps.db), routing, queue: deps.queue, now: deps.now };

  return {
    /** Stores a delivery (directly or in the inbox, see `intake`); resolves once it is committed. */
    ingest(delivery: WebhookDelivery): Promise<IntakeReport | QueuedReport> {
      if (deps.intake === 'inbox') return inbox.append(delivery.rawBody.toString('utf8'), delivery.events.length);
      return intake.ingest(delivery.events.map(toInboundEvent));
    },
    /** Moves inbox deliveries into events and jobs: start it wherever the worker runs. */
    fanOut: { start: loop.start, stop: loop.stop, drain: fanOut.drain },
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
