import type { Db } from '../db/openDatabase.ts';
import type { InboundEvent } from './webhookEvent.ts';

/** The events of one object for one handler: the unit a webhook job works on. */
export interface StreamRef {
  portalId: number;
  objectType: string;
  objectId: number;
  handler: string;
}

/** An event no job has read yet, with what routing needs. */
export interface UnreadEvent {
  id: number;
  action: string;
  property_name: string | null;
}

type UnreadArgs = [number, string, number, number, string, number, string, number];

/** The intake's SQL: storing events, creating streams, finding what no job has read yet. */
export function createWebhookEventsRepo(db: Db) {
  const insertEvent = db
    .prepare<unknown[], number>(`INSERT INTO webhook_events (portal_id, subscription_id, event_id, occurred_at,
      object_id, object_type, action, property_name, body, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT DO NOTHING RETURNING id`)
    .pluck();
  // A stream starts just before its first event: what the object had before is not the handler's to see.
  // On an existing stream this only reads, so a known object costs the request path no stream write.
  const ensureStream = db.prepare<[number, string, number, string, number, number]>(`INSERT INTO webhook_streams
      (portal_id, object_type, object_id, handler, processed_through, begun_through) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (portal_id, object_type, object_id, handler) DO NOTHING`);
  // The object's events after the last id a job of this handler has read, and before `beforeId`.
  const unread = db.prepare<UnreadArgs, UnreadEvent>(`
      SELECT id, action, property_name FROM webhook_events
      WHERE portal_id = ? AND object_type = ? AND object_id = ? AND id > (SELECT begun_through
        FROM webhook_streams WHERE portal_id = ? AND object_type = ? AND object_id = ? AND handler = ?)
        AND id < ?
      ORDER BY id`);

  return {
    /** Stores one event; its row id, or undefined when the dedupe key is known (a redelivery). */
    insertEvent(e: InboundEvent, now: number): number | undefined {
      const args = [e.portalId, e.subscriptionId, e.eventId, e.occurredAt, e.objectId, e.objectType, e.action];
      return insertEvent.get(...args, e.propertyName ?? null, e.body, now);
    },
    /** Creates the stream of a newly seen object × handler, starting at `firstId`; false when it exists. */
    ensureStream(s: StreamRef, firstId: number): boolean {
      return ensureStream.run(s.portalId, s.objectType, s.objectId, s.handler, firstId - 1, firstId - 1).changes === 1;
    },
    /**
     * The first of the object's events before `beforeId` that no job of the stream's handler has read and `wanted`
     * accepts (events of other handlers are skipped). The usual case reads one row, without an iterator.
     */
    firstUnreadBefore(s: StreamRef, beforeId: number, wanted: (e: UnreadEvent) => boolean): UnreadEvent | undefined {
      const object = [s.portalId, s.objectType, s.objectId] as const;
      const args: UnreadArgs = [...object, ...object, s.handler, beforeId];
      const first = unread.get(...args);
      if (first === undefined || wanted(first)) return first;
      for (const e of unread.iterate(...args)) if (wanted(e)) return e;
      return undefined;
    },
  };
}

export type WebhookEventsRepo = ReturnType<typeof createWebhookEventsRepo>;
