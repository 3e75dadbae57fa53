-- Orders (src/orders). One order per HubSpot deal and portal: UNIQUE (portal_id, deal_id) is the exactly-once
-- guarantee — creation is INSERT … ON CONFLICT DO NOTHING, so duplicate and concurrent webhooks find the same row.
-- Contacts, line items, customer fields and custom fields are copies taken from HubSpot at creation (JSON).
CREATE TABLE orders (
  id               INTEGER PRIMARY KEY,
  portal_id        INTEGER NOT NULL,
  -- Per-portal sequence behind `number` (SO-000123): computed inside the INSERT, so numbers have no gaps.
  seq              INTEGER NOT NULL,
  number           TEXT    NOT NULL,
  deal_id          TEXT    NOT NULL,
  name             TEXT    NOT NULL,
  company_id       TEXT,
  customer         TEXT    NOT NULL DEFAULT '{}',
  contacts         TEXT    NOT NULL DEFAULT '[]',
  line_items       TEXT    NOT NULL DEFAULT '[]',
  custom           TEXT    NOT NULL DEFAULT '{}',
  order_date       TEXT,
  -- Decimal string as HubSpot sends numbers ("12500.5"): money is never a float here.
  value            TEXT,
  currency         TEXT,
  status           TEXT    NOT NULL,
  carrier          TEXT,
  tracking_number  TEXT,
  shipped_at       TEXT,
  completed_at     TEXT,
  source           TEXT    NOT NULL CHECK (source IN ('automatic', 'manual')),
  -- 'pending' until the deal shows the order (write-back done); a lease keeps two workers from both doing it.
  hubspot_sync     TEXT    NOT NULL CHECK (hubspot_sync IN ('pending', 'synced')),
  sync_lease_token TEXT,
  sync_lease_until INTEGER,
  created_at       TEXT    NOT NULL,
  updated_at       TEXT    NOT NULL,
  UNIQUE (portal_id, deal_id),
  UNIQUE (portal_id, seq)
);
CREATE INDEX orders_company ON orders (portal_id, company_id, id);
CREATE INDEX orders_pending_sync ON orders (portal_id, id) WHERE hubspot_sync = 'pending';
