-- The WhatsApp side of the MessagingCrm port on HubSpot (src/messaging/hubspot).

-- Portals whose "Switchboard WhatsApp" property group and properties exist (provisioned at install, or before the
-- first write): messaging never writes a contact property HubSpot does not know.
CREATE TABLE whatsapp_crm_setup (
  portal_id      INTEGER PRIMARY KEY,
  provisioned_at INTEGER NOT NULL,
  result         TEXT    NOT NULL -- JSON { created: string[], existing: string[] } per object type
);

-- Tickets created for inbound WhatsApp messages, by the effect's idempotency key. The row is written ('creating')
-- before the create request leaves, and gets the ticket id ('created') when HubSpot answers: a retried job finds the
-- ticket here, or — when the answer was lost — in HubSpot by the key stored on the ticket, and never creates a second.
CREATE TABLE whatsapp_crm_tickets (
  portal_id       INTEGER NOT NULL,
  idempotency_key TEXT    NOT NULL,
  contact_id      TEXT    NOT NULL,
  state           TEXT    NOT NULL CHECK (state IN ('creating', 'created')),
  ticket_id       TEXT,
  sent_at         INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  PRIMARY KEY (portal_id, idempotency_key)
) WITHOUT ROWID;

CREATE INDEX whatsapp_crm_tickets_contact ON whatsapp_crm_tickets (portal_id, contact_id);
