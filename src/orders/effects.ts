import { createHash } from 'node:crypto';
import type { Order, StatusChange } from './types.ts';

/**
 * Timeline effects the orders code returns instead of posting: the job spine posts each through the shared timeline
 * module (src/timeline: an app event, or a note where the portal has none), in its own durable job. `occurrenceId`
 * is stable per order (and per status change), so posting twice is harmless: the timeline module keeps one post per
 * occurrence, and HubSpot answers 409 for a repeated event id (hubspot-platform.md §3.2).
 * Event uids and property names are the app-event templates' (extensions/app/app-events/*-hsmeta.json): those files
 * are the source of truth, and test/orders/timelineEffects.test.ts checks these against them.
 */
export const ORDER_EVENTS = {
  created: 'order_created',
  statusChanged: 'order_status_changed',
} as const;

/** Properties of *Order created* (order-created-hsmeta.json). */
export interface OrderCreatedTokens {
  orderNumber: string;
  status: string;
  value: string;
  currency: string;
  source: 'automatic' | 'manual';
}

/** Properties of *Order status changed* (order-status-changed-hsmeta.json). */
export interface OrderStatusChangedTokens {
  orderNumber: string;
  previousStatus: string;
  status: string;
  value: string;
  currency: string;
  carrier: string;
  trackingNumber: string;
}

interface EffectBase {
  kind: 'timeline_event';
  portalId: number;
  objectType: 'DEAL';
  objectId: string;
  occurrenceId: string;
  timestamp: Date;
}

export type TimelineEffect =
  | (EffectBase & { eventUid: typeof ORDER_EVENTS.created; properties: OrderCreatedTokens })
  | (EffectBase & { eventUid: typeof ORDER_EVENTS.statusChanged; properties: OrderStatusChangedTokens });

// App-event properties are strings; an absent value is "" so the template renders nothing for it.
const text = (v: string | null) => v ?? '';

/** *Order created* on the deal's timeline. */
export function orderCreatedEffect(o: Order): TimelineEffect {
  return {
    kind: 'timeline_event',
    portalId: o.portalId,
    eventUid: ORDER_EVENTS.created,
    objectType: 'DEAL',
    objectId: o.dealId,
    occurrenceId: `order-${o.portalId}-${o.id}-created`,
    properties: {
      orderNumber: o.number,
      status: o.status,
      value: text(o.value),
      currency: text(o.currency),
      source: o.source,
    },
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
    properties: {
      orderNumber: o.number,
      previousStatus: change?.fromStatus ?? o.status,
      status: o.status,
      value: text(o.value),
      currency: text(o.currency),
      carrier: text(o.shipping.carrier),
      trackingNumber: text(o.shipping.trackingNumber),
    },
    timestamp: change ? new Date(change.at) : at,
  };
}
