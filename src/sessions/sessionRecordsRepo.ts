import type { SessionRecordType } from '@switchboard/contract';
import type { Db } from '../db/openDatabase.ts';
import type { Session } from './sessionSchema.ts';

/**
 * Which HubSpot records each session is about (0050_sessions.sql `session_records`): written when a sync has
 * matched them, read by the Sessions card (a record's sessions, newest first) and by contact updates (a contact's
 * latest conversation and engagement score).
 */
export interface RecordRef {
  type: SessionRecordType;
  id: string;
}

export interface RecordSession {
  objectId: string;
  session: Session;
  startMs: number;
}

/** Cursor for "older than": `<startMs>:<sessionId>`. */
const cursorOf = (startMs: number, sessionId: string) => `${startMs}:${sessionId}`;

function parseCursor(cursor: string | undefined): { startMs: number; sessionId: string } {
  const m = cursor ? /^(\d+):(.+)$/.exec(cursor) : null;
  return m ? { startMs: Number(m[1]), sessionId: m[2]! } : { startMs: Number.MAX_SAFE_INTEGER, sessionId: '' };
}

export function createSessionRecordsRepo(db: Db) {
  const link = db.prepare(`INSERT INTO session_records (portal_id, object_type, object_id, session_id, start_ms)
    VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET start_ms = excluded.start_ms`);
  const forRecords = db.prepare<[number, string, string], { object_id: string; payload: string; start_ms: number }>(
    `SELECT r.object_id, s.payload, r.start_ms FROM session_records r
       JOIN sessions s ON s.portal_id = r.portal_id AND s.session_id = r.session_id
     WHERE r.portal_id = ? AND r.object_type = ? AND r.object_id IN (SELECT value FROM json_each(?))
     ORDER BY r.start_ms DESC, r.session_id DESC`,
  );
  const page = db.prepare<
    [number, string, string, number, number, string, number],
    { session_id: string; start_ms: number }
  >(
    `SELECT session_id, start_ms FROM session_records
     WHERE portal_id = ? AND object_type = ? AND object_id = ?
       AND (start_ms < ? OR (start_ms = ? AND session_id < ?))
     ORDER BY start_ms DESC, session_id DESC LIMIT ?`,
  );

  return {
    /** Links a session to records (idempotent). */
    link(portalId: number, sessionId: string, startMs: number, records: readonly RecordRef[]): void {
      db.transaction(() => {
        for (const r of records) link.run(portalId, r.type, r.id, sessionId, startMs);
      })();
    },
    /** Every session linked to any of `ids`, newest first. */
    sessionsOf(portalId: number, type: SessionRecordType, ids: readonly string[]): RecordSession[] {
      if (ids.length === 0) return [];
      return forRecords.all(portalId, type, JSON.stringify([...new Set(ids)])).map((r) => ({
        objectId: r.object_id,
        session: JSON.parse(r.payload) as Session,
        startMs: r.start_ms,
      }));
    },
    /** One page of a record's session ids, newest first, and the cursor of the next page. */
    page(portalId: number, ref: RecordRef, limit: number, cursor?: string) {
      const c = parseCursor(cursor);
      const rows = page.all(portalId, ref.type, ref.id, c.startMs, c.startMs, c.sessionId, limit + 1);
      const shown = rows.slice(0, limit);
      const last = shown[shown.length - 1];
      const nextCursor = rows.length > limit && last ? cursorOf(last.start_ms, last.session_id) : null;
      return { sessionIds: shown.map((r) => r.session_id), nextCursor };
    },
  };
}

export type SessionRecordsRepo = ReturnType<typeof createSessionRecordsRepo>;
