-- WhatsApp per portal (issue 7): the business account, its phone numbers, how the portal wants messaging to
-- behave (settings: JSON parsed by src/messaging/whatsappSettings.ts) and its sealed secrets.
CREATE TABLE whatsapp_accounts (
  portal_id           INTEGER PRIMARY KEY REFERENCES installations (portal_id) ON DELETE CASCADE,
  provider            TEXT    NOT NULL DEFAULT 'meta' CHECK (provider IN ('meta')),
  business_account_id TEXT    NOT NULL,
  settings            TEXT    NOT NULL,
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL
);

-- Meta's phone number ids are global, so a webhook's metadata.phone_number_id finds exactly one portal.
CREATE TABLE whatsapp_phone_numbers (
  phone_number_id       TEXT    PRIMARY KEY,
  portal_id             INTEGER NOT NULL REFERENCES whatsapp_accounts (portal_id) ON DELETE CASCADE,
  display_number        TEXT    NOT NULL,
  label                 TEXT,
  is_default            INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
  -- reference/whatsapp.md §3: 80 msg/s per number by default, 1,000 after the upgrade, 20 for coexistence.
  throughput_per_second INTEGER NOT NULL DEFAULT 80 CHECK (throughput_per_second > 0)
);
CREATE INDEX whatsapp_phone_numbers_by_portal ON whatsapp_phone_numbers (portal_id);
CREATE UNIQUE INDEX whatsapp_phone_numbers_one_default ON whatsapp_phone_numbers (portal_id) WHERE is_default = 1;

-- Access token, app secret and verify token, sealed by the token vault with purpose portal:<id>:whatsapp_<kind>.
-- key_id repeats the id inside the ciphertext so key rotation finds rows still under an old key.
CREATE TABLE whatsapp_secrets (
  portal_id  INTEGER NOT NULL REFERENCES whatsapp_accounts (portal_id) ON DELETE CASCADE,
  kind       TEXT    NOT NULL CHECK (kind IN ('token', 'app_secret', 'verify_token')),
  ciphertext TEXT    NOT NULL,
  key_id     TEXT    NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (portal_id, kind)
);
CREATE INDEX whatsapp_secrets_by_key ON whatsapp_secrets (key_id);
