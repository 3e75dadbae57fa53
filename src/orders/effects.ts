import { createHash } from 'node:crypto';
import type { Order, StatusChange } from './types.ts';

/**
 * Timeline effects the orders code returns instead of posting: phase 2's shared timeline code posts them as app
 * events (hubspot-platform.md §3.2) or falls back to a note. `occurrenceId` is stable per order (and per status
 * change), so posting twice is harmless: HubSpot answers 409 for a repeated event id (§3.2).
 * The event uids and token names must match the app-event templates in extensions/app/app-events/.
 */
export const ORDER_EVENTS = {
  created: 'order_created',
  statusChanged: 'order_status_changed',
} as const;

/** Tokens (app-event properties) both templates declare. */
export const ORDER_EVENT_TOKENS = ['order_number', 'status', 'value', 'tracking'] as const;
export type OrderEventTokens = Record<(typeof ORDER_EVENT_TOKENS)[number], string>;

export interface TimelineEffect {
  kind: 'timeline_event';
  portalId: number;
  eventUid: (typeof ORDER_EVENTS)[keyof typeof ORDER_EVENTS];
  objectType: 'DEAL';
  objectId: string;
  occurrenceId: string;
  properties: OrderEventTokens;
  timestamp: Date;
}

/** "12500.5 EUR", or "" without a value (app-event properties are strings). */
export const formatValue = (o: Pick<Order, 'value' | 'currency'>): string =>
  o.value === null ? '' : [o.value, o.currency].filter(Boolean).join(' ');

function tokens(o: Order): OrderEventTokens {
  const tracking = [o.shipping.carrier, o.shipping.trackingNumber].filter(Boolean).join(' ');
  return { order_number: o.number, status: o.status, value: formatValue(o), tracking };
}

/** *Order created* on the deal's timeline. */
export function orderCreatedEffect(o: Order): TimelineEffect {
  return {
    kind: 'timeline_event',
    portalId: o.portalId,
    eventUid: ORDER_EVENTS.created,
    objectType: 'DEAL',
    objectId: o.dealId,
    occurrenceId: `order-${o.portalId}-${o.id}-created`,
    properties: tokens(o),
    timestamp: new Date(o.createdAt),
  };
}

/**
 * *Order status changed*; one occurrence per status change (history row), or per distinct shipping details when
 * only those changed — so a retried request maps to the same occurrence id.
 */
export function orderStatusChangedEffect(o: Order, change: StatusChange | null, at: Date): TimelineEffect {
  const shippingKey = createHash('sha256').update(JSON.stringify(o.shipping)).digest('hex').slice(0, 12);
  const suffix = change ? `status-${change.id}` : `shipping-${shippingKey}`;
  return {
    kind: 'timeline_event',
    portalId: o.portalId,
    eventUid: ORDER_EVENTS.statusChanged,
    objectType: 'DEAL',
    objectId: o.dealId,
    occurrenceId: `order-${o.portalId}-${o.id}-${suffix}`,
    properties: tokens(o),
    timestamp: change ? new Date(change.at) : at,
  };
}
