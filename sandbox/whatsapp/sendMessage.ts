import { acceptMessage, asyncFailure } from './acceptMessage.ts';
import { authorize } from './auth.ts';
import { type GraphErrorReply, invalidParameter, unknownObject, whatsappError } from './graphErrors.ts';
import { validateSendBody } from './openapi/sendSchema.ts';
import { markRead } from './readReceipts.ts';
import { normalizeNumber, recipientOf, takeSendFault, windowOpen } from './recipients.ts';
import type { WhatsAppSandboxState } from './state.ts';
import { checkTemplate } from './templateRules.ts';
import type { SentTemplate } from './types.ts';
import { pricingFor } from './webhookPayloads.ts';

/**
 * `POST /{Version}/{Phone-Number-ID}/messages` without Express. Checks run in this order:
 * token (190) → the token's WABA owns the number (100/33) → body against Meta's OpenAPI (100) → `to` (100)
 * → injected faults → template (132001/132015/132016/132000/132012) → 24 h window when synchronous (131047)
 * → throughput (130429) → pair rate (131056) → 200 and status webhooks. Asynchronous failures (131026,
 * 131047, 131049, 131050) are accepted here and reported by a `failed` status.
 */

export interface SendRequest {
  phoneNumberId: string;
  authorization?: string;
  queryToken?: string;
  body: unknown;
}

export interface SendReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Graph error code, for the call log. */
  errorCode?: number;
}

const fail = (reply: GraphErrorReply): SendReply => ({ ...reply, errorCode: reply.body.error.code });

export function handleSend(state: WhatsAppSandboxState, req: SendRequest): SendReply {
  const auth = authorize(state, req.authorization, req.queryToken);
  if (!auth.ok) return fail(auth.reply);
  const phone = state.phoneNumbers.get(req.phoneNumberId);
  if (!phone || phone.wabaId !== auth.grant.wabaId) return fail(unknownObject(req.phoneNumberId, 'post'));

  const raw = req.body as Record<string, unknown> | undefined;
  if (raw && typeof raw === 'object' && raw.status === 'read') return markRead(state, phone, raw);

  const valid = validateSendBody(req.body, state.options.specPath);
  if (!valid.ok) return fail(invalidParameter(valid.details));
  const body = valid.body;
  if (body.recipient_type === 'group') {
    return fail(invalidParameter('The parameter recipient_type "group" is not supported by the sandbox.')); // [M]
  }
  const to = String(body.to);
  const digits = normalizeNumber(to);
  if (!digits) return fail(invalidParameter(`The parameter to (${to}) is not a valid phone number.`)); // [M]
  const waId = recipientOf(state, digits).waId ?? digits;

  const fault = takeSendFault(state);
  if (fault !== undefined) return fail(whatsappError(fault));

  let template: SentTemplate | undefined;
  if (body.type === 'template') {
    const check = checkTemplate(state, phone.wabaId, body.template as Parameters<typeof checkTemplate>[2]);
    if (!check.ok) return fail(check.reply);
    template = check.sent;
  }
  const open = windowOpen(state, phone.id, waId);
  if (!template && !open && state.options.windowErrorMode === 'sync') return fail(whatsappError(131047));

  const now = state.now();
  if (state.throughput.used(phone.id, now) >= phone.throughputPerSecond) return fail(whatsappError(130429));
  if (!state.pairs.tryTake(phone.id, waId, now)) return fail(whatsappError(131056));
  state.throughput.record(phone.id, now);

  const asyncErrorCode = asyncFailure(state, {
    waId,
    isTemplate: !!template,
    category: template?.category,
    windowOpen: open,
  });
  const message = acceptMessage(state, {
    phone,
    to,
    waId,
    body,
    pricing: pricingFor(template?.category, open),
    ...(template ? { template } : {}),
    ...(asyncErrorCode ? { asyncErrorCode } : {}),
  });
  // OAS MessageResponsePayload; fixture response-send-success.json.
  return {
    status: 200,
    body: { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: waId }], messages: [{ id: message.id }] },
  };
}
