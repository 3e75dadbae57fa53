-- What a connection is, beyond its status: how it was made and what HubSpot granted.
-- connection_name: the operator's label for a private-app connection ("Production HubSpot").
-- scopes: JSON array of granted scopes, learned from introspection / token info, never typed in.
-- tier: private apps only, read from X-HubSpot-RateLimit-Max on validation (100 / 190 / 250 per 10 s).
-- installed_by / hubspot_user_id: the installing user (personal data: cleared when the portal is forgotten).
ALTER TABLE installations ADD COLUMN connection_name TEXT;
ALTER TABLE installations ADD COLUMN scopes TEXT NOT NULL DEFAULT '[]';
ALTER TABLE installations ADD COLUMN tier TEXT
  CHECK (tier IN ('free_or_starter', 'professional_or_enterprise', 'api_limit_increase'));
ALTER TABLE installations ADD COLUMN installed_by TEXT;
ALTER TABLE installations ADD COLUMN hubspot_user_id INTEGER;
ALTER TABLE installations ADD COLUMN app_id INTEGER;

-- OAuth `state` nonces: a state is accepted once (used_at set by compare-and-swap) and only before expires_at.
CREATE TABLE oauth_states (
  nonce      TEXT    PRIMARY KEY,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER
) WITHOUT ROWID;

CREATE INDEX oauth_states_by_expiry ON oauth_states (expires_at);
