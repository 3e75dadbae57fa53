import type { Db } from '../db/openDatabase.ts';
import type { ProviderFailure } from '../whatsapp/classifyProviderError.ts';
import type { InboundEvent, ProviderEvent, StatusEvent } from '../whatsapp/provider.ts';
import type { StatusChange, StatusUpdates } from './applyStatusEvent.ts';
import type { ContactStateRepo } from './contactStateRepo.ts';
import { type CrmEffect, inboundEffects, statusChangeEffects } from './crmEffects.ts';
import { decideInbound, type InboundDecision } from './inbound/inboundDecision.ts';
import type { MessageStore, StoredMessage } from './messageStore.ts';
import type { WhatsAppSettings } from './whatsappSettings.ts';

/**
 * One verified webhook's events, applied to the store (issue 7 §6–§7): statuses move messages forward,
 * inbound messages are stored once, open the 24-hour window and are decided on (opt-out, opt-in, routing).
 * Returns, per event, what changed and the effects phase 2 executes (CRM effects, a confirmation to send).
 */

/** A free-text message phase 2 sends through the provider: the user just wrote, so the window is open (§3). */
export interface ReplyToSend {
  from: string;
  to: string;
  body: string;
  replyTo: string;
}

export type EventOutcome =
  | { kind: 'status'; change: StatusChange; effects: CrmEffect[] }
  | { kind: 'inbound'; duplicate: true; providerMessageId: string }
  | {
      kind: 'inbound';
      duplicate: false;
      message: StoredMessage;
      decision: InboundDecision;
      effects: CrmEffect[];
      send?: ReplyToSend;
    }
  | { kind: 'error'; failure: ProviderFailure };

export interface ProviderEventDeps {
  db: Db;
  store: MessageStore;
  statuses: StatusUpdates;
  contacts: ContactStateRepo;
  now: () => number;
}

export function createProviderEventHandler(deps: ProviderEventDeps) {
  const { db, store, statuses, contacts, now } = deps;

  function onStatus(portalId: number, event: StatusEvent): EventOutcome {
    const change = statuses.applyStatusEvent(event, now());
    if (change.kind !== 'changed') return { kind: 'status', change, effects: [] };
    const m = change.message;
    const effects = statusChangeEffects(change, store.latestOutboundId(portalId, m.phone) === m.id);
    if (change.failure?.marketingOptOut) {
      // §3: 131050 means the user stopped marketing messages in WhatsApp; only they can resume.
      contacts.recordOptOut(
        { portalId, phone: m.phone, now: event.at.getTime() },
        'marketing',
        `whatsapp:${change.failure.code}`,
      );
    }
    return { kind: 'status', change, effects };
  }

  function onInbound(portalId: number, settings: WhatsAppSettings, event: InboundEvent): EventOutcome {
    const phone = `+${event.from}`;
    const at = event.at.getTime();
    const repliedTo = event.replyTo ? store.findByProviderId(event.replyTo) : undefined;
    const contactId = contacts.find(portalId, phone)?.contactId ?? repliedTo?.contactId ?? null;
    const { message, created } = store.insertInbound(
      {
        portalId,
        phone,
        phoneNumberId: event.businessNumberId,
        contactId,
        providerMessageId: event.providerMessageId,
        createdAt: at,
        ...contentColumns(event),
        ...(event.replyTo ? { replyTo: event.replyTo } : {}),
      },
      now(),
    );
    if (!created) return { kind: 'inbound', duplicate: true, providerMessageId: event.providerMessageId };
    const key = { portalId, phone, now: now() };
    contacts.recordInbound(key, at, event.businessNumberId, event.profileName);
    if (contactId) contacts.linkContact(key, contactId);
    const decision = decideInbound(event.content, settings);
    // The opt-out (or opt-in) happened when the user wrote, not when the webhook was processed.
    applyDecision({ ...key, now: at }, decision);
    const send =
      decision.kind === 'opt_out' || decision.kind === 'opt_in'
        ? { from: event.businessNumberId, to: phone, body: decision.confirmation, replyTo: event.providerMessageId }
        : undefined;
    return {
      kind: 'inbound',
      duplicate: false,
      message,
      decision,
      effects: inboundEffects(message, decision),
      ...(send ? { send } : {}),
    };
  }

  function applyDecision(key: { portalId: number; phone: string; now: number }, decision: InboundDecision): void {
    if (decision.kind === 'opt_out') contacts.recordOptOut(key, decision.scope, `keyword:${decision.keyword}`);
    if (decision.kind === 'opt_in') {
      // [M] Writing START is an explicit yes to messages from this business: both categories.
      contacts.clearOptOut(key);
      contacts.recordConsent(key, 'utility', 'granted', `keyword:${decision.keyword}`);
      contacts.recordConsent(key, 'marketing', 'granted', `keyword:${decision.keyword}`);
    }
  }

  return {
    /** Applies a webhook's events in order; `settings` are the portal's (keywords, routing). */
    handle(portalId: number, settings: WhatsAppSettings, events: ProviderEvent[]): EventOutcome[] {
      // One transaction per event: the dedupe row and what it implies (window, opt-out) commit together,
      // so a crash in between cannot turn the redelivery into a "duplicate" that skips the rest.
      return events.map((event) =>
        db.transaction((): EventOutcome => {
          if (event.kind === 'status') return onStatus(portalId, event);
          if (event.kind === 'inbound') return onInbound(portalId, settings, event);
          return { kind: 'error', failure: event.failure };
        })(),
      );
    },
  };
}

/** The columns an inbound message is kept in: its type, what it says, and a payload when it has one. */
function contentColumns(event: InboundEvent): { kind: string; body?: string; payload?: string } {
  const c = event.content;
  switch (c.type) {
    case 'text':
      return { kind: 'text', body: c.text };
    case 'button':
      return { kind: 'button', body: c.text, payload: c.payload };
    case 'interactive':
      return { kind: 'interactive', body: c.title, payload: c.replyId };
    case 'reaction':
      return { kind: 'reaction', body: c.emoji, payload: c.messageId };
    case 'image':
      return { kind: 'image', payload: c.mediaId, ...(c.caption ? { body: c.caption } : {}) };
    case 'unsupported':
      return { kind: 'unsupported' };
    case 'other':
      return { kind: c.originalType, ...(c.text ? { body: c.text } : {}) };
  }
}
