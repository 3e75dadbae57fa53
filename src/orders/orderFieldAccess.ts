import type { OrderFieldValues } from '../mapping/applyOrderMapping.ts';
import type { NewOrder, Order, OrderContact, OrderCustomer, OrderLineItem, OrderSource } from './types.ts';

/**
 * Reads and writes an order's mapped fields by their mapping key (`name`, `value`, `customer.domain`,
 * `custom.po_number`), so mapping, conflicts and edits share one vocabulary with the order model.
 */
type CustomerKey = Exclude<keyof OrderCustomer, 'companyId'>;
const CUSTOMER_KEYS: readonly CustomerKey[] = ['name', 'domain', 'phone', 'address'];
const TOP_LEVEL = ['name', 'orderDate', 'value', 'currency'] as const;
type TopLevel = (typeof TOP_LEVEL)[number];

const isTopLevel = (f: string): f is TopLevel => (TOP_LEVEL as readonly string[]).includes(f);
const customerKey = (f: string): CustomerKey | undefined => CUSTOMER_KEYS.find((k) => f === `customer.${k}`);

/** The order's current value of a mapped field (undefined for a field the order does not have). */
export function fieldValue(
  order: Pick<Order, TopLevel | 'customer' | 'custom'>,
  field: string,
): string | null | undefined {
  if (isTopLevel(field)) return order[field];
  const ck = customerKey(field);
  if (ck) return order.customer[ck];
  if (field.startsWith('custom.')) return order.custom[field.slice('custom.'.length)] ?? null;
  return undefined;
}

/** A copy of the order with the given mapped fields replaced. `name` cannot become empty (every order has one). */
export function withFieldValues<T extends Pick<Order, TopLevel | 'customer' | 'custom'>>(
  order: T,
  values: OrderFieldValues,
): T {
  const out: T = { ...order, customer: { ...order.customer }, custom: { ...order.custom } };
  for (const [field, value] of Object.entries(values)) {
    if (field === 'name') out.name = value ?? order.name;
    else if (field === 'orderDate' || field === 'value' || field === 'currency') out[field] = value;
    else if (customerKey(field)) out.customer[customerKey(field)!] = value;
    else if (field.startsWith('custom.')) out.custom[field.slice('custom.'.length)] = value;
  }
  return out;
}

export interface OrderDraftInput {
  portalId: number;
  dealId: string;
  values: OrderFieldValues;
  status: string;
  source: OrderSource;
  companyId: string | null;
  contacts: OrderContact[];
  lineItems: OrderLineItem[];
}

/** Mapped values + HubSpot copies → the NewOrder the store inserts. The mapping guarantees `name` is set. */
export function orderDraft(input: OrderDraftInput): NewOrder {
  const empty: NewOrder = {
    portalId: input.portalId,
    dealId: input.dealId,
    name: '',
    customer: { companyId: input.companyId, name: null, domain: null, phone: null, address: null },
    contacts: input.contacts,
    lineItems: input.lineItems,
    custom: {},
    orderDate: null,
    value: null,
    currency: null,
    status: input.status,
    source: input.source,
  };
  return withFieldValues(empty, input.values);
}
