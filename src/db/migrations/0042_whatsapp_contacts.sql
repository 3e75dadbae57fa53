-- What we know about one WhatsApp user of a portal, keyed by E.164 phone (the WhatsApp identity):
-- consent per category, opt-out, and the last inbound message, which opens the 24-hour window
-- (reference/whatsapp.md §3). contact_id links the HubSpot contact once matched.
CREATE TABLE whatsapp_contacts (
  portal_id                INTEGER NOT NULL REFERENCES installations (portal_id) ON DELETE CASCADE,
  phone                    TEXT    NOT NULL CHECK (phone GLOB '+[1-9]*'),
  contact_id               TEXT,
  marketing_consent        TEXT    NOT NULL DEFAULT 'unknown' CHECK (marketing_consent IN ('granted', 'revoked', 'unknown')),
  marketing_consent_at     INTEGER,
  marketing_consent_source TEXT,
  utility_consent          TEXT    NOT NULL DEFAULT 'unknown' CHECK (utility_consent IN ('granted', 'revoked', 'unknown')),
  utility_consent_at       INTEGER,
  utility_consent_source   TEXT,
  opt_out_scope            TEXT    CHECK (opt_out_scope IN ('all', 'marketing')),
  opted_out_at             INTEGER,
  opt_out_source           TEXT,
  last_inbound_at          INTEGER,
  last_inbound_number_id   TEXT,
  profile_name             TEXT,
  updated_at               INTEGER NOT NULL,
  PRIMARY KEY (portal_id, phone),
  CHECK ((opt_out_scope IS NULL) = (opted_out_at IS NULL))
) WITHOUT ROWID;
CREATE INDEX whatsapp_contacts_by_contact ON whatsapp_contacts (portal_id, contact_id) WHERE contact_id IS NOT NULL;
