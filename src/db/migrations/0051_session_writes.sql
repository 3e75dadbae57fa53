-- What the session sync wrote to HubSpot, recorded as it goes (src/sessions/sync). A re-run after a crash reads
-- this before creating anything: the meeting per (portal, session) and each task are created at most once.
CREATE TABLE session_writes (
  portal_id    INTEGER NOT NULL,
  session_id   TEXT    NOT NULL,
  item_key     TEXT    NOT NULL, -- 'meeting' or 'task:<hash of the action item title>'
  object_type  TEXT    NOT NULL CHECK (object_type IN ('meetings', 'tasks')),
  -- The value of the record's switchboard_sync_key property: how a create whose answer was lost is found again.
  sync_key     TEXT    NOT NULL,
  -- 'sending': the create request went out and its answer was not recorded (yet); 'written': hubspot_id is known.
  state        TEXT    NOT NULL CHECK (state IN ('sending', 'written')),
  hubspot_id   TEXT,
  props_hash   TEXT,
  associations TEXT    NOT NULL DEFAULT '[]', -- JSON [[toType, id], ...] associations written with the record
  sent_at      INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  PRIMARY KEY (portal_id, session_id, item_key),
  CHECK ((state = 'written') = (hubspot_id IS NOT NULL))
) WITHOUT ROWID;

-- The last property values we wrote to a contact or deal: an identical update is skipped (no call, no change).
CREATE TABLE record_writes (
  portal_id   INTEGER NOT NULL,
  object_type TEXT    NOT NULL CHECK (object_type IN ('contacts', 'deals')),
  object_id   TEXT    NOT NULL,
  props_hash  TEXT    NOT NULL,
  written_at  INTEGER NOT NULL,
  PRIMARY KEY (portal_id, object_type, object_id)
) WITHOUT ROWID;
