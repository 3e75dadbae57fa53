-- HubSpot API calls counted per portal, UTC day, feature, endpoint template and status: the numbers
-- behind the health views' "API budget". Counters, not a log: one row per combination, bumped by UPSERT.
CREATE TABLE hubspot_api_usage (
  portal_id INTEGER NOT NULL,
  day       TEXT    NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  feature   TEXT    NOT NULL,
  endpoint  TEXT    NOT NULL, -- e.g. 'POST /crm/v3/objects/{type}/batch/create'
  status    INTEGER NOT NULL, -- HTTP status; 0 when no response arrived
  count     INTEGER NOT NULL CHECK (count > 0),
  PRIMARY KEY (portal_id, day, feature, endpoint, status)
) WITHOUT ROWID;

-- The operator dashboard reads every portal for a range of days.
CREATE INDEX hubspot_api_usage_by_day ON hubspot_api_usage (day, portal_id);
