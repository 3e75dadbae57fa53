-- Field discovery: every property of contacts, companies and deals per portal, as HubSpot described it
-- (reference/hubspot-api.md §5). A cache: replaced as a whole per (portal, object type) on each refresh.
CREATE TABLE portal_fields (
  portal_id       INTEGER NOT NULL REFERENCES installations (portal_id) ON DELETE CASCADE,
  object_type     TEXT    NOT NULL CHECK (object_type IN ('contacts', 'companies', 'deals')),
  name            TEXT    NOT NULL,
  label           TEXT    NOT NULL,
  type            TEXT    NOT NULL,
  field_type      TEXT    NOT NULL,
  description     TEXT    NOT NULL DEFAULT '',
  group_name      TEXT,
  options         TEXT    NOT NULL DEFAULT '[]', -- JSON [{label, value, hidden, displayOrder?, description?}]
  hubspot_defined INTEGER NOT NULL CHECK (hubspot_defined IN (0, 1)),
  refreshed_at    TEXT    NOT NULL,
  PRIMARY KEY (portal_id, object_type, name)
) WITHOUT ROWID;
