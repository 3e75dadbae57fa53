-- HubSpot webhook intake (src/webhooks). Times are epoch milliseconds.
-- One row per distinct event. HubSpot retries a delivery up to 10 times over 24 h and says eventId alone is not
-- unique (hubspot-platform.md §4.2, hubspot-api.md §10.2), so the dedupe key is the whole tuple below;
-- objectId is included as a cheap guard against eventId reuse across objects [U: key choice].
CREATE TABLE webhook_events (
  -- AUTOINCREMENT: ids only grow and are never reused, even after the newest rows are deleted. Streams mark
  -- progress with them, and job keys are made of them.
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  portal_id       INTEGER NOT NULL,
  subscription_id INTEGER NOT NULL,
  event_id        INTEGER NOT NULL,
  occurred_at     INTEGER NOT NULL,
  object_id       INTEGER NOT NULL,
  -- Normalised: `deal` for both deal.propertyChange and object.propertyChange with objectTypeId 0-3.
  object_type     TEXT    NOT NULL,
  -- creation | deletion | propertyChange | merge | restore | associationChange | privacyDeletion | …
  action          TEXT    NOT NULL,
  -- propertyChange only: with action, what routing needs, without parsing the body.
  property_name   TEXT,
  -- The event as HubSpot sent it, minus attemptNumber (it differs between retries of the same event).
  body            TEXT    NOT NULL,
  received_at     INTEGER NOT NULL,
  UNIQUE (portal_id, subscription_id, event_id, occurred_at, object_id)
);
-- No index on received_at: ids grow with arrival, so pruning walks the table in id order (webhookRetention.ts)
-- and the hot insert path keeps one index fewer.
CREATE INDEX webhook_events_object ON webhook_events (portal_id, object_type, object_id, id);

-- One stream per (object, handler): the events of one deal for one handler are processed in order, by one job
-- at a time. Written only by jobs (when they begin and finish), never on the webhook request path.
-- processed_through: the id of the last event the handler has been through. begun_through: the last id a job has
-- read; a later event of the object is unread, and a job to read it is waiting (webhookIntake.ts).
-- running_job: the job processing the stream now (or that died doing so).
CREATE TABLE webhook_streams (
  portal_id         INTEGER NOT NULL,
  object_type       TEXT    NOT NULL,
  object_id         INTEGER NOT NULL,
  handler           TEXT    NOT NULL,
  processed_through INTEGER NOT NULL,
  begun_through     INTEGER NOT NULL,
  running_job       INTEGER,
  PRIMARY KEY (portal_id, object_type, object_id, handler)
) WITHOUT ROWID;
