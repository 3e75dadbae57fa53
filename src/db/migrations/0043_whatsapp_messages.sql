-- The conversation store: every outbound and inbound WhatsApp message. Times are epoch ms.
CREATE TABLE whatsapp_messages (
  id                  INTEGER PRIMARY KEY,
  portal_id           INTEGER NOT NULL REFERENCES installations (portal_id) ON DELETE CASCADE,
  direction           TEXT    NOT NULL CHECK (direction IN ('outbound', 'inbound')),
  phone               TEXT    NOT NULL,
  phone_number_id     TEXT    NOT NULL,
  contact_id          TEXT,
  -- NULL until the provider accepted an outbound message; the same wamid never makes two rows.
  provider_message_id TEXT    UNIQUE,
  -- Outbound only: one send per key (workflow callbackId, card request, campaign enrollment step).
  idempotency_key     TEXT    UNIQUE,
  kind                TEXT    NOT NULL,
  template_name       TEXT,
  template_language   TEXT,
  template_category   TEXT,
  body                TEXT,
  payload             TEXT,
  reply_to            TEXT,
  status              TEXT    NOT NULL
    CHECK (status IN ('pending', 'accepted', 'sent', 'delivered', 'read', 'failed', 'received')),
  failure_code        TEXT,
  failure_reason      TEXT,
  failure_message     TEXT,
  campaign_id         INTEGER,
  enrollment_id       INTEGER,
  created_at          INTEGER NOT NULL,
  accepted_at         INTEGER,
  sent_at             INTEGER,
  delivered_at        INTEGER,
  read_at             INTEGER,
  failed_at           INTEGER,
  updated_at          INTEGER NOT NULL,
  CHECK ((direction = 'inbound') = (status = 'received'))
);
CREATE INDEX whatsapp_messages_by_phone ON whatsapp_messages (portal_id, phone, created_at);
CREATE INDEX whatsapp_messages_by_contact ON whatsapp_messages (portal_id, contact_id, created_at)
  WHERE contact_id IS NOT NULL;
CREATE INDEX whatsapp_messages_by_template ON whatsapp_messages (portal_id, template_name, created_at)
  WHERE template_name IS NOT NULL;
CREATE INDEX whatsapp_messages_by_campaign ON whatsapp_messages (campaign_id) WHERE campaign_id IS NOT NULL;

-- Every status webhook once per (wamid, status): Meta delivers at least once and out of order
-- (reference/whatsapp.md §3). No foreign key on purpose: a status may arrive before the send's row has
-- its wamid, and is applied when it does.
CREATE TABLE whatsapp_message_statuses (
  provider_message_id TEXT    NOT NULL,
  status              TEXT    NOT NULL CHECK (status IN ('sent', 'delivered', 'read', 'failed')),
  occurred_at         INTEGER NOT NULL,
  received_at         INTEGER NOT NULL,
  error_code          TEXT,
  PRIMARY KEY (provider_message_id, status)
);
