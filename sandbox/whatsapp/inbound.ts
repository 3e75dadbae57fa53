import { requirePhone } from './accounts.ts';
import { normalizeNumber, recipientOf } from './recipients.ts';
import type { WhatsAppSandboxState } from './state.ts';
import { statusError } from './graphErrors.ts';
import type { WebhookDelivery } from './webhookOutbox.ts';
import { envelope, unixSeconds } from './webhookPayloads.ts';

/**
 * A simulated user writes to a business number. Produces the inbound webhook in Meta's shape (reference §2;
 * fixtures webhook-inbound-{text,button,interactive-*,reaction,image,unsupported}-message.json), opens or
 * resets that user's 24 h window (M-svc) and counts against the number's throughput (M-thru).
 */

export type InboundContent =
  | { text: string }
  /** Tap on a template quick-reply button (`type: "button"`). */
  | { button: { payload: string; text?: string } }
  /** Answer to an interactive reply-button message. */
  | { buttonReply: { id: string; title: string } }
  /** Answer to an interactive list message. */
  | { listReply: { id: string; title: string; description?: string } }
  | { reaction: { messageId: string; emoji: string } }
  | { image: { id: string; mimeType?: string; sha256?: string; caption?: string } }
  /** A message type the Cloud API does not support (arrives with error 131051). */
  | { unsupported: true };

export type InboundInput = InboundContent & {
  from: string;
  /** Business number written to (default: the first registered number). */
  phoneNumberId?: string;
  /** Profile name (default: the recipient's configured profileName, else "Sandbox User"). */
  profileName?: string;
  /** wamid the user replies to; buttons and interactive replies default to the last message sent to them. */
  replyTo?: string;
};

export interface InboundResult {
  id: string;
  payload: unknown;
  delivery: WebhookDelivery;
}

export function sendInbound(state: WhatsAppSandboxState, input: InboundInput): InboundResult {
  const phone = requirePhone(state, input.phoneNumberId ?? [...state.phoneNumbers.keys()][0] ?? '');
  const waId = normalizeNumber(input.from);
  if (!waId) throw new Error(`${input.from} is not a phone number`);
  const now = state.now();
  const id = state.ids.wamid(waId, 'inbound');
  const { type, content, needsContext } = messageContent(input);
  const replyTo = input.replyTo ?? (needsContext ? lastSentTo(state, phone.id, waId) : undefined);
  if (needsContext && !replyTo) throw new Error(`${type} reply from ${waId} needs a message to reply to (replyTo)`);
  const message = {
    ...(replyTo ? { context: { from: phone.displayPhoneNumber, id: replyTo } } : {}),
    from: waId,
    id,
    timestamp: unixSeconds(now),
    type,
    ...content,
  };
  const name = input.profileName ?? recipientOf(state, waId).profileName ?? 'Sandbox User';
  const payload = envelope(phone, { contacts: [{ profile: { name }, wa_id: waId }], messages: [message] });

  state.lastInboundAt.set(state.windowKey(phone.id, waId), now);
  state.throughput.record(phone.id, now);
  state.inbound.push({ id, phoneNumberId: phone.id, from: waId, type, at: now, readByBusiness: false });
  const delivery = state.outbox.enqueue({
    wabaId: phone.wabaId,
    kind: 'inbound',
    payload,
    delayMs: state.options.deliveryDelayMs,
    messageId: id,
  });
  return { id, payload, delivery };
}

function messageContent(input: InboundContent): {
  type: string;
  content: Record<string, unknown>;
  needsContext: boolean;
} {
  if ('text' in input) return { type: 'text', content: { text: { body: input.text } }, needsContext: false };
  if ('button' in input) {
    const { payload, text } = input.button;
    return { type: 'button', content: { button: { payload, text: text ?? payload } }, needsContext: true };
  }
  if ('buttonReply' in input) {
    const interactive = { type: 'button_reply', button_reply: { ...input.buttonReply } };
    return { type: 'interactive', content: { interactive }, needsContext: true };
  }
  if ('listReply' in input) {
    const interactive = { type: 'list_reply', list_reply: { ...input.listReply } };
    return { type: 'interactive', content: { interactive }, needsContext: true };
  }
  if ('reaction' in input) {
    const reaction = { message_id: input.reaction.messageId, emoji: input.reaction.emoji };
    return { type: 'reaction', content: { reaction }, needsContext: false };
  }
  if ('image' in input) {
    const { id, mimeType, sha256, caption } = input.image;
    const image = { ...(caption ? { caption } : {}), mime_type: mimeType ?? 'image/jpeg', sha256: sha256 ?? '', id };
    return { type: 'image', content: { image }, needsContext: false };
  }
  if ('unsupported' in input) {
    const errors = [statusError(131051, 'Message type is currently not supported.')];
    return { type: 'unsupported', content: { errors }, needsContext: false };
  }
  throw new Error('inbound message needs one of: text, button, buttonReply, listReply, reaction, image, unsupported');
}

function lastSentTo(state: WhatsAppSandboxState, phoneNumberId: string, waId: string): string | undefined {
  for (let i = state.sent.length - 1; i >= 0; i--) {
    const m = state.sent[i]!;
    if (m.phoneNumberId === phoneNumberId && m.waId === waId) return m.id;
  }
  return undefined;
}
