import type { Properties } from '../mapping/templateVariables.ts';

/**
 * What messaging needs from HubSpot, as a port (issue 7 §10). Phase 2 implements it on the gateway
 * (src/hubspot), which owns tokens, rate budgets, retries and batching; this capability never calls
 * HubSpot itself. Every write carries an idempotency key so a retried job cannot double it
 * (DESIGN "message per provider message id").
 */

/** Contact properties the guide asks for (last message date, response status, opt-in status) [M names]. */
export const WHATSAPP_CONTACT_PROPERTIES = {
  lastMessageAt: 'whatsapp_last_message_at',
  lastMessageStatus: 'whatsapp_last_message_status',
  lastReplyAt: 'whatsapp_last_reply_at',
  responseStatus: 'whatsapp_response_status',
  optInStatus: 'whatsapp_opt_in_status',
} as const;

export type TimelineKind =
  | 'whatsapp_sent'
  | 'whatsapp_delivered'
  | 'whatsapp_read'
  | 'whatsapp_failed'
  | 'whatsapp_reply_received'
  | 'whatsapp_opted_out'
  | 'whatsapp_opted_in';

export interface TimelineEvent {
  /** Stable id, e.g. `wa:<wamid>:read`: posting it twice is a no-op (HubSpot answers 409 on a repeated id). */
  id: string;
  kind: TimelineKind;
  occurredAt: Date;
  /** Event tokens (template name, status, failure reason, text preview…), all strings. */
  tokens: Record<string, string>;
}

export interface TicketRequest {
  idempotencyKey: string;
  subject: string;
  content: string;
  pipeline?: string;
  stage?: string;
  ownerId?: string;
}

export interface MessagingCrm {
  /** Batch read (the gateway uses batch endpoints, ≤ 100 ids per call); missing ids are absent from the map. */
  readContacts(portalId: number, contactIds: string[], properties: string[]): Promise<Map<string, Properties>>;
  /** The contact's deal that deal-sourced template variables read (undefined when it has none). */
  readContactDeal(portalId: number, contactId: string, properties: string[]): Promise<Properties | undefined>;
  /** The contact with this E.164 number (shared matching engine); undefined when none matches. */
  findContactIdByPhone(portalId: number, phone: string): Promise<string | undefined>;
  postTimelineEvent(portalId: number, contactId: string, event: TimelineEvent): Promise<void>;
  /** Sends only the given properties (HubSpot clears on "", so callers never send empty values). */
  updateContactProperties(portalId: number, contactId: string, properties: Record<string, string>): Promise<void>;
  createTicket(portalId: number, contactId: string, ticket: TicketRequest): Promise<{ ticketId: string }>;
  assignOwner(portalId: number, contactId: string, ownerId: string): Promise<void>;
}
