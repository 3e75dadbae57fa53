import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { HubspotCallOptions } from '../hubspot/hubspotCall.ts';
import { orderStatusChangedEffect, type TimelineEffect } from './effects.ts';
import { assertTransition, isCompleted } from './lifecycle.ts';
import type { OrdersDeps } from './ordersDeps.ts';
import { syncDeal } from './syncDeal.ts';
import type { Actor, Order, OrderShipping } from './types.ts';

/**
 * Status and shipping updates from the order system (issue 6 §5, `PATCH /api/orders/:id`): checks the
 * lifecycle, records history and audit, updates the deal (status, tracking, completion date) and returns the
 * *Order status changed* timeline effect. Repeating a request is safe: same status and shipping change nothing;
 * a retry after a failed deal update finishes the update and returns the same effect (same occurrence id).
 */
const optionalText = z.string().trim().max(200).nullable().optional();

/** A PATCH: the new status and/or shipping details; what is left out stays as it is. */
export const OrderStatusUpdate = z
  .object({
    status: z.string().trim().min(1, 'status must not be empty').optional(),
    carrier: optionalText,
    trackingNumber: optionalText,
    shippedAt: z.iso.datetime({ offset: true }).nullable().optional(),
  })
  .refine((u) => Object.values(u).some((v) => v !== undefined), {
    message: 'send a status and/or shipping details (carrier, trackingNumber, shippedAt)',
  });
export type OrderStatusUpdate = z.infer<typeof OrderStatusUpdate>;

export interface StatusUpdateResult {
  order: Order;
  /** False when the request repeated the order's current state. */
  changed: boolean;
  effects: TimelineEffect[];
}

const pick = <T>(next: T | undefined, current: T) => (next === undefined ? current : next);

function nextShipping(order: Order, u: OrderStatusUpdate): OrderShipping {
  return {
    carrier: pick(u.carrier, order.shipping.carrier) || null,
    trackingNumber: pick(u.trackingNumber, order.shipping.trackingNumber) || null,
    shippedAt: pick(u.shippedAt, order.shipping.shippedAt) ?? null,
  };
}

export interface StatusUpdateOptions {
  actor?: Actor;
  priority?: HubspotCallOptions['priority'];
  /**
   * Gets the change's timeline effect once the change is stored, before HubSpot is written: the caller makes it
   * durable there, so neither a failed deal update nor a crash can lose the *Order status changed* event.
   */
  beforeSync?: (effects: TimelineEffect[]) => Promise<void>;
}

/** Moves an order to `update.status` (and/or sets shipping details) and brings its deal up to date. */
export async function updateOrderStatus(
  deps: OrdersDeps,
  portalId: number,
  orderId: number,
  update: OrderStatusUpdate,
  opts: StatusUpdateOptions = {},
): Promise<StatusUpdateResult> {
  const actor = opts.actor ?? 'api:order-system';
  const order = deps.store.byId(portalId, orderId);
  if (!order) throw new AppError('not_found', `order ${orderId} does not exist in portal ${portalId}`);
  const { lifecycle } = deps.settings.get(portalId);
  const status = update.status ?? order.status;
  assertTransition(lifecycle, order.status, status);
  const now = new Date(deps.now());
  const shipping = nextShipping(order, update);
  const completedAt = isCompleted(lifecycle, status) ? (order.completedAt ?? now.toISOString()) : null;
  const changed = order.status !== status || JSON.stringify(order.shipping) !== JSON.stringify(shipping);
  if (!changed && order.hubspotSync === 'synced') return { order, changed, effects: [] };

  let current = order;
  let change = null;
  if (changed) {
    ({ order: current, change } = deps.changes.changeStatus(
      portalId,
      orderId,
      { status, shipping, completedAt },
      actor,
      now,
    ));
  } else {
    // A retry: the last transition is the one the deal and timeline do not show yet (the creation row is not one).
    const last = deps.store.history(orderId).at(-1);
    change = last && last.fromStatus !== null ? last : null;
  }
  const effect = (o: Order) => orderStatusChangedEffect(o, change?.toStatus === o.status ? change : null, now);
  if (changed) await opts.beforeSync?.([effect(current)]);
  const synced = await syncDeal(deps, current, { actor, effect, priority: opts.priority ?? 'background' });
  const effects = changed ? [effect(synced.order)] : synced.effects;
  return { order: synced.order, changed, effects };
}
