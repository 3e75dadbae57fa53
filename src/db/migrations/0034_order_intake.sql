-- Deals that reached an order-creating stage and wait for the batch job (src/orders/jobs/createOrdersJob.ts).
-- A burst of closed deals becomes a few batch calls instead of one chain of calls per deal; a row stays until
-- its deal was handled, so a crash loses nothing. `claimed_by` is the job id working on it (a rerun of the same
-- job takes its rows back; another job only once `claimed_until` has passed).
CREATE TABLE order_pending_deals (
  portal_id     INTEGER NOT NULL,
  deal_id       TEXT    NOT NULL,
  queued_at     INTEGER NOT NULL,
  claimed_by    INTEGER,
  claimed_until INTEGER,
  PRIMARY KEY (portal_id, deal_id)
) WITHOUT ROWID;

-- *Create order* clicks by requestId: HubSpot may retry a card's fetch, and the retry must get the first answer
-- (`created: true`), not "it already existed".
CREATE TABLE order_card_requests (
  portal_id  INTEGER NOT NULL,
  request_id TEXT    NOT NULL,
  deal_id    TEXT    NOT NULL,
  order_id   INTEGER NOT NULL REFERENCES orders (id),
  created    INTEGER NOT NULL CHECK (created IN (0, 1)),
  at         TEXT    NOT NULL,
  PRIMARY KEY (portal_id, request_id)
) WITHOUT ROWID;
