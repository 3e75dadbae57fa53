-- Conversation sessions (src/sessions). One row per (portal, session id): posting the same session again is a
-- no-op, a changed payload bumps `revision` and makes the session pending again. Times are epoch ms.
CREATE TABLE sessions (
  portal_id       INTEGER NOT NULL,
  session_id      TEXT    NOT NULL,
  payload         TEXT    NOT NULL, -- the parsed session (src/sessions/sessionSchema.ts) as JSON
  payload_hash    TEXT    NOT NULL,
  revision        INTEGER NOT NULL CHECK (revision >= 1),
  start_ms        INTEGER NOT NULL,
  status          TEXT    NOT NULL CHECK (status IN ('pending', 'synced', 'failed')),
  status_reason   TEXT,
  -- failed only: 1 when trying again later may succeed (rate limit, outage), 0 when the data must change.
  retryable       INTEGER CHECK (retryable IN (0, 1)),
  synced_revision INTEGER,
  result          TEXT, -- JSON SessionSyncResult of the last sync (ids written, why each participant matched)
  received_at     INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  synced_at       INTEGER,
  PRIMARY KEY (portal_id, session_id),
  CHECK ((status = 'failed') = (retryable IS NOT NULL))
);

CREATE INDEX sessions_pending ON sessions (portal_id, received_at) WHERE status = 'pending';

-- The HubSpot records a session is about (matched contacts, their companies, the deals its meeting is on):
-- the Sessions card lists a record's sessions newest first; contact updates read a contact's sessions.
CREATE TABLE session_records (
  portal_id   INTEGER NOT NULL,
  object_type TEXT    NOT NULL CHECK (object_type IN ('contact', 'company', 'deal')),
  object_id   TEXT    NOT NULL,
  session_id  TEXT    NOT NULL,
  start_ms    INTEGER NOT NULL,
  PRIMARY KEY (portal_id, object_type, object_id, session_id)
) WITHOUT ROWID;

CREATE INDEX session_records_newest ON session_records (portal_id, object_type, object_id, start_ms DESC, session_id);
CREATE INDEX session_records_by_session ON session_records (portal_id, session_id);

-- Per-portal sync options (zod-validated JSON, src/sessions/syncOptions.ts); no row = defaults.
CREATE TABLE session_sync_options (
  portal_id  INTEGER PRIMARY KEY,
  options    TEXT    NOT NULL,
  updated_at INTEGER NOT NULL
);
