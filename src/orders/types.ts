/**
 * Our order model, kept apart from HubSpot's shapes (CONVENTIONS: "Keep the provider's shape apart from ours").
 * Money and dates are canonical strings (mapping/orderValues.ts): "12500.5", "2026-01-15".
 */
export type OrderSource = 'automatic' | 'manual';
export type HubspotSyncState = 'pending' | 'synced';

export interface OrderCustomer {
  companyId: string | null;
  name: string | null;
  domain: string | null;
  phone: string | null;
  address: string | null;
}

export interface OrderContact {
  hubspotId: string;
  name: string | null;
  email: string | null;
}

export interface OrderLineItem {
  hubspotId: string;
  name: string | null;
  quantity: string | null;
  price: string | null;
  amount: string | null;
  sku: string | null;
}

export interface OrderShipping {
  carrier: string | null;
  trackingNumber: string | null;
  shippedAt: string | null;
}

export interface Order {
  id: number;
  portalId: number;
  number: string;
  dealId: string;
  name: string;
  customer: OrderCustomer;
  contacts: OrderContact[];
  lineItems: OrderLineItem[];
  /** Values of `custom.<key>` mapped fields, keyed by `<key>`. */
  custom: Record<string, string | null>;
  orderDate: string | null;
  value: string | null;
  currency: string | null;
  status: string;
  shipping: OrderShipping;
  completedAt: string | null;
  source: OrderSource;
  hubspotSync: HubspotSyncState;
  createdAt: string;
  updatedAt: string;
}

/** Everything a new order needs; number, timestamps and sync state come from the store. */
export type NewOrder = Pick<
  Order,
  | 'portalId'
  | 'dealId'
  | 'name'
  | 'customer'
  | 'contacts'
  | 'lineItems'
  | 'custom'
  | 'orderDate'
  | 'value'
  | 'currency'
  | 'status'
  | 'source'
>;

export interface StatusChange {
  id: number;
  orderId: number;
  fromStatus: string | null;
  toStatus: string;
  actor: string;
  at: string;
}

export type AuditAction =
  | 'order.created'
  | 'order.status_changed'
  | 'order.fields_changed'
  | 'order.customer_linked'
  | 'deal.updated'
  | 'conflict.detected'
  | 'conflict.resolved';

export interface AuditEntry {
  id: number;
  portalId: number;
  orderId: number | null;
  conflictId: number | null;
  actor: string;
  action: AuditAction;
  field: string | null;
  before: unknown;
  after: unknown;
  detail: unknown;
  at: string;
}

/** Who did something: `system:webhook`, `user:<HubSpot user id>`, `api:order-system`, … (audit `actor`). */
export type Actor = string;
