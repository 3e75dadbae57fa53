import type { Db } from '../../db/openDatabase.ts';

/** All SQL about WhatsApp tickets by idempotency key (0045 `whatsapp_crm_tickets`). Times are epoch ms. */
export type TicketRecord =
  | { state: 'creating'; contactId: string; sentAt: number }
  | { state: 'created'; contactId: string; ticketId: string };

interface Row {
  contact_id: string;
  state: 'creating' | 'created';
  ticket_id: string | null;
  sent_at: number;
}

export function createTicketsRepo(db: Db) {
  const find = db.prepare<[number, string], Row>(
    'SELECT contact_id, state, ticket_id, sent_at FROM whatsapp_crm_tickets WHERE portal_id = ? AND idempotency_key = ?',
  );
  const insert = db.prepare(`INSERT INTO whatsapp_crm_tickets
      (portal_id, idempotency_key, contact_id, state, sent_at, updated_at)
    VALUES (@portalId, @key, @contactId, 'creating', @now, @now) ON CONFLICT DO NOTHING`);
  // Compare-and-swap on sent_at: of two attempts retrying the same lost create, only one sends again.
  const resend = db.prepare(`UPDATE whatsapp_crm_tickets SET sent_at = @now, updated_at = @now
    WHERE portal_id = @portalId AND idempotency_key = @key AND state = 'creating' AND sent_at = @sentAt`);
  const created = db.prepare(`UPDATE whatsapp_crm_tickets SET state = 'created', ticket_id = @ticketId,
      updated_at = @now WHERE portal_id = @portalId AND idempotency_key = @key`);
  const forget = db.prepare(
    "DELETE FROM whatsapp_crm_tickets WHERE portal_id = ? AND idempotency_key = ? AND state = 'creating'",
  );

  return {
    find(portalId: number, key: string): TicketRecord | undefined {
      const row = find.get(portalId, key);
      if (!row) return undefined;
      return row.state === 'created' && row.ticket_id !== null
        ? { state: 'created', contactId: row.contact_id, ticketId: row.ticket_id }
        : { state: 'creating', contactId: row.contact_id, sentAt: row.sent_at };
    },
    /** Records the intent to create; false when a record for the key already exists. */
    claim(portalId: number, key: string, contactId: string, now: number): boolean {
      return insert.run({ portalId, key, contactId, now }).changes === 1;
    },
    /** Takes over an unanswered create found missing in HubSpot; false when another attempt took it first. */
    reclaim(portalId: number, key: string, sentAt: number, now: number): boolean {
      return resend.run({ portalId, key, sentAt, now }).changes === 1;
    },
    markCreated(portalId: number, key: string, ticketId: string, now: number): void {
      created.run({ portalId, key, ticketId, now });
    },
    /** HubSpot answered that it did not create the ticket: the next attempt may create it. */
    forgetIntent(portalId: number, key: string): void {
      forget.run(portalId, key);
    },
    forgetPortal: (portalId: number): number =>
      db.prepare('DELETE FROM whatsapp_crm_tickets WHERE portal_id = ?').run(portalId).changes,
    forgetContact: (portalId: number, contactId: string): number =>
      db.prepare('DELETE FROM whatsapp_crm_tickets WHERE portal_id = ? AND contact_id = ?').run(portalId, contactId)
        .changes,
  };
}

export type TicketsRepo = ReturnType<typeof createTicketsRepo>;
