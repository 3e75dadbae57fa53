-- Custom workflow action executions (src/workflowActions), one per HubSpot callbackId. HubSpot retries an
-- execution on 5xx/429/timeouts (hubspot-platform.md §5.2 [M]), so the callbackId is the idempotency key:
-- a retry gets the first answer back and nothing runs twice.
CREATE TABLE workflow_action_executions (
  callback_id        TEXT    PRIMARY KEY,
  portal_id          INTEGER NOT NULL,
  action             TEXT    NOT NULL,
  object_type        TEXT    NOT NULL,
  object_id          INTEGER NOT NULL,
  -- object + inputFields as HubSpot sent them (may hold a phone number: scrubbed when the contact is forgotten).
  request            TEXT    NOT NULL,
  -- executing: an executor is deciding (claimed_at tells how long); answered: SUCCESS/FAIL_CONTINUE sent;
  -- blocked: BLOCK sent, a job completes the callback; completed: the callback was completed at HubSpot.
  state              TEXT    NOT NULL CHECK (state IN ('executing', 'answered', 'blocked', 'completed')),
  answer             TEXT,
  -- Final outputFields of a blocked execution, saved before the completion is sent so a rerun sends the same.
  output_fields      TEXT,
  claimed_at         INTEGER NOT NULL,
  answered_at        INTEGER,
  -- Set before each completion request: from then on HubSpot may already hold the completion.
  completion_sent_at INTEGER,
  completed_at       INTEGER,
  completion_note    TEXT
);
CREATE INDEX workflow_action_executions_object ON workflow_action_executions (portal_id, object_type, object_id);
