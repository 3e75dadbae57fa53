-- The matching engine's memory (src/matching). HubSpot search is eventually consistent (reference §3: new records
-- take "a few moments" to appear), so what we just created or learned is remembered here, and creation is
-- serialized per key: the first creator reserves the key (PRIMARY KEY = UNIQUE), everyone else waits for its id.
CREATE TABLE matching_keys (
  portal_id      INTEGER NOT NULL,
  object_type    TEXT    NOT NULL CHECK (object_type IN ('contact', 'company')),
  -- 'email:ann@acme.com', 'name:ann lee', 'phone:49151234567', 'domain:acme.com' (src/matching/normalize.ts)
  match_key      TEXT    NOT NULL,
  hubspot_id     TEXT,
  -- How the id was learned: 'created' by us, 'existing' (HubSpot's 409 Existing ID), 'alias' (another key of a
  -- contact we created), or NULL while a creator holds the reservation.
  source         TEXT    CHECK (source IN ('created', 'existing', 'alias')),
  reserved_by    TEXT,
  reserved_until INTEGER,
  updated_at     INTEGER NOT NULL,
  PRIMARY KEY (portal_id, object_type, match_key),
  -- A row is either a live reservation or a resolved id, never both.
  CHECK ((hubspot_id IS NULL) = (reserved_by IS NOT NULL)),
  CHECK ((hubspot_id IS NULL) = (source IS NULL))
) WITHOUT ROWID;

-- Per-portal matching rules (zod-validated JSON, src/matching/matchingRules.ts); no row = defaults.
CREATE TABLE matching_rules (
  portal_id  INTEGER PRIMARY KEY,
  rules      TEXT    NOT NULL,
  updated_at INTEGER NOT NULL
);
