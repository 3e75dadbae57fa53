-- Contacts forgotten after a GDPR delete (contact.privacyDeletion). Only the ids remain, so a late webhook
-- retry about the contact (HubSpot retries for 24 h) is dropped instead of storing its data again.
CREATE TABLE privacy_forgotten_contacts (
  portal_id    INTEGER NOT NULL,
  contact_id   INTEGER NOT NULL,
  forgotten_at INTEGER NOT NULL,
  PRIMARY KEY (portal_id, contact_id)
) WITHOUT ROWID;
