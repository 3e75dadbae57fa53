import type { NewOrder, Order, OrderCustomer, StatusChange } from './types.ts';

/** SQL rows of the orders tables and their conversion to the domain model (orderStore.ts does the SQL). */
export interface OrderRow {
  id: number;
  portal_id: number;
  seq: number;
  number: string;
  deal_id: string;
  name: string;
  company_id: string | null;
  customer: string;
  contacts: string;
  line_items: string;
  custom: string;
  order_date: string | null;
  value: string | null;
  currency: string | null;
  status: string;
  carrier: string | null;
  tracking_number: string | null;
  shipped_at: string | null;
  completed_at: string | null;
  source: Order['source'];
  hubspot_sync: Order['hubspotSync'];
  sync_lease_token: string | null;
  sync_lease_until: number | null;
  created_at: string;
  updated_at: string;
}

export interface HistoryRow {
  id: number;
  order_id: number;
  from_status: string | null;
  to_status: string;
  actor: string;
  at: string;
}

type CustomerFields = Omit<OrderCustomer, 'companyId'>;

export function toOrder(r: OrderRow): Order {
  const customer = JSON.parse(r.customer) as CustomerFields;
  return {
    id: r.id,
    portalId: r.portal_id,
    number: r.number,
    dealId: r.deal_id,
    name: r.name,
    customer: { companyId: r.company_id, ...customer },
    contacts: JSON.parse(r.contacts),
    lineItems: JSON.parse(r.line_items),
    custom: JSON.parse(r.custom),
    orderDate: r.order_date,
    value: r.value,
    currency: r.currency,
    status: r.status,
    shipping: { carrier: r.carrier, trackingNumber: r.tracking_number, shippedAt: r.shipped_at },
    completedAt: r.completed_at,
    source: r.source,
    hubspotSync: r.hubspot_sync,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Named parameters of the order columns a create or a full update writes. */
export function orderParams(o: NewOrder & Partial<Pick<Order, 'shipping' | 'completedAt'>>) {
  const { companyId, ...customer } = o.customer;
  return {
    portalId: o.portalId,
    dealId: o.dealId,
    name: o.name,
    companyId,
    customer: JSON.stringify(customer),
    contacts: JSON.stringify(o.contacts),
    lineItems: JSON.stringify(o.lineItems),
    custom: JSON.stringify(o.custom),
    orderDate: o.orderDate,
    value: o.value,
    currency: o.currency,
    status: o.status,
    source: o.source,
    carrier: o.shipping?.carrier ?? null,
    trackingNumber: o.shipping?.trackingNumber ?? null,
    shippedAt: o.shipping?.shippedAt ?? null,
    completedAt: o.completedAt ?? null,
  };
}

export const toStatusChange = (r: HistoryRow): StatusChange => ({
  id: r.id,
  orderId: r.order_id,
  fromStatus: r.from_status,
  toStatus: r.to_status,
  actor: r.actor,
  at: r.at,
});
