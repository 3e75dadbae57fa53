import { recipientOf } from './recipients.ts';
import type { WhatsAppSandboxState } from './state.ts';
import { planStatuses } from './statusPlan.ts';
import type { PhoneNumber, Pricing, SentMessage, SentTemplate, StatusScenario } from './types.ts';
import { statusWebhook } from './webhookPayloads.ts';

/**
 * What happens once Meta has accepted a message (HTTP 200 "accepted, not delivered", reference §1):
 * the send is recorded and its status webhooks are queued. Errors Meta reports asynchronously become a
 * `failed` scenario here (reference §1 table, column "where" = A).
 */

export interface Acceptance {
  phone: PhoneNumber;
  to: string;
  waId: string;
  body: Record<string, unknown>;
  template?: SentTemplate;
  pricing: Pricing;
  /** An error code Meta reports only in the status webhook (131026, 131047, 131049, 131050). */
  asyncErrorCode?: number;
}

export function acceptMessage(state: WhatsAppSandboxState, input: Acceptance): SentMessage {
  const { phone, waId, body } = input;
  const scenario: StatusScenario = input.asyncErrorCode
    ? { kind: 'failed', code: input.asyncErrorCode }
    : (state.scenarioQueue.shift() ?? recipientOf(state, waId).scenario ?? { kind: 'normal' });
  const message: SentMessage = {
    id: state.ids.wamid(waId, 'outbound'),
    phoneNumberId: phone.id,
    wabaId: phone.wabaId,
    to: input.to,
    waId,
    type: String(body.type),
    ...(body.type === 'text' ? { text: String((body.text as { body: string }).body) } : {}),
    ...(input.template ? { template: input.template } : {}),
    ...(typeof body.biz_opaque_callback_data === 'string'
      ? { bizOpaqueCallbackData: body.biz_opaque_callback_data }
      : {}),
    pricing: input.pricing,
    body,
    acceptedAt: state.now(),
    scenario,
    plannedStatuses: planStatuses(scenario, state.options.statusOffsetsMs),
  };
  state.sent.push(message);
  message.plannedStatuses.forEach((step, i) => {
    state.outbox.enqueue({
      wabaId: phone.wabaId,
      kind: 'status',
      payload: statusWebhook(phone, message, step),
      delayMs: (i + 1) * state.options.deliveryDelayMs,
      messageId: message.id,
      status: step.status,
    });
  });
  return message;
}

/** Which asynchronous failure, if any, an otherwise valid send meets (checked in this order). */
export function asyncFailure(
  state: WhatsAppSandboxState,
  input: { waId: string; isTemplate: boolean; category?: string; windowOpen: boolean },
): number | undefined {
  const who = recipientOf(state, input.waId);
  if (who.onWhatsApp === false) return 131026;
  if (!input.isTemplate && !input.windowOpen) return 131047;
  if (input.category === 'MARKETING') {
    if (who.stoppedMarketing) return 131050;
    if (state.options.blockUsMarketing && input.waId.startsWith('1')) return 131049;
  }
  return undefined;
}
