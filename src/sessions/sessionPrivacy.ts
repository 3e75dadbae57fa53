import type { Db } from '../db/openDatabase.ts';
import type { Session } from './sessionSchema.ts';
import type { SessionSyncResult } from './syncResult.ts';

/**
 * What sessions store about people, forgotten on request (registered with src/privacy's forgetContact and the
 * connections' forget registry in server/composeSessions.ts). All synchronous SQL, so a contact's cleanup joins the
 * one transaction of a GDPR delete.
 *
 * A contact: their participant entries are removed from every session they were in (matched by the sync's result,
 * or by an email the matching engine learned for them), their matching keys, links and write hashes are deleted.
 * A session left without any other matched contact is deleted whole: its summary is about that person. The stored
 * payload hash is kept, so the platform posting the same session again is still "unchanged" and does not bring the
 * person back [M: a changed session posted later is synced like any other].
 */
const PORTAL_TABLES = [
  'sessions',
  'session_records',
  'session_sync_options',
  'session_writes',
  'record_writes',
  'session_sync_locks',
  'session_sync_jobs',
  'session_resync_requests',
  'session_portal_setup',
  'matching_keys',
  'matching_rules',
];

interface Row {
  session_id: string;
  payload: string;
  result: string | null;
}

export function createSessionPrivacy(db: Db) {
  const keysOf = db.prepare<[number, string], { match_key: string }>(
    "SELECT match_key FROM matching_keys WHERE portal_id = ? AND object_type = 'contact' AND hubspot_id = ?",
  );
  const involved = db.prepare<[number, string, string], Row>(`SELECT session_id, payload, result FROM sessions s
    WHERE s.portal_id = ? AND (session_id IN (SELECT session_id FROM session_records
        WHERE portal_id = s.portal_id AND object_type = 'contact' AND object_id = ?)
      OR EXISTS (SELECT 1 FROM json_each(s.payload, '$.participants') p
        WHERE json_extract(p.value, '$.email') IN (SELECT value FROM json_each(?))))`);
  const otherContacts = db
    .prepare<[number, string, string], number>(`SELECT COUNT(*) FROM session_records
      WHERE portal_id = ? AND session_id = ? AND object_type = 'contact' AND object_id <> ?`)
    .pluck();
  const scrub = db.prepare('UPDATE sessions SET payload = ?, result = ? WHERE portal_id = ? AND session_id = ?');
  const bySession = ['sessions', 'session_records', 'session_writes', 'session_sync_jobs'].map((t) =>
    db.prepare(`DELETE FROM ${t} WHERE portal_id = ? AND session_id = ?`),
  );
  const unlink = db.prepare(
    "DELETE FROM session_records WHERE portal_id = ? AND object_type = 'contact' AND object_id = ?",
  );
  const dropKeys = db.prepare(
    "DELETE FROM matching_keys WHERE portal_id = ? AND object_type = 'contact' AND hubspot_id = ?",
  );
  const dropHash = db.prepare(
    "DELETE FROM record_writes WHERE portal_id = ? AND object_type = 'contacts' AND object_id = ?",
  );

  /** Removes the contact's participants from one session, or the session itself; rows touched. */
  function forgetIn(portalId: number, row: Row, contactId: string, emails: Set<string>): number {
    if (otherContacts.get(portalId, row.session_id, contactId) === 0) {
      return bySession.reduce((n, stmt) => n + stmt.run(portalId, row.session_id).changes, 0);
    }
    const session = JSON.parse(row.payload) as Session;
    const result = row.result === null ? null : (JSON.parse(row.result) as SessionSyncResult);
    const theirs = (i: number) =>
      result?.participants[i]?.contact.id === contactId || emails.has(session.participants[i]?.email ?? '');
    const keep = session.participants.map((_, i) => !theirs(i));
    session.participants = session.participants.filter((_, i) => keep[i]);
    if (result) {
      result.participants = result.participants.filter((_, i) => keep[i]);
      result.contactIds = result.contactIds.filter((id) => id !== contactId);
      result.timelineEvents = result.timelineEvents.filter((e) => e.objectId !== contactId);
    }
    const json = result === null ? null : JSON.stringify(result);
    return scrub.run(JSON.stringify(session), json, portalId, row.session_id).changes;
  }

  return {
    /** forgetContact cleanup: rows touched. */
    forgetContact(portalId: number, contactIdNumber: number): number {
      const contactId = String(contactIdNumber);
      const keys = keysOf.all(portalId, contactId).map((k) => k.match_key);
      const emails = new Set(keys.filter((k) => k.startsWith('email:')).map((k) => k.slice('email:'.length)));
      const rows = involved.all(portalId, contactId, JSON.stringify([...emails]));
      let touched = rows.reduce((n, row) => n + forgetIn(portalId, row, contactId, emails), 0);
      touched += unlink.run(portalId, contactId).changes;
      touched += dropKeys.run(portalId, contactId).changes;
      touched += dropHash.run(portalId, contactId).changes;
      return touched;
    },
    /** Forget-registry cleanup on disconnect: everything sessions and matching stored for the portal. */
    forgetPortal(portalId: number): number {
      return db.transaction(() =>
        PORTAL_TABLES.reduce((n, t) => n + db.prepare(`DELETE FROM ${t} WHERE portal_id = ?`).run(portalId).changes, 0),
      )();
    },
  };
}
