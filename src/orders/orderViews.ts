import type { CreateOrderFieldName, CreateOrderFields, OrderDetail, OrderSummary } from '../contract/orders.ts';
import type { FieldIssue, OrderFieldValues } from '../mapping/applyOrderMapping.ts';
import type { Order, StatusChange } from './types.ts';

/**
 * Our order model → the card contract's shapes (src/contract/orders.ts), and the *Create order* form's field
 * names ↔ order field keys. The only place that knows both vocabularies.
 */
export const FORM_TO_ORDER_FIELD: Record<CreateOrderFieldName, string> = {
  name: 'name',
  orderDate: 'orderDate',
  value: 'value',
  currency: 'currency',
  customerName: 'customer.name',
  customerDomain: 'customer.domain',
  customerPhone: 'customer.phone',
  customerAddress: 'customer.address',
};

const ORDER_TO_FORM_FIELD = Object.fromEntries(
  Object.entries(FORM_TO_ORDER_FIELD).map(([form, field]) => [field, form]),
);

/** The form name of an order field (`customer.name` → `customerName`); custom fields keep their key. */
export const formFieldOf = (field: string): string => ORDER_TO_FORM_FIELD[field] ?? field;

export function toOrderSummary(o: Order): OrderSummary {
  return {
    id: o.id,
    number: o.number,
    name: o.name,
    dealId: o.dealId,
    status: o.status,
    value: o.value,
    currency: o.currency,
    orderDate: o.orderDate,
    customer: o.customer,
    shipping: o.shipping,
    source: o.source,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
}

export function toOrderDetail(o: Order, history: readonly StatusChange[], openConflicts: number): OrderDetail {
  return {
    ...toOrderSummary(o),
    contacts: o.contacts,
    lineItems: o.lineItems,
    custom: o.custom,
    completedAt: o.completedAt,
    history: history.map((h) => ({ fromStatus: h.fromStatus, toStatus: h.toStatus, actor: h.actor, at: h.at })),
    openConflicts,
    syncedToDeal: o.hubspotSync === 'synced',
  };
}

/** Form values a rep sent → overrides keyed by order field (fields not sent stay as mapped from the deal). */
export function overridesFromForm(fields: Partial<CreateOrderFields>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [form, value] of Object.entries(fields) as [CreateOrderFieldName, string | null | undefined][]) {
    if (value !== undefined) out[FORM_TO_ORDER_FIELD[form]] = value === '' ? null : value;
  }
  return out;
}

/** Mapped order values → the form's fields, and mapping issues keyed by form field. */
export function prefillFields(values: OrderFieldValues, issues: readonly FieldIssue[]) {
  const fields: Record<string, string | null> = {};
  for (const [form, field] of Object.entries(FORM_TO_ORDER_FIELD)) fields[form] = values[field] ?? null;
  return { fields, issues: issues.map((i) => ({ field: formFieldOf(i.field), message: i.message })) };
}
