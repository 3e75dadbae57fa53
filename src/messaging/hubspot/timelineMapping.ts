import type { TimelineEvent, TimelineKind } from '../crmPort.ts';

/**
 * Our timeline events (crmEffects.ts) as occurrences of the project's app-event templates
 * (extensions/app/app-events/*-hsmeta.json). Pure. Each template declares its own property names, and HubSpot
 * refuses undeclared ones (checkOccurrence), so tokens are renamed here and the rest is dropped:
 *
 * - sent / delivered / read / failed → ONE template, `whatsapp_message_status`, whose `status` differs per
 *   occurrence. The status comes from the event kind, not from the `status` token: that token is the message's
 *   status when the effect was built (a "sent" event carries `accepted`).
 * - a reply → `whatsapp_reply_received`.
 * - opt-out / opt-in → `whatsapp_opt_in_changed`, a template of its own (`change`: out | in). A consent change is
 *   what compliance and admins look for on the timeline; as a type of its own it can be filtered and counted apart
 *   from the replies (the reply that carried the keyword is posted as a reply too), whereas the message-status
 *   template's `status` is about delivery of our message, not about the contact's consent.
 *
 * Empty values are left out (a template's `{{#if}}` then hides them; an enumeration has no empty option).
 */
export const TIMELINE_TEMPLATES = {
  messageStatus: 'whatsapp_message_status',
  reply: 'whatsapp_reply_received',
  optInChanged: 'whatsapp_opt_in_changed',
} as const;

export interface MappedOccurrence {
  eventUid: string;
  properties: Record<string, string>;
}

const STATUS_OF: Partial<Record<TimelineKind, 'sent' | 'delivered' | 'read' | 'failed'>> = {
  whatsapp_sent: 'sent',
  whatsapp_delivered: 'delivered',
  whatsapp_read: 'read',
  whatsapp_failed: 'failed',
};

/**
 * The provider message id: the `messageId` token when given, else read from the stable event id crmEffects builds,
 * `wa:<wamid>:<what>`. A send that failed before the provider accepted it has no wamid (`wa:msg:<rowId>:failed`).
 */
export function messageIdOf(event: TimelineEvent): string | undefined {
  if (event.tokens.messageId) return event.tokens.messageId;
  const m = /^wa:(.+):[a-z_]+$/.exec(event.id);
  return m && !m[1]!.startsWith('msg:') ? m[1] : undefined;
}

/** Keeps only non-empty values. */
function present(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
  );
}

function replyText(tokens: Record<string, string>): string | undefined {
  if (tokens.text) return tokens.text;
  // A photo, voice note or location has no text: say what it was rather than show an empty reply.
  return tokens.type && tokens.type !== 'text' ? `[${tokens.type}]` : undefined;
}

/** The template and its properties for one of our events. */
export function toAppEventOccurrence(event: TimelineEvent): MappedOccurrence {
  const t = event.tokens;
  const messageId = messageIdOf(event);
  const status = STATUS_OF[event.kind];
  if (status) {
    return {
      eventUid: TIMELINE_TEMPLATES.messageStatus,
      properties: present({
        messageId,
        // The header reads "WhatsApp {{templateName}} {{status}}": a free-text message reads "WhatsApp message sent".
        templateName: t.template || 'message',
        status,
        messagePreview: t.text,
        failureReason: status === 'failed' ? t.reason : undefined,
      }),
    };
  }
  if (event.kind === 'whatsapp_reply_received') {
    return {
      eventUid: TIMELINE_TEMPLATES.reply,
      properties: present({ messageId, phone: t.phone, text: replyText(t), routedTo: t.routedTo }),
    };
  }
  return {
    eventUid: TIMELINE_TEMPLATES.optInChanged,
    properties: present({
      change: event.kind === 'whatsapp_opted_out' ? 'out' : 'in',
      keyword: t.keyword,
      scope: t.scope === 'all' || t.scope === 'marketing' ? t.scope : undefined,
      messageId,
      phone: t.phone,
    }),
  };
}
