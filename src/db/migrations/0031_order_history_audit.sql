-- Status history of each order (shown on the Orders card) and the audit trail of every change to an order:
-- who, what, when, before and after — creation, status changes, field edits, conflicts and their resolutions.
CREATE TABLE order_status_history (
  id          INTEGER PRIMARY KEY,
  order_id    INTEGER NOT NULL REFERENCES orders (id),
  from_status TEXT,
  to_status   TEXT    NOT NULL,
  actor       TEXT    NOT NULL,
  at          TEXT    NOT NULL
);
CREATE INDEX order_status_history_order ON order_status_history (order_id, id);

CREATE TABLE order_audit (
  id          INTEGER PRIMARY KEY,
  portal_id   INTEGER NOT NULL,
  order_id    INTEGER REFERENCES orders (id),
  conflict_id INTEGER,
  actor       TEXT    NOT NULL,
  action      TEXT    NOT NULL,
  field       TEXT,
  before      TEXT,   -- JSON
  after       TEXT,   -- JSON
  detail      TEXT,   -- JSON
  at          TEXT    NOT NULL
);
CREATE INDEX order_audit_order ON order_audit (portal_id, order_id, id);
