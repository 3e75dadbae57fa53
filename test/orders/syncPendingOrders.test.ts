import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRecords } from '../../sandbox/hubspot/controlPlane.ts';
import { createOrderFromDeal } from '../../src/orders/createOrderFromDeal.ts';
import { DEAL_PROPS } from '../../src/orders/properties.ts';
import { syncPendingOrders } from '../../src/orders/syncPendingOrders.ts';
import type { Order } from '../../src/orders/types.ts';
import { type OrdersWorld, startOrdersWorld } from './support/ordersWorld.ts';

let w: OrdersWorld;
let clock = Date.now();
beforeEach(async () => {
  clock = Date.now();
  w = await startOrdersWorld({ clock: () => clock });
});
afterEach(() => w.close());

const dealProps = (dealId: string) =>
  readRecords(w.state, w.portalId, 'deals').find((d) => d.id === dealId)!.properties;

/** An order whose first write-back failed (502), then was claimed by a worker that died before finishing. */
async function orderAbandonedMidWrite(): Promise<Order> {
  const { dealId } = w.crm.fullDeal();
  await w.deps.stages.pipelines(w.portalId);
  let n = 0;
  const failing = { ...w.deps };
  failing.hubspot = (pid, opts, fn) => {
    n += 1;
    if (n === 5) w.state.portal(w.portalId)!.faults.push({ kind: '502', remaining: 1 });
    return w.deps.hubspot(pid, opts, fn);
  };
  await expect(createOrderFromDeal(failing, { portalId: w.portalId, dealId, source: 'automatic' })).rejects.toThrow();
  const order = w.deps.store.byDeal(w.portalId, dealId)!;
  expect(w.deps.store.claimSync(w.portalId, order.id, clock, w.deps.syncLeaseMs)).toBeDefined(); // the worker that dies
  return order;
}

describe('write-backs abandoned by a dead worker', () => {
  it('while the dead worker’s lease lives, a redelivered webhook backs off; after it expires the sweeper finishes once', async () => {
    const order = await orderAbandonedMidWrite();
    const since = w.state.now();
    const redelivered = await createOrderFromDeal(w.deps, {
      portalId: w.portalId,
      dealId: order.dealId,
      source: 'automatic',
    });
    expect(redelivered).toMatchObject({ status: 'existing', effects: [] });
    expect(await syncPendingOrders(w.deps, w.portalId)).toEqual({ synced: [], failed: [], effects: [] });
    expect(w.apiCalls(since)).toEqual([]);

    clock += w.deps.syncLeaseMs + 1;
    const swept = await syncPendingOrders(w.deps, w.portalId);
    expect(swept.synced.map((o) => o.hubspotSync)).toEqual(['synced']);
    expect(swept.effects.map((e) => e.occurrenceId)).toEqual([`order-${w.portalId}-${order.id}-created`]);
    expect(dealProps(order.dealId)[DEAL_PROPS.number]).toBe(order.number);
    expect((await syncPendingOrders(w.deps, w.portalId)).synced).toEqual([]);
  });

  it('a status change whose deal update never happened is swept with its own status-changed event', async () => {
    const { dealId } = w.crm.fullDeal();
    const created = await createOrderFromDeal(w.deps, { portalId: w.portalId, dealId, source: 'automatic' });
    if (created.status === 'skipped') throw new Error('setup');
    const { order } = created;
    const { change } = w.deps.changes.changeStatus(
      w.portalId,
      order.id,
      { status: 'in_production', shipping: order.shipping, completedAt: null },
      'api:erp',
      new Date(clock),
    );
    const swept = await syncPendingOrders(w.deps, w.portalId);
    expect(swept.effects).toEqual([
      expect.objectContaining({
        eventUid: 'order_status_changed',
        occurrenceId: `order-${w.portalId}-${order.id}-status-${change!.id}`,
      }),
    ]);
    expect(dealProps(dealId)[DEAL_PROPS.status]).toBe('in_production');
  });
});
