import { invalidParameter } from './graphErrors.ts';
import type { WhatsAppSandboxState } from './state.ts';
import type { PhoneNumber } from './types.ts';

/**
 * The other request the messages endpoint takes: mark an inbound message as read, optionally showing a
 * typing indicator (OAS example "Send typing indicator and read receipt"):
 * `{messaging_product:"whatsapp", status:"read", message_id, typing_indicator?:{type:"text"}}` → `{success:true}`.
 * It has no `to`/`type`, so it is not in the `Message` schema; checked here by hand.
 * [U] An unknown message_id is answered with code 100.
 */
export function markRead(
  state: WhatsAppSandboxState,
  phone: PhoneNumber,
  body: Record<string, unknown>,
): { status: number; body: unknown; errorCode?: number } {
  const problem = readReceiptProblem(body);
  const inbound = problem
    ? undefined
    : state.inbound.find((m) => m.id === body.message_id && m.phoneNumberId === phone.id);
  const details =
    problem ??
    (inbound
      ? undefined
      : `The parameter message_id (${String(body.message_id)}) is not a message received by this number.`);
  if (details) {
    const reply = invalidParameter(details);
    return { status: reply.status, body: reply.body, errorCode: 100 };
  }
  inbound!.readByBusiness = true;
  return { status: 200, body: { success: true } };
}

function readReceiptProblem(body: Record<string, unknown>): string | undefined {
  if (body.messaging_product !== 'whatsapp') return 'The parameter messaging_product must be "whatsapp".';
  if (typeof body.message_id !== 'string') return 'The parameter message_id is required.';
  const extra = Object.keys(body).find(
    (k) => !['messaging_product', 'status', 'message_id', 'typing_indicator'].includes(k),
  );
  if (extra) return `The parameter ${extra} is not a valid parameter.`;
  const typing = body.typing_indicator as { type?: unknown } | undefined;
  if (typing !== undefined && typing?.type !== 'text')
    return 'The parameter typing_indicator.type must be one of: text.';
  return undefined;
}
