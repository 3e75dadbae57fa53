import { statusError } from './graphErrors.ts';
import type { PhoneNumber, Pricing, SentMessage, StatusStep, TemplateCategory } from './types.ts';

/**
 * Webhook bodies exactly as Meta shapes them (reference §2; fixtures constructed-webhook-status-*.json and
 * webhook-inbound-*.json): object → entry[] (id = WABA) → changes[] → {value, field: "messages"}, value
 * holding metadata plus `statuses[]` or `contacts[]`+`messages[]`. Timestamps are strings of Unix seconds.
 */

export function envelope(phone: PhoneNumber, value: Record<string, unknown>) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: phone.wabaId,
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: phone.displayPhoneNumber, phone_number_id: phone.id },
              ...value,
            },
            field: 'messages',
          },
        ],
      },
    ],
  };
}

export const unixSeconds = (ms: number): string => String(Math.floor(ms / 1000));

/**
 * One status webhook. `pricing` rides on sent/delivered, not on read or failed, and a failed status carries
 * `errors` (fixtures). [M] `conversation` is omitted: under per-message pricing Meta drops it except for
 * free-entry-point conversations, which the sandbox does not model. biz_opaque_callback_data is echoed [U].
 */
export function statusWebhook(phone: PhoneNumber, msg: SentMessage, step: StatusStep) {
  const status = {
    id: msg.id,
    status: step.status,
    timestamp: unixSeconds(msg.acceptedAt + step.offsetMs),
    recipient_id: msg.waId,
    ...(msg.bizOpaqueCallbackData !== undefined ? { biz_opaque_callback_data: msg.bizOpaqueCallbackData } : {}),
    ...(step.status === 'sent' || step.status === 'delivered' ? { pricing: { ...msg.pricing } } : {}),
    ...(step.status === 'failed' ? { errors: [statusError(step.errorCode ?? 131000)] } : {}),
  };
  return envelope(phone, { statuses: [status] });
}

/**
 * Per-message pricing [U beyond the fixtures]: templates bill by category; a utility template inside an open
 * customer service window is free, and so is every non-template (service) message (reference §3 M-svc).
 */
export function pricingFor(category: TemplateCategory | undefined, windowOpen: boolean): Pricing {
  if (!category) return { billable: false, pricing_model: 'PMP', category: 'service', type: 'free_customer_service' };
  const lower = category.toLowerCase() as Pricing['category'];
  if (category === 'UTILITY' && windowOpen) {
    return { billable: false, pricing_model: 'PMP', category: lower, type: 'free_customer_service' };
  }
  return { billable: true, pricing_model: 'PMP', category: lower, type: 'regular' };
}
