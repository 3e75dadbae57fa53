import { z } from 'zod';

/**
 * The WhatsApp card on a contact record: the conversation with each message's status, a template send with a live
 * preview of the filled message, free text while the 24-hour window is open, and the contact's consent state.
 */
export const WHATSAPP_CARD_PATH = '/api/cards/whatsapp';
export const WHATSAPP_PREVIEW_PATH = '/api/cards/whatsapp/preview';
export const WHATSAPP_SEND_PATH = '/api/cards/whatsapp/send';
export const WHATSAPP_CONSENT_PATH = '/api/cards/whatsapp/consent';

export const WhatsAppCardQuery = z.object({
  portalId: z.coerce.number().int().positive(),
  contactId: z.string().regex(/^\d+$/, 'must be a HubSpot record id'),
});
export type WhatsAppCardQuery = z.infer<typeof WhatsAppCardQuery>;

export const MessageStatus = z.enum(['queued', 'sent', 'delivered', 'read', 'failed']);
export type MessageStatus = z.infer<typeof MessageStatus>;

export const ConversationMessage = z.object({
  id: z.string(),
  direction: z.enum(['outbound', 'inbound']),
  text: z.string(),
  templateName: z.string().nullable(),
  status: MessageStatus.nullable(),
  /** Why a message failed, in words a rep can act on (e.g. "outside the 24-hour window: send a template"). */
  failureReason: z.string().nullable(),
  at: z.string(),
});
export type ConversationMessage = z.infer<typeof ConversationMessage>;

/** One reason a send is not allowed; the same codes the workflow action and campaigns report. */
export const Refusal = z.object({ code: z.string(), message: z.string() });
export type Refusal = z.infer<typeof Refusal>;

export const ConsentState = z.object({
  marketing: z.enum(['granted', 'denied', 'unknown']),
  utility: z.enum(['granted', 'denied', 'unknown']),
  optedOut: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type ConsentState = z.infer<typeof ConsentState>;

export const TemplateOption = z.object({
  name: z.string(),
  language: z.string(),
  category: z.enum(['MARKETING', 'UTILITY', 'AUTHENTICATION']),
  parameterCount: z.number().int().min(0),
});
export type TemplateOption = z.infer<typeof TemplateOption>;

export const WhatsAppCardResponse = z.object({
  phone: z.string().nullable(),
  /** Null while no inbound message opened the 24-hour customer-service window. */
  windowOpenUntil: z.string().nullable(),
  freeTextRefusals: z.array(Refusal),
  consent: ConsentState,
  templates: z.array(TemplateOption),
  messages: z.array(ConversationMessage),
});
export type WhatsAppCardResponse = z.infer<typeof WhatsAppCardResponse>;

export const PreviewRequest = z.object({
  portalId: z.number().int().positive(),
  contactId: z.string().regex(/^\d+$/),
  templateName: z.string().min(1),
  language: z.string().min(2),
});
export type PreviewRequest = z.infer<typeof PreviewRequest>;

export const PreviewResponse = z.object({
  text: z.string(),
  /** Empty when the template may be sent to this contact now. */
  refusals: z.array(Refusal),
});
export type PreviewResponse = z.infer<typeof PreviewResponse>;

export const SendRequest = z.discriminatedUnion('kind', [
  PreviewRequest.extend({ kind: z.literal('template'), requestId: z.string().min(8) }),
  z.object({
    kind: z.literal('text'),
    portalId: z.number().int().positive(),
    contactId: z.string().regex(/^\d+$/),
    text: z.string().min(1).max(4096),
    /** The card makes one per click: HubSpot may retry a hubspot.fetch once, and the retry must not send twice. */
    requestId: z.string().min(8),
  }),
]);
export type SendRequest = z.infer<typeof SendRequest>;

export const SendResponse = z.object({ message: ConversationMessage });
export type SendResponse = z.infer<typeof SendResponse>;

export const ConsentRequest = z.object({
  portalId: z.number().int().positive(),
  contactId: z.string().regex(/^\d+$/),
  category: z.enum(['marketing', 'utility']),
  granted: z.boolean(),
  /** Where the consent came from, kept for the audit trail (e.g. "verbal, call on 2026-11-20"). */
  source: z.string().min(3).max(200),
});
export type ConsentRequest = z.infer<typeof ConsentRequest>;

/** What the consent endpoint answers: the contact's consent as stored after the change, so the card shows it at once. */
export const ConsentResponse = z.object({ consent: ConsentState });
export type ConsentResponse = z.infer<typeof ConsentResponse>;
