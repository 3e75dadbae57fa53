import { z } from 'zod';

/**
 * The Orders card endpoints (issue 6 §4): the deal's order or a pre-filled *Create order* form, a company's orders,
 * and creating an order from the form. Phase 2 serves these paths; the card imports the same schemas.
 */
export const ORDERS_DEAL_CARD_PATH = '/api/cards/orders/deal';
export const ORDERS_COMPANY_CARD_PATH = '/api/cards/orders/company';
export const CREATE_ORDER_PATH = '/api/cards/orders';

const Text = z.string().nullable();
const HubspotId = z.string().regex(/^\d+$/, 'must be a HubSpot record id');
const PortalId = z.coerce.number().int().positive();

export const OrderCustomerView = z.object({ companyId: Text, name: Text, domain: Text, phone: Text, address: Text });
export const OrderContactView = z.object({ hubspotId: z.string(), name: Text, email: Text });
export const OrderLineItemView = z.object({
  hubspotId: z.string(),
  name: Text,
  quantity: Text,
  price: Text,
  amount: Text,
  sku: Text,
});
export const OrderShippingView = z.object({ carrier: Text, trackingNumber: Text, shippedAt: Text });
export const OrderHistoryEntry = z.object({
  fromStatus: Text,
  toStatus: z.string(),
  actor: z.string(),
  at: z.string(),
});

export const OrderSummary = z.object({
  id: z.number().int(),
  number: z.string(),
  name: z.string(),
  dealId: z.string(),
  status: z.string(),
  value: Text,
  currency: Text,
  orderDate: Text,
  customer: OrderCustomerView,
  shipping: OrderShippingView,
  source: z.enum(['automatic', 'manual']),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OrderSummary = z.infer<typeof OrderSummary>;

export const OrderDetail = OrderSummary.extend({
  contacts: z.array(OrderContactView),
  lineItems: z.array(OrderLineItemView),
  custom: z.record(z.string(), Text),
  completedAt: Text,
  history: z.array(OrderHistoryEntry),
  /** Manual conflicts waiting for someone to pick a value. */
  openConflicts: z.number().int().nonnegative(),
  /** False while the deal does not show the order yet (write-back pending or failed). */
  syncedToDeal: z.boolean(),
});
export type OrderDetail = z.infer<typeof OrderDetail>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const DOMAIN = /^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

/** The *Create order* form: what the rep reviews and may edit. Messages are shown next to the field in the card. */
export const CreateOrderFields = z.object({
  name: z.string().trim().min(1, 'Enter an order name').max(200, 'Keep the name under 200 characters'),
  orderDate: z.string().regex(DATE, 'Use a date like 2026-01-31').nullable(),
  value: z.string().trim().regex(DECIMAL, 'Enter an amount like 1250.00').nullable(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'Use a three-letter currency code like EUR')
    .nullable(),
  customerName: z.string().trim().max(200, 'Keep the name under 200 characters').nullable(),
  customerDomain: z.string().trim().regex(DOMAIN, 'Enter a domain like example.com').nullable(),
  customerPhone: z.string().trim().max(50, 'Keep the phone number under 50 characters').nullable(),
  customerAddress: z.string().trim().max(500, 'Keep the address under 500 characters').nullable(),
});
export type CreateOrderFields = z.infer<typeof CreateOrderFields>;
export type CreateOrderFieldName = keyof CreateOrderFields;

/** Form values as mapped from the deal; they may not pass validation yet (that is what `issues` explain). */
export const CreateOrderPrefill = z.object({
  dealId: z.string(),
  fields: z.record(z.string(), Text),
  issues: z.array(z.object({ field: z.string(), message: z.string() })),
});
export type CreateOrderPrefill = z.infer<typeof CreateOrderPrefill>;

export const DealOrderQuery = z.object({ portalId: PortalId, dealId: HubspotId });
export const DealOrderResponse = z.discriminatedUnion('state', [
  z.object({ state: z.literal('linked'), order: OrderDetail }),
  z.object({ state: z.literal('none'), prefill: CreateOrderPrefill }),
]);
export type DealOrderResponse = z.infer<typeof DealOrderResponse>;

export const CompanyOrdersQuery = z.object({
  portalId: PortalId,
  companyId: HubspotId,
  limit: z.coerce.number().int().min(1).max(50).default(10),
  /** The `nextBefore` of the previous page. */
  before: z.coerce.number().int().positive().optional(),
});
export const CompanyOrdersResponse = z.object({
  orders: z.array(OrderSummary),
  nextBefore: z.number().int().nullable(),
});
export type CompanyOrdersResponse = z.infer<typeof CompanyOrdersResponse>;

/** Fields left out are taken from the deal, as in the prefill. */
export const CreateOrderRequest = z.object({
  portalId: PortalId,
  dealId: HubspotId,
  fields: CreateOrderFields.partial().default({}),
  /**
   * One per *Create order* click. The order is already unique per deal, but HubSpot may retry a hubspot.fetch once:
   * a retry carrying the same id should be answered like the first attempt (`created: true`), so the card does not
   * tell the rep the order "already existed". Optional: callers without one get the per-deal idempotency only.
   */
  requestId: z.string().min(8).max(100).optional(),
});
export type CreateOrderRequest = z.infer<typeof CreateOrderRequest>;

export const CreateOrderResponse = z.object({ created: z.boolean(), order: OrderDetail });
export type CreateOrderResponse = z.infer<typeof CreateOrderResponse>;

/** `error.details` of a 400 from CREATE_ORDER_PATH: one message per form field. */
export const CreateOrderFieldErrors = z.object({ fields: z.record(z.string(), z.string()) });
export type CreateOrderFieldErrors = z.infer<typeof CreateOrderFieldErrors>;

/** The first message per field of a failed parse, keyed by the field's name (`fields.value` → `value`). */
export function orderFormErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.filter((p) => p !== 'fields').join('.') || 'request';
    out[key] ??= issue.message;
  }
  return out;
}
