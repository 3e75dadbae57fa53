import type { Db } from '../db/openDatabase.ts';

export type TimelineChannel = 'pending_note' | 'app_event' | 'note';

export interface TimelinePost {
  channel: TimelineChannel;
  noteId: string | null;
}

interface PostKey {
  portalId: number;
  eventUid: string;
  occurrenceId: string;
}

/** All SQL about posted timeline occurrences and each portal's app-event availability. */
export function createTimelineRepo(db: Db) {
  const findPost = db.prepare<[number, string, string], { channel: TimelineChannel; note_id: string | null }>(
    'SELECT channel, note_id FROM timeline_posts WHERE portal_id = ? AND event_uid = ? AND occurrence_id = ?',
  );
  const savePost = db.prepare(`
    INSERT INTO timeline_posts (portal_id, event_uid, occurrence_id, object_id, channel, note_id, updated_at)
    VALUES (@portalId, @eventUid, @occurrenceId, @objectId, @channel, @noteId, @now)
    ON CONFLICT (portal_id, event_uid, occurrence_id) DO UPDATE SET
      channel = excluded.channel, note_id = excluded.note_id, updated_at = excluded.updated_at`);
  const findMode = db.prepare<[number], { app_events: 'available' | 'unavailable'; checked_at: number }>(
    'SELECT app_events, checked_at FROM timeline_portal_modes WHERE portal_id = ?',
  );
  const saveMode = db.prepare(`
    INSERT INTO timeline_portal_modes (portal_id, app_events, reason, checked_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (portal_id) DO UPDATE SET app_events = excluded.app_events, reason = excluded.reason,
      checked_at = excluded.checked_at`);
  const forgetPortal = db.transaction((portalId: number): number => {
    const posts = db.prepare('DELETE FROM timeline_posts WHERE portal_id = ?').run(portalId).changes;
    db.prepare('DELETE FROM timeline_portal_modes WHERE portal_id = ?').run(portalId);
    return posts;
  });

  return {
    find(key: PostKey): TimelinePost | undefined {
      const row = findPost.get(key.portalId, key.eventUid, key.occurrenceId);
      return row ? { channel: row.channel, noteId: row.note_id } : undefined;
    },
    save(key: PostKey & { objectId: string; channel: TimelineChannel; noteId?: string }, now: number): void {
      savePost.run({ ...key, noteId: key.noteId ?? null, now });
    },
    appEventsMode(portalId: number): { available: boolean; checkedAt: number } | undefined {
      const row = findMode.get(portalId);
      return row ? { available: row.app_events === 'available', checkedAt: row.checked_at } : undefined;
    },
    setAppEventsMode(portalId: number, available: boolean, reason: string | null, now: number): void {
      saveMode.run(portalId, available ? 'available' : 'unavailable', reason, now);
    },
    /** Removes the portal's posts and mode; returns how many posts were removed. */
    forgetPortal(portalId: number): number {
      return forgetPortal(portalId);
    },
  };
}

export type TimelineRepo = ReturnType<typeof createTimelineRepo>;
