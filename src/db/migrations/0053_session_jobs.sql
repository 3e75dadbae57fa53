-- Phase 2 of conversation sessions (src/sessions): running syncs as jobs of the event spine.

-- One sync at a time per portal (src/sessions/portalSyncLock.ts). Contact properties are derived from every session
-- of the contact; two syncs of one portal running side by side could each read the sessions before the other's
-- links were stored and write an older value last. A lease, not a flag: a crashed holder frees it by expiring.
CREATE TABLE session_sync_locks (
  portal_id INTEGER PRIMARY KEY,
  owner     TEXT    NOT NULL,
  until     INTEGER NOT NULL
);

-- The latest sync job of each session, so `GET /api/sessions/:id` can say whether a retry is still coming.
CREATE TABLE session_sync_jobs (
  portal_id   INTEGER NOT NULL,
  session_id  TEXT    NOT NULL,
  job_id      INTEGER NOT NULL,
  revision    INTEGER NOT NULL,
  enqueued_at INTEGER NOT NULL,
  PRIMARY KEY (portal_id, session_id)
) WITHOUT ROWID;

-- The card's re-sync answers by request id: hubspot.fetch may be retried once, and the retry gets the first answer.
CREATE TABLE session_resync_requests (
  portal_id  INTEGER NOT NULL,
  request_id TEXT    NOT NULL,
  response   TEXT    NOT NULL, -- JSON SessionResyncResponse (src/contract/sessions.ts)
  created_at INTEGER NOT NULL,
  PRIMARY KEY (portal_id, request_id)
) WITHOUT ROWID;

-- Portals whose Switchboard property group and properties exist (provisioned at install, on demand, or before the
-- first sync): a sync never writes a property HubSpot does not know.
CREATE TABLE session_portal_setup (
  portal_id      INTEGER PRIMARY KEY,
  provisioned_at INTEGER NOT NULL,
  result         TEXT    NOT NULL -- JSON { created: string[], existing: string[] } per object type
);
