import type { MarkReadRequest, SendTemplateRequest, SendTextRequest, TemplateParameter } from './provider.ts';

/**
 * Request bodies for `POST /{version}/{phone-number-id}/messages`, exactly as Meta's OpenAPI examples shape
 * them (reference/whatsapp.md §1; examples/request-send-*.json): `messaging_product`, `recipient_type`,
 * `to`, `type`, and the payload under a key named after the type. Pure.
 */

type Json = Record<string, unknown>;

function envelope(r: { to: string; replyTo?: string; correlationId?: string }, type: string, payload: Json): Json {
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: r.to,
    type,
    [type]: payload,
    ...(r.replyTo ? { context: { message_id: r.replyTo } } : {}),
    // OAS: maxLength 512; echoed in status webhooks [U: echo unverified, §1].
    ...(r.correlationId ? { biz_opaque_callback_data: r.correlationId.slice(0, 512) } : {}),
  };
}

/** OAS `ParameterObject`: text, or currency/date_time with their fallback_value (§1). */
function parameterBody(p: TemplateParameter): Json {
  switch (p.type) {
    case 'text':
      return { type: 'text', text: p.text };
    case 'currency':
      return { type: 'currency', currency: { fallback_value: p.fallback, code: p.code, amount_1000: p.amount1000 } };
    case 'date_time':
      return { type: 'date_time', date_time: { fallback_value: p.fallback } };
  }
}

/** Template message: body parameters, then quick-reply payloads (example "Send Message Template Text", §1). */
export function templateBody(r: SendTemplateRequest): Json {
  const { template } = r;
  const components: Json[] = [];
  if (template.bodyParameters.length > 0) {
    components.push({ type: 'body', parameters: template.bodyParameters.map(parameterBody) });
  }
  for (const button of template.quickReplyPayloads ?? []) {
    components.push({
      type: 'button',
      sub_type: 'quick_reply',
      index: String(button.index),
      parameters: [{ type: 'payload', payload: button.payload }],
    });
  }
  return envelope(r, 'template', {
    name: template.name,
    // `policy: deterministic` from the SDK docs' TemplateObject (§1).
    language: { code: template.language, policy: 'deterministic' },
    ...(components.length > 0 ? { components } : {}),
  });
}

/** Free-form text (example "Send Text Message"); only valid inside the 24-hour window (§3). */
export function textBody(r: SendTextRequest): Json {
  return envelope(r, 'text', { preview_url: r.previewUrl ?? false, body: r.body });
}

/** Read receipt for an inbound message (OAS "Send typing indicator and read receipt"). */
export function markReadBody(r: MarkReadRequest): Json {
  return { messaging_product: 'whatsapp', status: 'read', message_id: r.providerMessageId };
}
