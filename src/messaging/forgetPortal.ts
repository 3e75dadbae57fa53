import type { Db } from '../db/openDatabase.ts';

/**
 * Disconnect (forget registry in src/connections/forgetPortal.ts): everything WhatsApp stored for a portal —
 * account, numbers, sealed secrets, templates, conversation, consent and opt-outs, campaigns — in one
 * transaction. Returns the number of rows deleted.
 */
export function createWhatsAppPortalForget(db: Db) {
  const statements = [
    `DELETE FROM whatsapp_message_statuses WHERE provider_message_id IN (
      SELECT provider_message_id FROM whatsapp_messages WHERE portal_id = @portalId AND provider_message_id IS NOT NULL)`,
    'DELETE FROM whatsapp_messages WHERE portal_id = @portalId',
    'DELETE FROM whatsapp_enrollments WHERE portal_id = @portalId',
    'DELETE FROM whatsapp_campaigns WHERE portal_id = @portalId',
    'DELETE FROM whatsapp_contacts WHERE portal_id = @portalId',
    'DELETE FROM whatsapp_templates WHERE portal_id = @portalId',
    'DELETE FROM whatsapp_secrets WHERE portal_id = @portalId',
    'DELETE FROM whatsapp_phone_numbers WHERE portal_id = @portalId',
    'DELETE FROM whatsapp_accounts WHERE portal_id = @portalId',
  ].map((sql) => db.prepare(sql));
  return db.transaction((portalId: number): number =>
    statements.reduce((n, stmt) => n + stmt.run({ portalId }).changes, 0),
  );
}
