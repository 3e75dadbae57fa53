import type { Properties } from '../mapping/templateVariables.ts';
import type { ProviderFailure } from '../whatsapp/classifyProviderError.ts';
import type { SendResult, TemplateMessage, WhatsAppProvider } from '../whatsapp/provider.ts';
import type { StatusChange, StatusUpdates } from './applyStatusEvent.ts';
import type { ContactStateRepo } from './contactStateRepo.ts';
import { type CrmEffect, sendFailedEffects, sentEffects, statusChangeEffects } from './crmEffects.ts';
import type { Reason } from './eligibility.ts';
import type { MessageStore, StoredMessage } from './messageStore.ts';
import { prepareSend } from './prepareSend.ts';
import type { ReplyToSend } from './providerEvents.ts';
import type { TemplatesRepo } from './templatesRepo.ts';
import type { WhatsAppAccount } from './whatsappAccountsRepo.ts';

/**
 * One send, the same for the card, the workflow action and campaigns: eligibility first (no provider call
 * when refused), then one pending row per idempotency key, then the provider, then the outcome. A retry
 * with the same key resends a still-pending row and never sends an accepted one twice.
 */
export interface SendDeps {
  provider: WhatsAppProvider;
  account: WhatsAppAccount;
  templates: TemplatesRepo;
  contacts: ContactStateRepo;
  store: MessageStore;
  statuses: StatusUpdates;
  now: () => number;
}

export type SendContent =
  | {
      kind: 'template';
      name: string;
      language?: string;
      overrides?: Record<number, string>;
      quickReplyPayloads?: TemplateMessage['quickReplyPayloads'];
    }
  | { kind: 'text'; body: string };

export interface SendRequest {
  contactId: string;
  /** The contact's properties (read by the caller through MessagingCrm). */
  contact: Properties;
  deal?: Properties;
  content: SendContent;
  /** e.g. `workflow:<callbackId>`, `card:<requestId>`, `campaign:<enrollmentId>:<stepId>`. */
  idempotencyKey: string;
  attempt?: number;
  /** Sending number; default: the one the contact last wrote to (for text), else the account's default. */
  from?: string;
  campaign?: { campaignId: number; enrollmentId: number };
}

export type SendOutcome =
  | { outcome: 'refused'; reasons: Reason[] }
  | { outcome: 'duplicate'; message: StoredMessage }
  /** Another caller (a retry, another instance) is sending this very message right now: come back later. */
  | { outcome: 'in_flight'; message: StoredMessage; retryAfterMs: number }
  | { outcome: 'sent'; message: StoredMessage; effects: CrmEffect[] }
  | { outcome: 'failed'; message: StoredMessage; failure: ProviderFailure; effects: CrmEffect[] };

/**
 * How long a caller may take to get the provider's answer before another may send the message again: above the
 * adapter's 15 s request timeout and the send gate's 1 s wait (metaCloudProvider.ts, portalProviders.ts).
 */
export const SEND_CLAIM_MS = 30_000;

const inFlight = (message: StoredMessage): SendOutcome => ({
  outcome: 'in_flight',
  message,
  retryAfterMs: SEND_CLAIM_MS,
});

/** Checks, records and sends one message. */
export async function sendWhatsAppMessage(deps: SendDeps, request: SendRequest): Promise<SendOutcome> {
  const { account, store, now } = deps;
  const existing = store.findByKey(request.idempotencyKey);
  if (existing && existing.status !== 'pending') return { outcome: 'duplicate', message: existing };
  const prepared = prepareSend(deps, request);
  if (!prepared.ok) {
    // A retry of a pending send that is no longer allowed (opted out meanwhile…) ends here, visibly.
    const message = prepared.reasons.map((r) => r.message).join(' ');
    if (existing)
      store.markSendFailure(existing.id, { code: 'ineligible', reason: 'ineligible', message }, true, now());
    return { outcome: 'refused', reasons: prepared.reasons };
  }
  const { message, created } = store.insertOutbound({ ...prepared.row, portalId: account.portalId }, now());
  if (!created && message.status !== 'pending') return { outcome: 'duplicate', message };
  if (!store.claimSend(message.id, now(), SEND_CLAIM_MS)) return inFlight(message);
  deps.contacts.linkContact({ portalId: account.portalId, phone: prepared.row.phone, now: now() }, request.contactId);
  const result = await prepared.send(message.phoneNumberId);
  return settle(deps, message, result);
}

function settle(
  deps: Pick<SendDeps, 'store' | 'statuses' | 'now'>,
  message: StoredMessage,
  result: SendResult,
): SendOutcome {
  const { store, now } = deps;
  if (result.ok) {
    const early: StatusChange[] = deps.statuses.recordAccepted(message.id, result.providerMessageId, now());
    const after = store.findById(message.id)!;
    const latest = store.latestOutboundId(after.portalId, after.phone) === after.id;
    return {
      outcome: 'sent',
      message: after,
      effects: [...sentEffects(after), ...early.flatMap((c) => statusChangeEffects(c, latest))],
    };
  }
  const final = result.failure.action !== 'retry';
  store.markSendFailure(message.id, result.failure, final, now());
  const after = store.findById(message.id)!;
  return { outcome: 'failed', message: after, failure: result.failure, effects: final ? sendFailedEffects(after) : [] };
}

/**
 * Sends the confirmation an inbound decision asks for (opt-out/opt-in, providerEvents.ts). Consent and
 * opt-out checks do not apply: the user just wrote and expects this answer; the window is open (§3).
 */
export async function sendReply(
  deps: Pick<SendDeps, 'provider' | 'store' | 'statuses' | 'now'> & { portalId: number },
  reply: ReplyToSend,
): Promise<SendOutcome> {
  const key = `reply:${reply.replyTo}`;
  const row = {
    portalId: deps.portalId,
    phone: reply.to,
    phoneNumberId: reply.from,
    kind: 'text',
    body: reply.body,
    idempotencyKey: key,
    replyTo: reply.replyTo,
  };
  const { message, created } = deps.store.insertOutbound(row, deps.now());
  if (!created && message.status !== 'pending') return { outcome: 'duplicate', message };
  if (!deps.store.claimSend(message.id, deps.now(), SEND_CLAIM_MS)) return inFlight(message);
  const result = await deps.provider.sendText({
    from: reply.from,
    to: reply.to,
    body: reply.body,
    replyTo: reply.replyTo,
    correlationId: key,
  });
  return settle(deps, message, result);
}
