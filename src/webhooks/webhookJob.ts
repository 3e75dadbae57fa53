import { z } from 'zod';
import { type JobContext, type JobHandler, type Queue, RetryAfter } from '../jobs/index.ts';
import type { StreamRef } from './webhookEventsRepo.ts';
import type { WebhookJobPayload } from './streamJobs.ts';
import type { WebhookRouting } from './webhookRouting.ts';
import type { StoredWebhookEvent, WebhookStreamsRepo } from './webhookStreamsRepo.ts';

/** What a capability's webhook handler gets: one object's unprocessed events, creations first, then by time. */
export interface ObjectEvents extends StreamRef {
  events: StoredWebhookEvent[];
}

/**
 * A capability's reaction to an object's events. It may run again with the same events (a crash before they
 * were marked processed), so its effects need idempotency keys — as every HubSpot write here has (DESIGN).
 */
export type WebhookHandler = (batch: ObjectEvents, ctx: JobContext<WebhookJobPayload>) => unknown;

export const WebhookJobPayloadSchema = z.object({
  objectType: z.string().min(1),
  objectId: z.number().int(),
});

/** How long a job waits for another job that holds the same object's stream. [M] */
const BUSY_RETRY_MS = 1_000;

interface Deps {
  streams: WebhookStreamsRepo;
  routing: WebhookRouting;
  queue: Pick<Queue, 'get'>;
  now: () => number;
}

/**
 * The holder of a stream, unless it is still alive (pending or running), in which case we must wait for it:
 * two jobs working one deal at once could apply its stage changes out of order. A holder that completed
 * (crash after finishing), was dead-lettered or pruned is stale, and the stream is taken over.
 */
async function staleHolder(deps: Deps, stream: StreamRef, jobId: number): Promise<number | null> {
  const holder = deps.streams.holder(stream);
  if (holder === null || holder === jobId) return null;
  const other = await deps.queue.get(holder);
  if (other?.status === 'running') throw new RetryAfter(BUSY_RETRY_MS, 'object_busy');
  if (other?.status === 'pending')
    throw new RetryAfter(Math.max(BUSY_RETRY_MS, other.runAt - deps.now()), 'object_busy');
  return holder;
}

/**
 * Wraps a capability handler as the job handler for its webhook jobs: take the object's stream (one job at a
 * time per object and handler), read every event of the object it has not been through — including ones that
 * arrived after this job was enqueued — run the handler on those routed to it, then move the stream's mark
 * past them and release it in one statement. A crash before that mark means the same events again next run.
 */
export function webhookJobHandler(deps: Deps, handler: string, fn: WebhookHandler): JobHandler<WebhookJobPayload> {
  const routed = (e: StoredWebhookEvent, objectType: string) =>
    deps.routing.handlersFor(objectType, e.action, e.body.propertyName).includes(handler);
  return async (ctx) => {
    const { job, payload } = ctx;
    const stream: StreamRef = {
      portalId: job.portalId,
      objectType: payload.objectType,
      objectId: payload.objectId,
      handler,
    };
    const stale = await staleHolder(deps, stream, job.id);
    const taken = deps.streams.begin(stream, { id: job.id, stale });
    if (taken === null) throw new RetryAfter(BUSY_RETRY_MS, 'object_busy'); // another job took it meanwhile
    const events = taken.events.filter((e) => routed(e, stream.objectType));
    if (events.length > 0) await fn({ ...stream, events }, ctx);
    deps.streams.finish(stream, job.id, taken.through);
    return { events: events.length };
  };
}
