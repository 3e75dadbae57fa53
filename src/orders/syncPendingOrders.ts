import { isAppError } from '../errors.ts';
import { readDealBundle } from './dealBundle.ts';
import { orderCreatedEffect, orderStatusChangedEffect, type TimelineEffect } from './effects.ts';
import type { OrdersDeps } from './ordersDeps.ts';
import { syncDeal } from './syncDeal.ts';
import type { Order } from './types.ts';

/**
 * The sweeper for write-backs nobody finished: a worker that died holding an order's lease leaves it pending, and
 * callers that came meanwhile backed off (the lease said someone was on it). Once the lease has expired, this
 * finishes the deal update and returns the timeline effect that was never posted — *Order created* when the deal
 * never showed the order, else *Order status changed* for the last transition (same occurrence ids as the first
 * try, so a duplicate post is a harmless 409). The sweep (jobs/maintenanceJobs.ts) runs it per portal.
 */
export interface SweepResult {
  synced: Order[];
  failed: { orderId: number; code: string; message: string }[];
  effects: TimelineEffect[];
}

function effectFor(deps: OrdersDeps, order: Order) {
  const shown = deps.audit.forOrder(order.portalId, order.id).some((a) => a.action === 'deal.updated');
  if (!shown) return orderCreatedEffect;
  const last = deps.store.history(order.id).at(-1);
  const change = last && last.fromStatus !== null && last.toStatus === order.status ? last : null;
  return (o: Order) => orderStatusChangedEffect(o, change, new Date(deps.now()));
}

export async function syncPendingOrders(
  deps: OrdersDeps,
  portalId: number,
  opts: { limit?: number } = {},
): Promise<SweepResult> {
  const result: SweepResult = { synced: [], failed: [], effects: [] };
  const mapping = deps.mapping.get(portalId).fields;
  for (const order of deps.store.pendingSync(portalId, deps.now(), opts.limit ?? 50)) {
    try {
      const reread = () => readDealBundle(deps.hubspot, portalId, order.dealId, mapping);
      const done = await syncDeal(deps, order, { actor: 'system:sweeper', effect: effectFor(deps, order), reread });
      result.synced.push(done.order);
      result.effects.push(...done.effects);
    } catch (err) {
      const code = isAppError(err) ? err.code : 'internal';
      result.failed.push({ orderId: order.id, code, message: (err as Error).message });
    }
  }
  return result;
}
