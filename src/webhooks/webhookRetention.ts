import type { Db } from '../db/openDatabase.ts';

const CHUNK = 1_000;

/**
 * How long processed events are kept: past HubSpot's retry horizon (10 retries over 24 hours, hubspot-platform.md
 * §4.2), so a late redelivery still meets its dedupe key and changes nothing. [M: 3 days, a margin over 24 h]
 */
export const WEBHOOK_EVENT_RETENTION_MS = 3 * 24 * 60 * 60_000;

/** Deleting stored webhook events: a forgotten object's, and old processed ones. */
export function createWebhookRetention(db: Db) {
  const forget = db.prepare<[number, string, number]>(
    'DELETE FROM webhook_events WHERE portal_id = ? AND object_type = ? AND object_id = ?',
  );
  // Ids grow with arrival (AUTOINCREMENT): the first id received at or after the cutoff bounds the old rows.
  const firstKept = db
    .prepare<[number], number>('SELECT id FROM webhook_events WHERE received_at >= ? ORDER BY id LIMIT 1')
    .pluck();
  // Events a handler of their object has not been through yet stay, however old (a paused portal's backlog).
  const pruneEvents = db.prepare<[number]>(`DELETE FROM webhook_events WHERE id IN (
      SELECT e.id FROM webhook_events e WHERE e.id < ? AND NOT EXISTS (
        SELECT 1 FROM webhook_streams s WHERE s.portal_id = e.portal_id AND s.object_type = e.object_type
          AND s.object_id = e.object_id AND s.processed_through < e.id)
      LIMIT ${CHUNK})`);
  const forgetPortalEvents = db.prepare<[number]>('DELETE FROM webhook_events WHERE portal_id = ?');
  const forgetPortalStreams = db.prepare<[number]>('DELETE FROM webhook_streams WHERE portal_id = ?');
  const pruneStreams = db.prepare(
    'DELETE FROM webhook_streams WHERE running_job IS NULL AND NOT EXISTS (' +
      'SELECT 1 FROM webhook_events e WHERE e.portal_id = webhook_streams.portal_id ' +
      'AND e.object_type = webhook_streams.object_type AND e.object_id = webhook_streams.object_id)',
  );

  return {
    /** Deletes every stored event about one object. Returns how many. */
    forgetObject(portalId: number, objectType: string, objectId: number): number {
      return forget.run(portalId, objectType, objectId).changes;
    },
    /** Disconnect: every stored event of the portal (they may hold emails and phone numbers). */
    forgetPortal(portalId: number): number {
      const events = forgetPortalEvents.run(portalId).changes;
      forgetPortalStreams.run(portalId);
      return events;
    },
    /** Deletes processed events received before `before`, in chunks so the write lock is held briefly. */
    prune(before: number): { events: number; streams: number } {
      const bound = firstKept.get(before) ?? Number.MAX_SAFE_INTEGER;
      let events = 0;
      for (;;) {
        const n = pruneEvents.run(bound).changes;
        events += n;
        if (n < CHUNK) break;
      }
      return { events, streams: pruneStreams.run().changes };
    },
  };
}

export type WebhookRetention = ReturnType<typeof createWebhookRetention>;
