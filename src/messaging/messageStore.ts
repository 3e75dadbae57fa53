import type { Db } from '../db/openDatabase.ts';
import type { ProviderFailure } from '../whatsapp/classifyProviderError.ts';
import type { DeliveryStatus } from '../whatsapp/provider.ts';
import { type InboundInput, type OutboundInput, type Row, type StoredMessage, toMessage } from './messageRow.ts';
import type { MessageStatus } from './statusTransitions.ts';

export type { InboundInput, OutboundInput, StoredMessage } from './messageRow.ts';

/** All SQL about whatsapp_messages: the conversation store (issue 7 §4–§7). Times are epoch ms. */

/** The column holding when a status happened. */
export const STATUS_AT: Record<DeliveryStatus, 'sent_at' | 'delivered_at' | 'read_at' | 'failed_at'> = {
  sent: 'sent_at',
  delivered: 'delivered_at',
  read: 'read_at',
  failed: 'failed_at',
};

export function createMessageStore(db: Db) {
  const byId = db.prepare<[number], Row>('SELECT * FROM whatsapp_messages WHERE id = ?');
  const byProviderId = db.prepare<[string], Row>('SELECT * FROM whatsapp_messages WHERE provider_message_id = ?');
  const byKey = db.prepare<[string], Row>('SELECT * FROM whatsapp_messages WHERE idempotency_key = ?');
  const insertOut = db.prepare(`
    INSERT INTO whatsapp_messages (portal_id, direction, phone, phone_number_id, contact_id, idempotency_key, kind,
      template_name, template_language, template_category, body, reply_to, status, campaign_id, enrollment_id,
      created_at, updated_at)
    VALUES (@portalId, 'outbound', @phone, @phoneNumberId, @contactId, @idempotencyKey, @kind, @templateName,
      @templateLanguage, @templateCategory, @body, @replyTo, 'pending', @campaignId, @enrollmentId, @now, @now)
    ON CONFLICT (idempotency_key) DO NOTHING`);
  const insertIn = db.prepare(`
    INSERT INTO whatsapp_messages (portal_id, direction, phone, phone_number_id, contact_id, provider_message_id, kind,
      body, payload, reply_to, status, created_at, updated_at)
    VALUES (@portalId, 'inbound', @phone, @phoneNumberId, @contactId, @providerMessageId, @kind, @body, @payload,
      @replyTo, 'received', @createdAt, @now)
    ON CONFLICT (provider_message_id) DO NOTHING`);
  const claimStmt = db.prepare(`UPDATE whatsapp_messages SET send_claimed_until = @until
    WHERE id = @id AND status = 'pending' AND (send_claimed_until IS NULL OR send_claimed_until <= @now)`);
  const acceptStmt = db.prepare(`UPDATE whatsapp_messages SET provider_message_id = @providerMessageId,
    status = 'accepted', accepted_at = @now, send_claimed_until = NULL, failure_code = NULL, failure_reason = NULL, failure_message = NULL,
    updated_at = @now WHERE id = @id AND status = 'pending'`);
  const failureStmt =
    db.prepare(`UPDATE whatsapp_messages SET status = @status, send_claimed_until = NULL, failure_code = @code,
    failure_reason = @reason, failure_message = @message, failed_at = CASE WHEN @status = 'failed' THEN @now END,
    updated_at = @now WHERE id = @id AND status = 'pending'`);
  const statusStmts = Object.fromEntries(
    Object.entries(STATUS_AT).map(([, column]) => [
      column,
      db.prepare(`UPDATE whatsapp_messages SET status = @status, ${column} = COALESCE(${column}, @at),
        failure_code = COALESCE(@code, failure_code), failure_reason = COALESCE(@reason, failure_reason),
        failure_message = COALESCE(@message, failure_message), updated_at = @now WHERE id = @id`),
    ]),
  );
  const conversation = db.prepare<[number, string, number], Row>(
    'SELECT * FROM whatsapp_messages WHERE portal_id = ? AND phone = ? ORDER BY created_at DESC, id DESC LIMIT ?',
  );
  const inboundSince = db.prepare<[number, string, number], { n: number }>(
    "SELECT COUNT(*) AS n FROM whatsapp_messages WHERE portal_id = ? AND phone = ? AND direction = 'inbound' AND created_at > ?",
  );
  const latestOut = db.prepare<[number, string], { id: number }>(
    "SELECT id FROM whatsapp_messages WHERE portal_id = ? AND phone = ? AND direction = 'outbound' ORDER BY created_at DESC, id DESC LIMIT 1",
  );
  const one = (row: Row | undefined) => (row ? toMessage(row) : undefined);

  return {
    findById: (id: number) => one(byId.get(id)),
    findByProviderId: (providerMessageId: string) => one(byProviderId.get(providerMessageId)),
    findByKey: (key: string) => one(byKey.get(key)),
    /** A pending outbound row; with an idempotency key, the existing row comes back instead of a second one. */
    insertOutbound(input: OutboundInput, now: number): { message: StoredMessage; created: boolean } {
      const params = {
        contactId: null,
        idempotencyKey: null,
        templateName: null,
        templateLanguage: null,
        templateCategory: null,
        body: null,
        replyTo: null,
        campaignId: null,
        enrollmentId: null,
        ...input,
        now,
      };
      const result = insertOut.run(params);
      if (result.changes === 1) return { message: toMessage(byId.get(Number(result.lastInsertRowid))!), created: true };
      return { message: toMessage(byKey.get(input.idempotencyKey!)!), created: false };
    },
    /** Stores an inbound message once per provider message id (webhooks are at-least-once, §3). */
    insertInbound(input: InboundInput, now: number): { message: StoredMessage; created: boolean } {
      const result = insertIn.run({ contactId: null, body: null, payload: null, replyTo: null, ...input, now });
      return { message: toMessage(byProviderId.get(input.providerMessageId!)!), created: result.changes === 1 };
    },
    /**
     * Takes the right to send a pending message for `ms` (compare-and-swap): false while another caller holds it.
     * Accepting or failing the send releases it; a crashed caller's claim simply expires.
     */
    claimSend: (id: number, now: number, ms: number): boolean =>
      claimStmt.run({ id, now, until: now + ms }).changes === 1,
    markAccepted: (id: number, providerMessageId: string, now: number): boolean =>
      acceptStmt.run({ id, providerMessageId, now }).changes === 1,
    /** A send that failed before acceptance: final (`failed`) or waiting for a retry (stays `pending`). */
    markSendFailure(
      id: number,
      failure: Pick<ProviderFailure, 'code' | 'message'> & { reason: string },
      final: boolean,
      now: number,
    ): boolean {
      const params = {
        id,
        status: final ? 'failed' : 'pending',
        code: failure.code,
        reason: failure.reason,
        message: failure.message,
        now,
      };
      return failureStmt.run(params).changes === 1;
    },
    /** Writes a status change (or only its timestamp when `status` is the current one). */
    writeStatus(
      id: number,
      status: MessageStatus,
      event: { status: DeliveryStatus; at: number; failure?: ProviderFailure },
      now: number,
    ): void {
      const f = event.failure;
      statusStmts[STATUS_AT[event.status]]!.run({
        id,
        status,
        at: event.at,
        code: f?.code ?? null,
        reason: f?.reason ?? null,
        message: f?.message ?? null,
        now,
      });
    },
    /** Newest first. */
    conversation: (portalId: number, phone: string, limit = 50): StoredMessage[] =>
      conversation.all(portalId, phone, limit).map(toMessage),
    latestOutboundId: (portalId: number, phone: string): number | undefined => latestOut.get(portalId, phone)?.id,
    hasInboundSince: (portalId: number, phone: string, since: number): boolean =>
      inboundSince.get(portalId, phone, since)!.n > 0,
  };
}

export type MessageStore = ReturnType<typeof createMessageStore>;
