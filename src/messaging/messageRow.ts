import type { MessageStatus } from './statusTransitions.ts';

/** A conversation-store row in our terms, and the mapping from its SQL columns (whatsapp_messages). */

export interface StoredMessage {
  id: number;
  portalId: number;
  direction: 'outbound' | 'inbound';
  phone: string;
  phoneNumberId: string;
  contactId: string | null;
  providerMessageId: string | null;
  idempotencyKey: string | null;
  /** 'template' | 'text' for outbound; the inbound content type otherwise. */
  kind: string;
  templateName: string | null;
  templateLanguage: string | null;
  templateCategory: string | null;
  /** Rendered text (outbound) or what the user wrote / tapped (inbound). */
  body: string | null;
  /** Inbound button payload or interactive reply id. */
  payload: string | null;
  replyTo: string | null;
  status: MessageStatus;
  failure: { code: string; reason: string; message: string } | null;
  campaignId: number | null;
  enrollmentId: number | null;
  createdAt: number;
  acceptedAt: number | null;
  sentAt: number | null;
  deliveredAt: number | null;
  readAt: number | null;
  failedAt: number | null;
  updatedAt: number;
}

export type OutboundInput = Pick<StoredMessage, 'portalId' | 'phone' | 'phoneNumberId' | 'kind'> &
  Partial<
    Pick<
      StoredMessage,
      | 'contactId'
      | 'idempotencyKey'
      | 'templateName'
      | 'templateLanguage'
      | 'templateCategory'
      | 'body'
      | 'replyTo'
      | 'campaignId'
      | 'enrollmentId'
    >
  >;

export type InboundInput = Pick<
  StoredMessage,
  'portalId' | 'phone' | 'phoneNumberId' | 'kind' | 'providerMessageId' | 'createdAt'
> &
  Partial<Pick<StoredMessage, 'contactId' | 'body' | 'payload' | 'replyTo'>>;

export type Row = Record<string, unknown>;

const COLUMNS: [keyof StoredMessage, string][] = [
  ['id', 'id'],
  ['portalId', 'portal_id'],
  ['direction', 'direction'],
  ['phone', 'phone'],
  ['phoneNumberId', 'phone_number_id'],
  ['contactId', 'contact_id'],
  ['providerMessageId', 'provider_message_id'],
  ['idempotencyKey', 'idempotency_key'],
  ['kind', 'kind'],
  ['templateName', 'template_name'],
  ['templateLanguage', 'template_language'],
  ['templateCategory', 'template_category'],
  ['body', 'body'],
  ['payload', 'payload'],
  ['replyTo', 'reply_to'],
  ['status', 'status'],
  ['campaignId', 'campaign_id'],
  ['enrollmentId', 'enrollment_id'],
  ['createdAt', 'created_at'],
  ['acceptedAt', 'accepted_at'],
  ['sentAt', 'sent_at'],
  ['deliveredAt', 'delivered_at'],
  ['readAt', 'read_at'],
  ['failedAt', 'failed_at'],
  ['updatedAt', 'updated_at'],
];

export function toMessage(r: Row): StoredMessage {
  const m = Object.fromEntries(COLUMNS.map(([key, column]) => [key, r[column] ?? null])) as unknown as StoredMessage;
  m.failure = r.failure_code
    ? { code: String(r.failure_code), reason: String(r.failure_reason), message: String(r.failure_message) }
    : null;
  return m;
}
