import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRecords } from '../../sandbox/hubspot/controlPlane.ts';
import { AppError } from '../../src/errors.ts';
import { createOrderFromDeal } from '../../src/orders/createOrderFromDeal.ts';
import { assertTransition, DEFAULT_LIFECYCLE } from '../../src/orders/lifecycle.ts';
import { DEAL_PROPS } from '../../src/orders/properties.ts';
import type { Order } from '../../src/orders/types.ts';
import { OrderStatusUpdate, updateOrderStatus } from '../../src/orders/updateOrderStatus.ts';
import { type OrdersWorld, startOrdersWorld } from './support/ordersWorld.ts';

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('the order lifecycle (data)', () => {
  it.each([
    ['new', 'in_production'],
    ['in_production', 'shipped'],
    ['shipped', 'completed'],
    ['new', 'cancelled'],
    ['in_production', 'cancelled'],
    ['shipped', 'shipped'],
  ])('allows %s → %s', (from, to) => expect(() => assertTransition(DEFAULT_LIFECYCLE, from, to)).not.toThrow());

  it.each([
    ['new', 'shipped', 'an order cannot move from "new" to "shipped"; allowed next: in_production, cancelled'],
    ['shipped', 'cancelled', 'an order cannot move from "shipped" to "cancelled"; allowed next: completed'],
    ['completed', 'new', 'an order cannot move from "completed" to "new"; "completed" is final'],
    [
      'new',
      'lost_in_mail',
      '"lost_in_mail" is not an order status; statuses are: new, in_production, shipped, completed, cancelled',
    ],
  ])('refuses %s → %s with a message naming the status and the allowed ones', (from, to, message) => {
    const err = thrown(() => assertTransition(DEFAULT_LIFECYCLE, from, to));
    expect(err.code).toBe('validation');
    expect(err.message).toBe(message);
  });
});

let w: OrdersWorld;
let order: Order;
beforeEach(async () => {
  w = await startOrdersWorld();
  const result = await createOrderFromDeal(w.deps, {
    portalId: w.portalId,
    dealId: w.crm.fullDeal().dealId,
    source: 'automatic',
  });
  if (result.status === 'skipped') throw new Error('setup: no order');
  order = result.order;
});
afterEach(() => w.close());

const deal = () => readRecords(w.state, w.portalId, 'deals').find((d) => d.id === order.dealId)!.properties;
const update = (u: Record<string, unknown>) =>
  updateOrderStatus(w.deps, w.portalId, order.id, OrderStatusUpdate.parse(u));

describe('status updates from the order system', () => {
  it('when an order ships, the deal shows status, carrier and tracking, and the timeline effect carries them', async () => {
    await update({ status: 'in_production' });
    const shipped = await update({
      status: 'shipped',
      carrier: 'DHL',
      trackingNumber: 'JD0146',
      shippedAt: '2026-02-01T09:30:00Z',
    });
    expect(deal()).toMatchObject({
      [DEAL_PROPS.status]: 'shipped',
      [DEAL_PROPS.carrier]: 'DHL',
      [DEAL_PROPS.tracking]: 'JD0146',
      [DEAL_PROPS.shippedAt]: '2026-02-01T09:30:00.000Z',
    });
    expect(shipped.effects).toEqual([
      expect.objectContaining({
        eventUid: 'order_status_changed',
        properties: expect.objectContaining({
          previousStatus: 'in_production',
          status: 'shipped',
          carrier: 'DHL',
          trackingNumber: 'JD0146',
        }),
      }),
    ]);
    expect(w.deps.store.history(order.id).map((h) => `${h.fromStatus}→${h.toStatus}`)).toEqual([
      'null→new',
      'new→in_production',
      'in_production→shipped',
    ]);
  });

  it('when an order completes, the deal gets the completion date', async () => {
    for (const status of ['in_production', 'shipped', 'completed']) await update({ status });
    const today = new Date(w.deps.now()).toISOString().slice(0, 10);
    expect(deal()[DEAL_PROPS.completedOn]).toBe(today);
  });

  it('when the status is not allowed, the error names it and the allowed ones, and nothing changes', async () => {
    const since = w.state.now();
    await expect(update({ status: 'shipped' })).rejects.toMatchObject({
      code: 'validation',
      message: 'an order cannot move from "new" to "shipped"; allowed next: in_production, cancelled',
      details: { field: 'status', allowed: ['in_production', 'cancelled'] },
    });
    expect(w.deps.store.byId(w.portalId, order.id)?.status).toBe('new');
    expect(w.apiCalls(since)).toEqual([]);
  });

  it('when the same update is repeated, nothing is written twice', async () => {
    await update({ status: 'in_production' });
    const since = w.state.now();
    const again = await update({ status: 'in_production' });
    expect(again).toMatchObject({ changed: false, effects: [] });
    expect(w.apiCalls(since)).toEqual([]);
  });

  it('when the deal update fails, the change is kept and the retried request finishes it with the same timeline event', async () => {
    w.state.portal(w.portalId)!.faults.push({ kind: '502', remaining: 1 });
    await expect(update({ status: 'in_production' })).rejects.toMatchObject({ code: 'upstream_unavailable' });
    expect(deal()[DEAL_PROPS.status]).toBe('new');
    const retry = await update({ status: 'in_production' });
    expect(retry.changed).toBe(false);
    expect(deal()[DEAL_PROPS.status]).toBe('in_production');
    const change = w.deps.store.history(order.id).at(-1)!;
    expect(retry.effects.map((e) => e.occurrenceId)).toEqual([`order-${w.portalId}-${order.id}-status-${change.id}`]);
  });

  it('every status change is in the audit trail with who, before and after', async () => {
    await updateOrderStatus(w.deps, w.portalId, order.id, { status: 'cancelled' }, { actor: 'api:erp' });
    const entry = w.deps.audit.forOrder(w.portalId, order.id).find((a) => a.action === 'order.status_changed');
    expect(entry).toMatchObject({ actor: 'api:erp', field: 'status', before: 'new', after: 'cancelled' });
  });

  it('an unknown order is not_found; another portal cannot touch it', async () => {
    await expect(updateOrderStatus(w.deps, w.portalId + 1, order.id, { status: 'cancelled' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
