-- API keys external systems (order system, conversation platform) use for one portal.
-- Only the SHA-256 of a key is stored; the key itself is shown once, when it is created.
CREATE TABLE portal_api_keys (
  id          INTEGER PRIMARY KEY,
  portal_id   INTEGER NOT NULL REFERENCES installations (portal_id) ON DELETE CASCADE,
  name        TEXT    NOT NULL,
  scope       TEXT    NOT NULL,
  key_hash    TEXT    NOT NULL UNIQUE CHECK (length(key_hash) = 64),
  key_prefix  TEXT    NOT NULL, -- `sbk_` + 6 characters, so a person can tell keys apart in a list
  created_at  TEXT    NOT NULL,
  revoked_at  TEXT
);

CREATE INDEX portal_api_keys_by_portal ON portal_api_keys (portal_id);
