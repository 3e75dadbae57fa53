import type { StatusChange } from './applyStatusEvent.ts';
import { type TicketRequest, type TimelineEvent, WHATSAPP_CONTACT_PROPERTIES as P } from './crmPort.ts';
import type { InboundDecision } from './inbound/inboundDecision.ts';
import type { StoredMessage } from './messageStore.ts';

/**
 * HubSpot-facing effects as data (issue 7 §6–§7): what the timeline and the contact should show after a
 * send, a status change or an inbound message. Built by pure functions; `runCrmEffects` executes them on
 * the MessagingCrm port (runCrmEffects.ts; phase 2 runs it inside a durable job). Timeline ids are stable, so replays are no-ops.
 */
export interface ContactRef {
  /** Known HubSpot contact id, or null: resolved by phone through the port's matching. */
  contactId: string | null;
  phone: string;
}

export type CrmEffect =
  | { kind: 'timeline'; contact: ContactRef; event: TimelineEvent }
  | {
      kind: 'contact_properties';
      contact: ContactRef;
      properties: Record<string, string>;
      /** Applied only while this message is still the number's latest outbound one (effects jobs run unordered). */
      latestMessageId?: number;
    }
  | { kind: 'ticket'; contact: ContactRef; ticket: TicketRequest }
  | { kind: 'assign_owner'; contact: ContactRef; ownerId: string }
  | { kind: 'assign_team'; contact: ContactRef; teamId: string };

const refOf = (m: StoredMessage): ContactRef => ({ contactId: m.contactId, phone: m.phone });
const iso = (ms: number) => new Date(ms).toISOString();
const preview = (text: string | null) => (text ?? '').slice(0, 200);

function messageTokens(m: StoredMessage): Record<string, string> {
  return {
    direction: m.direction,
    ...(m.templateName ? { template: m.templateName } : {}),
    ...(m.body ? { text: preview(m.body) } : {}),
    status: m.status,
  };
}

/** After the provider accepted a send: the "message sent" event and the contact's last-message properties. */
export function sentEffects(m: StoredMessage): CrmEffect[] {
  const at = m.acceptedAt ?? m.createdAt;
  return [
    {
      kind: 'timeline',
      contact: refOf(m),
      event: {
        id: `wa:${m.providerMessageId}:sent`,
        kind: 'whatsapp_sent',
        occurredAt: new Date(at),
        tokens: messageTokens(m),
      },
    },
    {
      kind: 'contact_properties',
      contact: refOf(m),
      properties: { [P.lastMessageAt]: iso(at), [P.lastMessageStatus]: 'sent', [P.responseStatus]: 'awaiting_reply' },
      latestMessageId: m.id,
    },
  ];
}

/** A send refused or failed before the provider accepted it. */
export function sendFailedEffects(m: StoredMessage): CrmEffect[] {
  const tokens = { ...messageTokens(m), reason: m.failure?.message ?? '' };
  const event: TimelineEvent = {
    id: `wa:msg:${m.id}:failed`,
    kind: 'whatsapp_failed',
    occurredAt: new Date(m.failedAt ?? m.updatedAt),
    tokens,
  };
  return [{ kind: 'timeline', contact: refOf(m), event }];
}

const STATUS_KIND = { delivered: 'whatsapp_delivered', read: 'whatsapp_read', failed: 'whatsapp_failed' } as const;

/**
 * Effects of a real status change only (duplicates and stale statuses produce none). The contact's
 * "last message status" follows only its latest outbound message, so a late `read` of an older message
 * does not overwrite the newer one's status.
 */
export function statusChangeEffects(change: StatusChange, isLatestOutbound: boolean): CrmEffect[] {
  if (change.kind !== 'changed') return [];
  const m = change.message;
  const effects: CrmEffect[] = [];
  const kind = STATUS_KIND[change.to as keyof typeof STATUS_KIND];
  if (kind) {
    const at = m.readAt ?? m.deliveredAt ?? m.failedAt ?? m.updatedAt;
    const tokens = { ...messageTokens(m), ...(change.failure ? { reason: change.failure.message } : {}) };
    effects.push({
      kind: 'timeline',
      contact: refOf(m),
      event: { id: `wa:${m.providerMessageId}:${change.to}`, kind, occurredAt: new Date(at), tokens },
    });
  }
  if (isLatestOutbound) {
    const properties = { [P.lastMessageStatus]: change.to };
    effects.push({ kind: 'contact_properties', contact: refOf(m), properties, latestMessageId: m.id });
  }
  return effects;
}

/** An inbound message: the reply on the timeline, and what its decision means for the contact. */
export function inboundEffects(m: StoredMessage, decision: InboundDecision): CrmEffect[] {
  const contact = refOf(m);
  const reply: TimelineEvent = {
    id: `wa:${m.providerMessageId}:reply`,
    kind: 'whatsapp_reply_received',
    occurredAt: new Date(m.createdAt),
    tokens: { text: preview(m.body), type: m.kind, phone: m.phone },
  };
  const effects: CrmEffect[] = [
    { kind: 'timeline', contact, event: reply },
    {
      kind: 'contact_properties',
      contact,
      properties: { [P.lastReplyAt]: iso(m.createdAt), [P.responseStatus]: 'replied' },
    },
  ];
  if (decision.kind === 'opt_out' || decision.kind === 'opt_in') {
    const out = decision.kind === 'opt_out';
    const status = out ? (decision.scope === 'all' ? 'opted_out' : 'opted_out_marketing') : 'opted_in';
    const event: TimelineEvent = {
      id: `wa:${m.providerMessageId}:${decision.kind}`,
      kind: out ? 'whatsapp_opted_out' : 'whatsapp_opted_in',
      occurredAt: new Date(m.createdAt),
      tokens: {
        keyword: decision.keyword,
        phone: m.phone,
        ...(decision.kind === 'opt_out' ? { scope: decision.scope } : {}),
      },
    };
    effects.push(
      { kind: 'timeline', contact, event },
      { kind: 'contact_properties', contact, properties: { [P.optInStatus]: status } },
    );
  }
  if (decision.kind === 'route') effects.push(...routeEffects(m, decision));
  return effects;
}

function routeEffects(m: StoredMessage, decision: Extract<InboundDecision, { kind: 'route' }>): CrmEffect[] {
  const contact = refOf(m);
  const { rule } = decision;
  const effects: CrmEffect[] = [];
  if (rule.assignTo?.kind === 'owner') effects.push({ kind: 'assign_owner', contact, ownerId: rule.assignTo.ownerId });
  if (rule.assignTo?.kind === 'team') effects.push({ kind: 'assign_team', contact, teamId: rule.assignTo.teamId });
  if (rule.createTicket) {
    const ticket: TicketRequest = {
      idempotencyKey: `wa:${m.providerMessageId}:ticket`,
      subject: `WhatsApp (${rule.team}): ${preview(m.body).slice(0, 80)}`,
      content: m.body ?? '',
      ...(rule.ticket ? { pipeline: rule.ticket.pipeline, stage: rule.ticket.stage } : {}),
      ...(rule.assignTo?.kind === 'owner' ? { ownerId: rule.assignTo.ownerId } : {}),
    };
    effects.push({ kind: 'ticket', contact, ticket });
  }
  return effects;
}
