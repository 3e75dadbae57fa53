-- One row per HubSpot portal that installed the app (OAuth) or was connected with a private-app token.
-- Tokens live in their own table (added with the token vault), never here.
CREATE TABLE installations (
  portal_id     INTEGER PRIMARY KEY,
  auth_kind     TEXT    NOT NULL CHECK (auth_kind IN ('oauth', 'private')),
  status        TEXT    NOT NULL CHECK (status IN ('active', 'needs_reauthorization', 'uninstalled')),
  status_reason TEXT,
  hub_domain    TEXT,
  installed_at  TEXT    NOT NULL,
  updated_at    TEXT    NOT NULL
);
