-- Per-portal order configuration. No rows = the defaults in code (orderSettings.ts, mapping/orderFields.ts).
CREATE TABLE order_settings (
  portal_id  INTEGER PRIMARY KEY,
  settings   TEXT    NOT NULL, -- JSON, parsed with the OrderSettings zod schema
  updated_at TEXT    NOT NULL
);

-- The field mapping: one row per order field. A saved mapping replaces the default as a whole.
CREATE TABLE order_field_mappings (
  portal_id       INTEGER NOT NULL,
  field           TEXT    NOT NULL,
  source          TEXT    NOT NULL CHECK (source IN ('deal', 'company')),
  property        TEXT    NOT NULL,
  kind            TEXT    NOT NULL CHECK (kind IN ('text', 'number', 'date', 'bool')),
  required        INTEGER NOT NULL CHECK (required IN (0, 1)),
  conflict_policy TEXT    NOT NULL CHECK (conflict_policy IN ('hubspot', 'switchboard', 'manual')),
  position        INTEGER NOT NULL,
  PRIMARY KEY (portal_id, field)
) WITHOUT ROWID;

-- HubSpot deal stage id → the order status a new order starts in.
CREATE TABLE order_stage_statuses (
  portal_id INTEGER NOT NULL,
  stage_id  TEXT    NOT NULL,
  status    TEXT    NOT NULL,
  PRIMARY KEY (portal_id, stage_id)
) WITHOUT ROWID;

-- Companies Switchboard matched or created for orders, by normalised domain or name. Checked before HubSpot
-- search, which sees new records only after "a few moments" (reference §3): the next order for the same
-- customer must not create the company twice.
CREATE TABLE order_company_links (
  portal_id   INTEGER NOT NULL,
  match_kind  TEXT    NOT NULL CHECK (match_kind IN ('domain', 'name')),
  match_value TEXT    NOT NULL,
  company_id  TEXT    NOT NULL,
  created     INTEGER NOT NULL CHECK (created IN (0, 1)),
  at          TEXT    NOT NULL,
  PRIMARY KEY (portal_id, match_kind, match_value)
) WITHOUT ROWID;
