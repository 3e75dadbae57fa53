import type { SessionStatus } from '@switchboard/contract';
import type { Db } from '../db/openDatabase.ts';
import type { Session } from './sessionSchema.ts';
import { stableHash } from './stableHash.ts';
import type { SessionSyncResult } from './syncResult.ts';

/**
 * Sessions per portal (0050_sessions.sql), idempotent per (portal, session id):
 * - the same payload again → `unchanged`, nothing moves (the platform retried its POST);
 * - a changed payload → `updated`: revision + 1 and pending again. The re-sync then updates the meeting in place,
 *   adds associations for newly matched records, creates tasks only for new action items (tasks reps may have
 *   edited or completed are left alone), and recomputes contact updates. Nothing is deleted from HubSpot.
 */
export interface StoredSession {
  portalId: number;
  session: Session;
  revision: number;
  status: SessionStatus;
  statusReason: string | null;
  retryable: boolean | null;
  syncedRevision: number | null;
  result: SessionSyncResult | null;
  receivedAt: number;
  updatedAt: number;
  syncedAt: number | null;
}

interface Row {
  portal_id: number;
  payload: string;
  payload_hash: string;
  revision: number;
  status: SessionStatus;
  status_reason: string | null;
  retryable: number | null;
  synced_revision: number | null;
  result: string | null;
  received_at: number;
  updated_at: number;
  synced_at: number | null;
}

const toStored = (r: Row): StoredSession => ({
  portalId: r.portal_id,
  session: JSON.parse(r.payload) as Session,
  revision: r.revision,
  status: r.status,
  statusReason: r.status_reason,
  retryable: r.retryable === null ? null : r.retryable === 1,
  syncedRevision: r.synced_revision,
  result: r.result === null ? null : (JSON.parse(r.result) as SessionSyncResult),
  receivedAt: r.received_at,
  updatedAt: r.updated_at,
  syncedAt: r.synced_at,
});

export type IngestChange = 'created' | 'updated' | 'unchanged';

const INSERT = `INSERT INTO sessions (portal_id, session_id, payload, payload_hash, revision, start_ms, status,
    received_at, updated_at) VALUES (@portalId, @sessionId, @payload, @hash, 1, @startMs, 'pending', @now, @now)
  ON CONFLICT DO NOTHING`;
const UPDATE_PAYLOAD = `UPDATE sessions SET payload = @payload, payload_hash = @hash, revision = revision + 1,
    start_ms = @startMs, status = 'pending', status_reason = NULL, retryable = NULL, updated_at = @now
  WHERE portal_id = @portalId AND session_id = @sessionId AND payload_hash <> @hash`;

/** All SQL about the `sessions` table. */
export function createSessionStore(db: Db) {
  const one = db.prepare<[number, string], Row>('SELECT * FROM sessions WHERE portal_id = ? AND session_id = ?');
  const insert = db.prepare(INSERT);
  const updatePayload = db.prepare(UPDATE_PAYLOAD);
  const pending = db.prepare<[number, number], { session_id: string; received_at: number; updated_at: number }>(
    "SELECT session_id, received_at, updated_at FROM sessions WHERE portal_id = ? AND status = 'pending' ORDER BY received_at LIMIT ?",
  );
  const ahead = db
    .prepare<[number, number], number>(
      "SELECT COUNT(*) FROM sessions WHERE portal_id = ? AND status = 'pending' AND received_at < ?",
    )
    .pluck();
  const synced = db.prepare(`UPDATE sessions SET status = 'synced', status_reason = NULL, retryable = NULL,
      synced_revision = @revision, result = @result, synced_at = @now, updated_at = @now
    WHERE portal_id = @portalId AND session_id = @sessionId AND revision = @revision`);
  const failed = db.prepare(`UPDATE sessions SET status = 'failed', status_reason = @reason, retryable = @retryable,
      updated_at = @now WHERE portal_id = @portalId AND session_id = @sessionId AND revision = @revision`);
  const resync = db.prepare(`UPDATE sessions SET status = 'pending', status_reason = NULL, retryable = NULL,
      updated_at = @now WHERE portal_id = @portalId AND session_id = @sessionId AND status = 'failed'`);

  return {
    /** Stores a parsed session; says whether it was new, changed or a repeat. */
    ingest(portalId: number, session: Session, now: number): { change: IngestChange; stored: StoredSession } {
      const params = {
        portalId,
        sessionId: session.sessionId,
        payload: JSON.stringify(session),
        hash: stableHash(session),
        startMs: Date.parse(session.startTime),
        now,
      };
      const change = db.transaction((): IngestChange => {
        if (insert.run(params).changes === 1) return 'created';
        return updatePayload.run(params).changes === 1 ? 'updated' : 'unchanged';
      })();
      return { change, stored: toStored(one.get(portalId, session.sessionId)!) };
    },
    get(portalId: number, sessionId: string): StoredSession | undefined {
      const row = one.get(portalId, sessionId);
      return row ? toStored(row) : undefined;
    },
    /** Session ids waiting for a sync, oldest first. */
    pendingIds(portalId: number, limit = 100): string[] {
      return pending.all(portalId, limit).map((r) => r.session_id);
    },
    /**
     * Sessions waiting for a sync, oldest first, with when they were last received (`since`: first post, changed
     * payload or re-sync request; what the sync frequency counts from).
     */
    pending(portalId: number, limit = 100): { sessionId: string; receivedAt: number; since: number }[] {
      return pending
        .all(portalId, limit)
        .map((r) => ({ sessionId: r.session_id, receivedAt: r.received_at, since: r.updated_at }));
    },
    /** How many of the portal's pending sessions were received before `receivedAt` (they sync first). */
    pendingAhead(portalId: number, receivedAt: number): number {
      return ahead.get(portalId, receivedAt) ?? 0;
    },
    /** Records a successful sync of `revision`; false when a newer revision arrived meanwhile (it stays pending). */
    markSynced(portalId: number, sessionId: string, result: SessionSyncResult, now: number): boolean {
      const params = { portalId, sessionId, revision: result.revision, result: JSON.stringify(result), now };
      return synced.run(params).changes === 1;
    },
    markFailed(portalId: number, sessionId: string, revision: number, reason: string, retryable: boolean, now: number) {
      return failed.run({ portalId, sessionId, revision, reason, retryable: retryable ? 1 : 0, now }).changes === 1;
    },
    /** A failed session back to pending (the card's re-sync); false when it was not failed. */
    requestResync(portalId: number, sessionId: string, now: number): boolean {
      return resync.run({ portalId, sessionId, now }).changes === 1;
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
