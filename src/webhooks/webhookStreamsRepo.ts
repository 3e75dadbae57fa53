import type { Db } from '../db/openDatabase.ts';
import type { StreamRef } from './webhookEventsRepo.ts';

/** A stored event as its handler sees it. */
export interface StoredWebhookEvent {
  rowId: number;
  action: string;
  occurredAt: number;
  /** Everything HubSpot sent (minus attemptNumber): propertyName, propertyValue, changeSource, merge ids… */
  body: Record<string, unknown> & { subscriptionId: number; eventId: number; objectId: number; propertyName?: string };
}

interface EventRow {
  id: number;
  action: string;
  occurred_at: number;
  body: string;
}

const STREAM = 'portal_id = @portalId AND object_type = @objectType AND object_id = @objectId AND handler = @handler';

/** The job side of webhook_streams: one job at a time per stream, and how far the handler has got. */
export function createWebhookStreamsRepo(db: Db) {
  const holder = db
    .prepare<StreamRef, number | null>(`SELECT running_job FROM webhook_streams WHERE ${STREAM}`)
    .pluck();
  // Compare-and-swap: free, already ours (a rerun), or held by a job known to be gone. Upsert, so a stream row
  // pruned or never written (a replayed job) cannot leave its job waiting forever.
  const take = db.prepare(`INSERT INTO webhook_streams
      (portal_id, object_type, object_id, handler, processed_through, begun_through, running_job)
      VALUES (@portalId, @objectType, @objectId, @handler, 0, 0, @jobId)
      ON CONFLICT (portal_id, object_type, object_id, handler) DO UPDATE SET running_job = @jobId
      WHERE running_job IS NULL OR running_job = @jobId OR running_job = @stale
      RETURNING processed_through`);
  // From here on, later events of the object are unread: the intake enqueues a new job for them.
  const markBegun = db.prepare(`UPDATE webhook_streams SET begun_through = max(begun_through, @through)
      WHERE ${STREAM}`);
  // Creations first (a propertyChange can carry an earlier occurredAt than the creation it follows), then time.
  const after = db.prepare<[number, string, number, number], EventRow>(`SELECT id, action, occurred_at, body
      FROM webhook_events WHERE portal_id = ? AND object_type = ? AND object_id = ? AND id > ?
      ORDER BY (action <> 'creation'), occurred_at, id`);
  const advance = db.prepare(`UPDATE webhook_streams SET running_job = NULL,
      processed_through = max(processed_through, @through) WHERE ${STREAM} AND running_job = @jobId`);

  /**
   * Takes the stream for a job and reads the object's events it has not been through (the caller keeps those
   * routed to its handler); null when another live job holds the stream. `through` is the last id read.
   */
  const begin = db.transaction((s: StreamRef, job: { id: number; stale: number | null }) => {
    const taken = take.get({ ...s, jobId: job.id, stale: job.stale }) as { processed_through: number } | undefined;
    if (!taken) return null;
    const rows = after.all(s.portalId, s.objectType, s.objectId, taken.processed_through);
    const through = rows.reduce((max, r) => Math.max(max, r.id), taken.processed_through);
    markBegun.run({ ...s, through });
    const events = rows.map(
      (r): StoredWebhookEvent => ({
        rowId: r.id,
        action: r.action,
        occurredAt: r.occurred_at,
        body: JSON.parse(r.body),
      }),
    );
    return { events, through };
  });

  return {
    /** The job processing the stream right now (or that died doing so), if any. */
    holder: (s: StreamRef): number | null => holder.get(s) ?? null,
    begin: (s: StreamRef, job: { id: number; stale: number | null }) => begin.immediate(s, job),
    /** The handler has been through every event up to `through`; the next job may take the stream. */
    finish(s: StreamRef, jobId: number, through: number): void {
      advance.run({ ...s, jobId, through });
    },
  };
}

export type WebhookStreamsRepo = ReturnType<typeof createWebhookStreamsRepo>;
