-- OAuth access/refresh tokens and private-app tokens, sealed by the token vault (AES-256-GCM):
-- `ciphertext` is `v1.<keyId>.<iv>.<tag>.<data>`, bound to `portal:<id>:<kind>` as associated data.
-- `key_id` repeats the id inside the ciphertext so key rotation can find rows still under an old key.
CREATE TABLE connection_tokens (
  portal_id  INTEGER NOT NULL REFERENCES installations (portal_id) ON DELETE CASCADE,
  kind       TEXT    NOT NULL CHECK (kind IN ('access', 'refresh', 'private_app')),
  ciphertext TEXT    NOT NULL,
  key_id     TEXT    NOT NULL,
  expires_at TEXT,
  updated_at TEXT    NOT NULL,
  PRIMARY KEY (portal_id, kind)
);

CREATE INDEX connection_tokens_by_key ON connection_tokens (key_id);
