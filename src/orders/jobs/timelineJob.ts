import { z } from 'zod';
import type { EnqueueInput, JobHandler, Queue } from '../../jobs/index.ts';
import type { Timeline } from '../../timeline/postTimelineEvent.ts';
import { orderCreatedEffect, type TimelineEffect } from '../effects.ts';
import type { Order } from '../types.ts';

/**
 * Each timeline effect of an order write is posted by its own durable job: a failed post is retried (and
 * dead-lettered with its reason) without redoing the order or the deal update. The job's idempotency key is the
 * occurrence, so enqueueing an effect twice is harmless — the webhook job and the card both enqueue *Order created*
 * whenever they see the order synced, which also covers a crash between the deal update and the enqueue.
 */
export const POST_TIMELINE_JOB = 'orders.postTimeline';

export const TimelineJobPayload = z.object({
  eventUid: z.string().min(1),
  objectId: z.string().min(1),
  occurrenceId: z.string().min(1),
  properties: z.record(z.string(), z.string()),
  timestamp: z.iso.datetime(),
});
export type TimelineJobPayload = z.infer<typeof TimelineJobPayload>;

/** The jobs that post these effects (one each). */
export function timelineJobs(effects: readonly TimelineEffect[]): EnqueueInput[] {
  return effects.map((e) => ({
    type: POST_TIMELINE_JOB,
    portalId: e.portalId,
    objectKey: `deal:${e.objectId}`,
    idempotencyKey: `${POST_TIMELINE_JOB}:${e.portalId}:${e.eventUid}:${e.occurrenceId}`,
    payload: {
      eventUid: e.eventUid,
      objectId: e.objectId,
      occurrenceId: e.occurrenceId,
      properties: { ...e.properties },
      timestamp: e.timestamp.toISOString(),
    } satisfies TimelineJobPayload,
  }));
}

/** *Order created* for each order the deal already shows (a pending write-back posts nothing yet). */
export const createdEffectsOf = (orders: readonly (Order | undefined)[]): TimelineEffect[] =>
  orders.flatMap((o) => (o?.hubspotSync === 'synced' ? [orderCreatedEffect(o)] : []));

/** Enqueues the effects' jobs; nothing to do for none. */
export async function enqueueEffects(queue: Pick<Queue, 'enqueueMany'>, effects: readonly TimelineEffect[]) {
  if (effects.length > 0) await queue.enqueueMany(timelineJobs(effects));
}

/** Posts one occurrence through the timeline module; the result says which channel it took (app event or note). */
export function postTimelineHandler(timeline: Pick<Timeline, 'post'>): JobHandler<TimelineJobPayload> {
  return ({ job, payload }) =>
    timeline.post({ ...payload, portalId: job.portalId, timestamp: new Date(payload.timestamp) });
}
