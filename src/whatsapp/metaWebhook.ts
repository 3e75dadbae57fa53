import type { z } from 'zod';
import { classifyProviderError } from './classifyProviderError.ts';
import { Envelope, ErrorItem, MessageItem, MessagesValue, StatusItem } from './metaWebhookSchema.ts';
import type { InboundContent, ParseWebhookResult, ProviderEvent } from './provider.ts';

/**
 * A verified Meta webhook body → our events (reference/whatsapp.md §2). Only `field: "messages"` is read;
 * other fields (template status, account updates…) are counted as ignored and still deserve a 200 (§2).
 * Pure: no clock, no I/O.
 */
export function parseMetaWebhook(rawBody: Buffer): ParseWebhookResult {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { ok: false, reason: 'the body is not JSON' };
  }
  const envelope = Envelope.safeParse(json);
  if (!envelope.success) return { ok: false, reason: `not a WhatsApp webhook: ${issues(envelope.error)}` };
  const events: ProviderEvent[] = [];
  const problems: string[] = [];
  let ignored = 0;
  envelope.data.entry.forEach((entry, e) => {
    entry.changes.forEach((change, c) => {
      if (change.field !== 'messages') {
        ignored += 1;
        return;
      }
      const where = `entry[${e}].changes[${c}]`;
      const value = MessagesValue.safeParse(change.value);
      if (!value.success) problems.push(`${where}: ${issues(value.error)}`);
      else readValue(value.data, where, events, problems);
    });
  });
  return { ok: true, webhook: { events, ignored, problems } };
}

function readValue(value: z.output<typeof MessagesValue>, where: string, events: ProviderEvent[], problems: string[]) {
  const businessNumberId = value.metadata.phone_number_id;
  const names = new Map((value.contacts ?? []).map((c) => [c.wa_id, c.profile?.name]));
  const each = <T>(items: unknown[] | undefined, key: string, schema: z.ZodType<T>, use: (item: T) => void) => {
    (items ?? []).forEach((raw, i) => {
      const parsed = schema.safeParse(raw);
      if (parsed.success) use(parsed.data);
      else problems.push(`${where}.value.${key}[${i}]: ${issues(parsed.error)}`);
    });
  };
  each(value.statuses, 'statuses', StatusItem, (s) => events.push(statusEvent(businessNumberId, s)));
  each(value.messages, 'messages', MessageItem, (m) => {
    const profileName = names.get(m.from);
    events.push({
      kind: 'inbound',
      businessNumberId,
      providerMessageId: m.id,
      from: m.from,
      at: m.timestamp,
      ...(profileName ? { profileName } : {}),
      content: contentOf(m),
      ...(m.context?.id ? { replyTo: m.context.id } : {}),
    });
  });
  each(value.errors, 'errors', ErrorItem, (err) =>
    events.push({ kind: 'error', businessNumberId, failure: failureOf(err) }),
  );
}

function statusEvent(businessNumberId: string, s: StatusItem): ProviderEvent {
  const error = s.errors?.[0];
  return {
    kind: 'status',
    businessNumberId,
    providerMessageId: s.id,
    status: s.status,
    at: s.timestamp,
    recipientId: s.recipient_id,
    ...(error ? { failure: failureOf(error) } : {}),
    ...(s.biz_opaque_callback_data ? { correlationId: s.biz_opaque_callback_data } : {}),
    ...(s.pricing?.billable !== undefined ? { billable: s.pricing.billable } : {}),
  };
}

const failureOf = (e: z.output<typeof ErrorItem>) =>
  classifyProviderError({ code: e.code, ...(e.error_data?.details ? { details: e.error_data.details } : {}) });

/** The payload named after `type`; a type whose payload is missing or unknown becomes `other`. */
function contentOf(m: MessageItem): InboundContent {
  switch (m.type) {
    case 'text':
      if (m.text) return { type: 'text', text: m.text.body };
      break;
    case 'button':
      if (m.button) return { type: 'button', text: m.button.text, payload: m.button.payload ?? m.button.text };
      break;
    case 'interactive': {
      const reply = m.interactive?.button_reply ?? m.interactive?.list_reply;
      if (reply)
        return {
          type: 'interactive',
          replyId: reply.id,
          title: reply.title,
          ...optional('description', reply.description),
        };
      break;
    }
    case 'reaction':
      if (m.reaction) return { type: 'reaction', emoji: m.reaction.emoji ?? '', messageId: m.reaction.message_id };
      break;
    case 'image':
      if (m.image) {
        const { id, mime_type, caption } = m.image;
        return { type: 'image', mediaId: id, ...optional('mimeType', mime_type), ...optional('caption', caption) };
      }
      break;
    case 'unsupported':
      // §1: 131051 "Message type unknown" arrives on the message itself.
      return { type: 'unsupported', ...optional('errorCode', m.errors?.[0] ? String(m.errors[0].code) : undefined) };
  }
  return { type: 'other', originalType: m.type, ...optional('text', m.system?.body) };
}

const optional = <K extends string>(key: K, value: string | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, string>>;

const issues = (error: z.ZodError) =>
  error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
