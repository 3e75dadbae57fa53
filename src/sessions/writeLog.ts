import type { Db } from '../db/openDatabase.ts';

/**
 * The sync's record of what it wrote to HubSpot (0051_session_writes.sql). Meetings and tasks go through
 * `sending` (request about to leave) → `written` (id known), each step committed before the next HubSpot call,
 * so a crash anywhere leaves either a known id (never created twice) or a `sending` row whose outcome is found
 * by its sync key (sync/recoverLostCreates.ts).
 */
export type WriteObjectType = 'meetings' | 'tasks';
export type Link = [toType: 'contacts' | 'companies' | 'deals', id: string];

export interface WriteRecord {
  sessionId: string;
  itemKey: string;
  objectType: WriteObjectType;
  syncKey: string;
  state: 'sending' | 'written';
  hubspotId: string | null;
  propsHash: string | null;
  associations: Link[];
  sentAt: number;
}

export interface PlannedWrite {
  sessionId: string;
  itemKey: string;
  objectType: WriteObjectType;
  syncKey: string;
  propsHash: string;
  associations: Link[];
}

interface Row {
  session_id: string;
  item_key: string;
  object_type: WriteObjectType;
  sync_key: string;
  state: 'sending' | 'written';
  hubspot_id: string | null;
  props_hash: string | null;
  associations: string;
  sent_at: number;
}

const toRecord = (r: Row): WriteRecord => ({
  sessionId: r.session_id,
  itemKey: r.item_key,
  objectType: r.object_type,
  syncKey: r.sync_key,
  state: r.state,
  hubspotId: r.hubspot_id,
  propsHash: r.props_hash,
  associations: JSON.parse(r.associations) as Link[],
  sentAt: r.sent_at,
});

export function createWriteLog(db: Db) {
  const forSessions = db.prepare<[number, string], Row>(
    'SELECT * FROM session_writes WHERE portal_id = ? AND session_id IN (SELECT value FROM json_each(?))',
  );
  const sending = db.prepare(`INSERT INTO session_writes (portal_id, session_id, item_key, object_type, sync_key, state,
      props_hash, associations, sent_at, updated_at)
    VALUES (@portalId, @sessionId, @itemKey, @objectType, @syncKey, 'sending', @propsHash, @associations, @now, @now)
    ON CONFLICT DO UPDATE SET sent_at = excluded.sent_at, updated_at = excluded.updated_at WHERE state = 'sending'`);
  const written = db.prepare(`INSERT INTO session_writes (portal_id, session_id, item_key, object_type, sync_key, state,
      hubspot_id, props_hash, associations, sent_at, updated_at)
    VALUES (@portalId, @sessionId, @itemKey, @objectType, @syncKey, 'written', @hubspotId, @propsHash, @associations, @now, @now)
    ON CONFLICT DO UPDATE SET state = 'written', hubspot_id = excluded.hubspot_id, props_hash = excluded.props_hash,
      associations = excluded.associations, updated_at = excluded.updated_at`);
  const forget = db.prepare(
    "DELETE FROM session_writes WHERE portal_id = ? AND session_id = ? AND item_key = ? AND state = 'sending'",
  );
  const hashes = db.prepare<[number, string, string], { object_id: string; props_hash: string }>(
    'SELECT object_id, props_hash FROM record_writes WHERE portal_id = ? AND object_type = ? AND object_id IN (SELECT value FROM json_each(?))',
  );
  const saveHash = db.prepare(`INSERT INTO record_writes (portal_id, object_type, object_id, props_hash, written_at)
    VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET props_hash = excluded.props_hash, written_at = excluded.written_at`);

  return {
    /** Every write record of the given sessions, by session id then item key. */
    forSessions(portalId: number, sessionIds: readonly string[]): Map<string, Map<string, WriteRecord>> {
      const out = new Map<string, Map<string, WriteRecord>>();
      for (const row of forSessions.all(portalId, JSON.stringify(sessionIds))) {
        const r = toRecord(row);
        const bySession = out.get(r.sessionId) ?? new Map<string, WriteRecord>();
        bySession.set(r.itemKey, r);
        out.set(r.sessionId, bySession);
      }
      return out;
    },
    /** Marks creates as about to be sent (one transaction for a whole batch). */
    markSending(portalId: number, writes: readonly PlannedWrite[], now: number): void {
      db.transaction(() => {
        for (const w of writes) sending.run({ portalId, ...w, associations: JSON.stringify(w.associations), now });
      })();
    },
    markWritten(portalId: number, w: PlannedWrite, hubspotId: string, now: number): void {
      written.run({ portalId, ...w, associations: JSON.stringify(w.associations), hubspotId, now });
    },
    /** HubSpot certainly did not create it (it answered with an error for this input): forget the attempt. */
    forgetSending(portalId: number, sessionId: string, itemKey: string): void {
      forget.run(portalId, sessionId, itemKey);
    },
    recordHashes(portalId: number, type: 'contacts' | 'deals', ids: readonly string[]): Map<string, string> {
      const rows = ids.length === 0 ? [] : hashes.all(portalId, type, JSON.stringify([...new Set(ids)]));
      return new Map(rows.map((r) => [r.object_id, r.props_hash]));
    },
    saveRecordHash(portalId: number, type: 'contacts' | 'deals', id: string, hash: string, now: number): void {
      saveHash.run(portalId, type, id, hash, now);
    },
    transaction<T>(fn: () => T): T {
      return db.transaction(fn)();
    },
  };
}

export type WriteLog = ReturnType<typeof createWriteLog>;
