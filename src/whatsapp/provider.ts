import type { ProviderFailure } from './classifyProviderError.ts';

/**
 * The provider port: every WhatsApp call goes through it (DESIGN "one way in, one way out"). Its shape follows
 * reference/whatsapp.md §5 so Twilio or AtomChat can be one more adapter:
 * - requests name the sender (`from`: Meta's phone number id, Twilio's `whatsapp:+E164`), so one adapter
 *   instance serves every number of an account;
 * - results are values: a provider message id, or a classified failure (classifyProviderError.ts);
 * - webhooks become our own events (`ProviderEvent`), an array because Meta batches (§2).
 * Signature checks are not here: they run on the raw bytes at the HTTP edge
 * (server/middleware/metaSignature.ts), so `parseWebhook` only ever sees verified bodies.
 */

export type ProviderName = 'meta' | 'twilio' | 'atomchat';

/** A body parameter (§1): text, or currency/date_time whose `fallback` is what the user sees. */
export type TemplateParameter =
  | { type: 'text'; text: string }
  | { type: 'currency'; fallback: string; code: string; amount1000: number }
  | { type: 'date_time'; fallback: string };

export interface TemplateMessage {
  name: string;
  /** Must match an approved translation, e.g. `en_US` (§1: otherwise 132001). */
  language: string;
  /** Positional: the count must equal the template's placeholders (§1: otherwise 132000). */
  bodyParameters: TemplateParameter[];
  /** Quick-reply payloads by button index, echoed back when the user taps the button. */
  quickReplyPayloads?: { index: number; payload: string }[];
}

export interface SendRequestBase {
  /** The sending number (Meta: phone number id). */
  from: string;
  /** Recipient in E.164 (`+16505551234`). */
  to: string;
  /** Provider message id this message replies to. */
  replyTo?: string;
  /** Echoed in status webhooks (Meta: biz_opaque_callback_data, ≤ 512 chars) [U: echo unverified, §1]. */
  correlationId?: string;
  /** 1-based attempt of this send (retries of a job): drives the classifier's backoff. */
  attempt?: number;
}

export interface SendTemplateRequest extends SendRequestBase {
  template: TemplateMessage;
}

export interface SendTextRequest extends SendRequestBase {
  body: string;
  previewUrl?: boolean;
}

export interface MarkReadRequest {
  from: string;
  providerMessageId: string;
}

/** A 200 means accepted, not delivered (§1); delivery arrives as status events. */
export type SendResult =
  | { ok: true; providerMessageId: string; recipientId?: string }
  | { ok: false; failure: ProviderFailure };

export type ProviderCallResult = { ok: true } | { ok: false; failure: ProviderFailure };

/** A template as the provider lists it, already reduced to what we store. */
export interface ProviderTemplate {
  providerTemplateId?: string;
  name: string;
  language: string;
  category: 'MARKETING' | 'UTILITY' | 'AUTHENTICATION';
  status: 'APPROVED' | 'PENDING' | 'REJECTED' | 'PAUSED' | 'DISABLED';
  bodyText: string;
  header: 'none' | 'text' | 'text_variables' | 'media';
  quickReplies: string[];
}

export type ListTemplatesResult =
  | { ok: true; templates: ProviderTemplate[] /** listed items that did not parse, described */; skipped: string[] }
  | { ok: false; failure: ProviderFailure };

export type DeliveryStatus = 'sent' | 'delivered' | 'read' | 'failed';

export interface StatusEvent {
  kind: 'status';
  /** Our business number the message went from (Meta: metadata.phone_number_id). */
  businessNumberId: string;
  providerMessageId: string;
  status: DeliveryStatus;
  at: Date;
  recipientId: string;
  failure?: ProviderFailure;
  correlationId?: string;
  billable?: boolean;
}

export type InboundContent =
  | { type: 'text'; text: string }
  /** Tap on a template quick-reply button. */
  | { type: 'button'; text: string; payload: string }
  /** Answer to an interactive reply-button or list message. */
  | { type: 'interactive'; replyId: string; title: string; description?: string }
  /** An empty emoji means the user removed a reaction. */
  | { type: 'reaction'; emoji: string; messageId: string }
  | { type: 'image'; mediaId: string; mimeType?: string; caption?: string }
  | { type: 'unsupported'; errorCode?: string }
  /** Anything else (system, location, contacts, …): kept, shown as its type. */
  | { type: 'other'; originalType: string; text?: string };

export interface InboundEvent {
  kind: 'inbound';
  businessNumberId: string;
  providerMessageId: string;
  /** The user's WhatsApp id, digits only (Meta: wa_id; it may differ from the dialled number, §1). */
  from: string;
  at: Date;
  profileName?: string;
  content: InboundContent;
  /** The provider message id the user replied to (buttons carry the template's wamid, §2). */
  replyTo?: string;
}

/** An out-of-band error (Meta: value.errors[], §1 "Asynchronous errors"). */
export interface ProviderErrorEvent {
  kind: 'error';
  businessNumberId: string;
  failure: ProviderFailure;
}

export type ProviderEvent = StatusEvent | InboundEvent | ProviderErrorEvent;

export interface ParsedWebhook {
  events: ProviderEvent[];
  /** Changes of other fields (template status updates, account updates…): acknowledged, not used (§2). */
  ignored: number;
  /** Items that did not match the provider's schema, each described; the rest of the batch still counts. */
  problems: string[];
}

export type ParseWebhookResult = { ok: true; webhook: ParsedWebhook } | { ok: false; reason: string };

export interface ProviderCapabilities {
  statusWebhooks: boolean;
  readReceipts: boolean;
  inbound: boolean;
  freeForm: boolean;
  templateSync: boolean;
}

export interface WhatsAppProvider {
  readonly name: ProviderName;
  readonly capabilities: ProviderCapabilities;
  sendTemplate(request: SendTemplateRequest): Promise<SendResult>;
  sendText(request: SendTextRequest): Promise<SendResult>;
  markRead(request: MarkReadRequest): Promise<ProviderCallResult>;
  listTemplates(): Promise<ListTemplatesResult>;
  /** Turns a verified webhook body into our events. */
  parseWebhook(rawBody: Buffer): ParseWebhookResult;
}
