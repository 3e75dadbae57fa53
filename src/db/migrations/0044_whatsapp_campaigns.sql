-- Campaigns: a sequence of steps (JSON parsed by src/messaging/campaigns/definition.ts) and one enrollment
-- per contact, advanced by the engine's tick. Times are epoch ms.
CREATE TABLE whatsapp_campaigns (
  id         INTEGER PRIMARY KEY,
  portal_id  INTEGER NOT NULL REFERENCES installations (portal_id) ON DELETE CASCADE,
  name       TEXT    NOT NULL,
  definition TEXT    NOT NULL,
  status     TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'archived')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (portal_id, name)
);

CREATE TABLE whatsapp_enrollments (
  id             INTEGER PRIMARY KEY,
  campaign_id    INTEGER NOT NULL REFERENCES whatsapp_campaigns (id) ON DELETE CASCADE,
  portal_id      INTEGER NOT NULL,
  contact_id     TEXT    NOT NULL,
  status         TEXT    NOT NULL CHECK (status IN ('active', 'completed', 'stopped')),
  step_id        TEXT,
  -- When the current wait step ends (NULL: not waiting).
  wait_until     INTEGER,
  next_run_at    INTEGER,
  stop_reason    TEXT,
  enrolled_at    INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  -- Bumped on every advance: the compare-and-swap that keeps two ticks from advancing one enrollment twice.
  version        INTEGER NOT NULL DEFAULT 0,
  UNIQUE (campaign_id, contact_id),
  CHECK ((status = 'active') = (next_run_at IS NOT NULL))
);
CREATE INDEX whatsapp_enrollments_due ON whatsapp_enrollments (next_run_at) WHERE status = 'active';
CREATE INDEX whatsapp_enrollments_by_contact ON whatsapp_enrollments (portal_id, contact_id);
