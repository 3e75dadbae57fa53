-- Disagreements between a deal and its order on a mapped field, with the policy applied. Automatic policies
-- (HubSpot wins / Switchboard wins) are stored resolved; `manual` ones stay open until someone resolves them.
CREATE TABLE order_conflicts (
  id                INTEGER PRIMARY KEY,
  portal_id         INTEGER NOT NULL,
  order_id          INTEGER NOT NULL REFERENCES orders (id),
  deal_id           TEXT    NOT NULL,
  field             TEXT    NOT NULL,
  property          TEXT    NOT NULL,
  hubspot_value     TEXT,
  switchboard_value TEXT,
  policy            TEXT    NOT NULL CHECK (policy IN ('hubspot', 'switchboard', 'manual')),
  status            TEXT    NOT NULL CHECK (status IN ('open', 'resolved')),
  resolution        TEXT    CHECK (resolution IN ('hubspot', 'switchboard', 'value', 'agreement')),
  resolved_value    TEXT,
  resolved_by       TEXT,
  detected_at       TEXT    NOT NULL,
  resolved_at       TEXT,
  CHECK ((status = 'open') = (resolution IS NULL))
);
-- At most one open conflict per order and field: a repeated webhook updates it instead of piling up.
CREATE UNIQUE INDEX order_conflicts_open ON order_conflicts (order_id, field) WHERE status = 'open';
CREATE INDEX order_conflicts_portal ON order_conflicts (portal_id, status, id);
