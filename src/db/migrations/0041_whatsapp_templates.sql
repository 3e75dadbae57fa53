-- Message templates per portal, synced from the provider or registered by hand. Approved per name *and*
-- language (reference/whatsapp.md §3), hence the key. variable_mapping: JSON parsed by
-- src/mapping/templateVariables.ts; a sync never touches it.
CREATE TABLE whatsapp_templates (
  portal_id            INTEGER NOT NULL REFERENCES installations (portal_id) ON DELETE CASCADE,
  name                 TEXT    NOT NULL,
  language             TEXT    NOT NULL,
  category             TEXT    NOT NULL CHECK (category IN ('MARKETING', 'UTILITY', 'AUTHENTICATION')),
  -- Meta's review states, plus DELETED (ours): the template no longer comes back from a sync.
  status               TEXT    NOT NULL
    CHECK (status IN ('APPROVED', 'PENDING', 'REJECTED', 'PAUSED', 'DISABLED', 'DELETED')),
  body_text            TEXT    NOT NULL,
  parameter_count      INTEGER NOT NULL CHECK (parameter_count >= 0),
  header               TEXT    NOT NULL DEFAULT 'none' CHECK (header IN ('none', 'text', 'text_variables', 'media')),
  quick_replies        TEXT    NOT NULL DEFAULT '[]',
  source               TEXT    NOT NULL CHECK (source IN ('synced', 'manual')),
  provider_template_id TEXT,
  variable_mapping     TEXT    NOT NULL DEFAULT '[]',
  updated_at           INTEGER NOT NULL,
  PRIMARY KEY (portal_id, name, language)
) WITHOUT ROWID;
