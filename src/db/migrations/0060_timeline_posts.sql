-- One row per timeline occurrence we post, so a retried job never posts it twice. `channel` says how it reached the
-- record: an app event, or the note fallback (with the note id) where the portal has no app events.
CREATE TABLE timeline_posts (
  portal_id     INTEGER NOT NULL,
  event_uid     TEXT    NOT NULL,
  occurrence_id TEXT    NOT NULL,
  object_id     TEXT    NOT NULL,
  channel       TEXT    NOT NULL CHECK (channel IN ('pending_note', 'app_event', 'note')),
  note_id       TEXT,
  updated_at    INTEGER NOT NULL,
  PRIMARY KEY (portal_id, event_uid, occurrence_id)
);

-- Whether a portal accepts app events (HubSpot must approve them per app); re-checked after a while.
CREATE TABLE timeline_portal_modes (
  portal_id   INTEGER PRIMARY KEY,
  app_events  TEXT    NOT NULL CHECK (app_events IN ('available', 'unavailable')),
  reason      TEXT,
  checked_at  INTEGER NOT NULL
);
