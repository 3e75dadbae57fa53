-- The durable job queue (src/jobs). Times are epoch milliseconds from the injected clock, so ordering,
-- leases and backoff are plain integer comparisons.
CREATE TABLE jobs (
  id                 INTEGER PRIMARY KEY,
  type               TEXT    NOT NULL,
  portal_id          INTEGER NOT NULL,
  object_key         TEXT,
  -- A second enqueue with the same key returns this row instead of adding work: webhooks arrive twice.
  idempotency_key    TEXT    NOT NULL UNIQUE,
  payload            TEXT    NOT NULL,
  status             TEXT    NOT NULL CHECK (status IN ('pending', 'running', 'completed', 'dead')),
  priority           INTEGER NOT NULL DEFAULT 0,
  run_at             INTEGER NOT NULL,
  attempts           INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts       INTEGER NOT NULL CHECK (max_attempts >= 1),
  -- Retry-after reschedules (429s, shutdown releases): counted apart because they do not use up an attempt.
  deferrals          INTEGER NOT NULL DEFAULT 0,
  lease_owner        TEXT,
  lease_token        TEXT,
  lease_expires_at   INTEGER,
  claimed_at         INTEGER,
  last_error_code    TEXT,
  last_error_message TEXT,
  result             TEXT,
  replays            INTEGER NOT NULL DEFAULT 0,
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL,
  finished_at        INTEGER,
  -- Exactly the running jobs hold a lease; the compare-and-swap on lease_token relies on it.
  CHECK ((status = 'running') = (lease_token IS NOT NULL))
);

-- Claim order: higher priority first, then earlier run_at, then insertion order.
CREATE INDEX jobs_ready ON jobs (priority DESC, run_at, id) WHERE status = 'pending';
CREATE INDEX jobs_leases ON jobs (lease_expires_at) WHERE status = 'running';
CREATE INDEX jobs_finished ON jobs (finished_at) WHERE status = 'completed';
CREATE INDEX jobs_dead ON jobs (id) WHERE status = 'dead';

-- A paused portal's jobs stay pending (e.g. while it needs re-authorization): their work waits, it is not lost.
CREATE TABLE job_portal_pauses (
  portal_id INTEGER PRIMARY KEY,
  reason    TEXT    NOT NULL,
  paused_at INTEGER NOT NULL
);

-- The integration log: one row per finished run (and per replay). No foreign key to jobs on purpose:
-- completed jobs are pruned and dead letters purged, but their history stays for the audit period.
CREATE TABLE job_runs (
  id             INTEGER PRIMARY KEY,
  job_id         INTEGER NOT NULL,
  portal_id      INTEGER NOT NULL,
  type           TEXT    NOT NULL,
  object_key     TEXT,
  outcome        TEXT    NOT NULL CHECK (outcome IN ('completed', 'retrying', 'dead', 'failed', 'replayed')),
  attempt        INTEGER NOT NULL,
  duration_ms    INTEGER,
  reason_code    TEXT,
  reason_message TEXT,
  at             INTEGER NOT NULL
);
CREATE INDEX job_runs_portal ON job_runs (portal_id, id);
CREATE INDEX job_runs_at ON job_runs (at);
CREATE INDEX job_runs_job ON job_runs (job_id);
