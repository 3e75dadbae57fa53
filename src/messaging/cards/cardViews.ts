import type {
  ConsentState as CardConsent,
  ConversationMessage,
  MessageStatus as CardStatus,
} from '@switchboard/contract';
import type { ConsentState, ContactState } from '../contactStateRepo.ts';
import { WINDOW_MS } from '../eligibility.ts';
import type { StoredMessage } from '../messageStore.ts';
import type { MessageStatus } from '../statusTransitions.ts';

/**
 * Our stored shapes in the WhatsApp card's words (src/contract/whatsapp.ts). Pure: the card shows what the
 * conversation store and the contact state say, nothing is decided here.
 */

/** `pending` waits for its (re)send; `accepted` is WhatsApp's "sent" from the rep's point of view. */
const STATUS: Record<Exclude<MessageStatus, 'received'>, CardStatus> = {
  pending: 'queued',
  accepted: 'sent',
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  failed: 'failed',
};

const iso = (ms: number): string => new Date(ms).toISOString();

/** One stored message as the card lists it; inbound messages have no delivery status. */
export function toCardMessage(m: StoredMessage): ConversationMessage {
  const status = m.direction === 'inbound' || m.status === 'received' ? null : STATUS[m.status];
  return {
    id: String(m.id),
    direction: m.direction,
    // An inbound image or reaction has no text of its own: say what it was rather than show nothing.
    text: m.body ?? `[${m.kind}]`,
    templateName: m.templateName,
    status,
    // Already worded for a rep by the one classifier (src/whatsapp/metaErrorCodes.ts).
    failureReason: status === 'failed' ? (m.failure?.message ?? null) : null,
    at: iso(m.createdAt),
  };
}

const DECISION: Record<ConsentState, CardConsent['marketing']> = {
  granted: 'granted',
  revoked: 'denied',
  unknown: 'unknown',
};

/**
 * The contact's consent as the card shows it. A marketing-only opt-out (WhatsApp's 131050, or a keyword) blocks
 * marketing templates whatever consent was recorded (eligibility.ts), so marketing shows as denied; `optedOut`
 * is the full opt-out (STOP), which blocks every business-initiated message.
 */
export function toCardConsent(state: ContactState | undefined): CardConsent {
  if (!state) return { marketing: 'unknown', utility: 'unknown', optedOut: false, updatedAt: null };
  const { consent, optOut } = state;
  const changes = [consent.marketing.at, consent.utility.at, optOut?.at].filter((t): t is number => t != null);
  return {
    marketing: optOut ? 'denied' : DECISION[consent.marketing.state],
    utility: DECISION[consent.utility.state],
    optedOut: optOut?.scope === 'all',
    updatedAt: changes.length > 0 ? iso(Math.max(...changes)) : null,
  };
}

/** When the 24-hour customer-service window closes (or closed); null while the contact never wrote. */
export function windowOpenUntil(state: ContactState | undefined): string | null {
  const last = state?.lastInboundAt ?? null;
  return last === null ? null : iso(last + WINDOW_MS);
}

/** Newest `limit` messages of several conversations (one per number of the contact), oldest first. */
export function mergeConversations(conversations: StoredMessage[][], limit: number): StoredMessage[] {
  const byId = new Map<number, StoredMessage>();
  for (const m of conversations.flat()) byId.set(m.id, m);
  const all = [...byId.values()].sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
  return all.slice(Math.max(0, all.length - limit));
}
