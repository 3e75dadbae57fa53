import type { EnqueueInput } from '../jobs/index.ts';
import type { StreamRef, WebhookEventsRepo } from './webhookEventsRepo.ts';
import type { WebhookRouting } from './webhookRouting.ts';

export interface WebhookJobPayload {
  objectType: string;
  objectId: number;
}

const pad = (id: number) => String(id).padStart(12, '0');

/**
 * The job to enqueue for a stream that just got new events (the first of them has id `firstNewId`), or undefined
 * when a job is already waiting for it. A job waits exactly when an older event of the stream is unread — no job
 * has begun since it arrived, so the job enqueued for it is still to come and will read the new events too.
 * Nothing about the stream is written on the request path.
 *
 * The key is `webhook:<first unread event id>:<handler>:<object>`. Event ids only grow (AUTOINCREMENT), so a key
 * is never reused, and keys sort by arrival: the jobs' UNIQUE index grows at its right edge instead of dirtying a
 * random page per job (bench/webhooks.ts).
 *
 * A job dead-lettered before it began (it never read its stream) keeps the stream's events waiting until an
 * operator replays it; then it reads all of them, in order. [M: no automatic second job behind a dead letter]
 */
export function jobForNewEvents(
  repo: WebhookEventsRepo,
  routing: WebhookRouting,
  s: StreamRef,
  firstNewId: number,
): EnqueueInput | undefined {
  const routed = (e: { action: string; property_name: string | null }) =>
    routing.handlersFor(s.objectType, e.action, e.property_name ?? undefined).includes(s.handler);
  // A stream created just now starts at the new events: nothing older can be unread.
  const created = repo.ensureStream(s, firstNewId);
  if (!created && repo.firstUnreadBefore(s, firstNewId, routed)) return undefined;
  return {
    type: s.handler,
    portalId: s.portalId,
    objectKey: `${s.objectType}:${s.objectId}`,
    idempotencyKey: `webhook:${pad(firstNewId)}:${s.handler}:${s.objectType}:${s.objectId}`,
    payload: { objectType: s.objectType, objectId: s.objectId } satisfies WebhookJobPayload,
  };
}
