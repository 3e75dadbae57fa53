import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { moveDealToStage, readTimeline } from '../../../sandbox/hubspot/controlPlane.ts';
import { eventually, type OrderServiceWorld, startOrderServiceWorld } from './orderServiceWorld.ts';

let w: OrderServiceWorld;
let key: string;
let order: { id: number; number: string };
const dealId = () => w.seeded.dealIds.contractsent!;

beforeEach(async () => {
  w = await startOrderServiceWorld();
  const created = await w.admin('POST', `/admin/portals/${w.portalId}/api-keys`, { name: 'ERP', scope: 'orders' });
  key = created.body.key;
  moveDealToStage(w.state, w.portalId, dealId(), 'closedwon');
  await w.flushWebhooks();
  await eventually(() => w.deal(dealId()).properties.switchboard_order_number);
  order = w.db.prepare('SELECT id, number FROM orders WHERE deal_id = ?').get(dealId()) as typeof order;
});
afterEach(async () => w?.close());

/** The order system calling `PATCH /api/orders/:id` with its API key. */
async function patch(id: number, body: unknown, apiKey = key) {
  const res = await fetch(`${w.service.url}/api/orders/${id}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: tests read API JSON freely.
  return { status: res.status, body: (await res.json()) as any };
}
const statusEvents = () =>
  readTimeline(w.state, w.portalId).filter(
    (o) => o.eventTypeName === 'order_status_changed' && o.objectId === dealId(),
  );

describe('the order-system API (per-portal API key)', () => {
  it('a status update with shipping details shows on the deal and as Order status changed on the timeline', async () => {
    expect((await patch(order.id, { status: 'in_production' })).status).toBe(200);
    const shipped = await patch(order.id, { status: 'shipped', carrier: 'DHL', trackingNumber: 'JD0146' });
    expect(shipped).toMatchObject({ status: 200, body: { changed: true, order: { status: 'shipped' } } });

    expect(w.deal(dealId()).properties).toMatchObject({
      switchboard_order_status: 'shipped',
      switchboard_order_carrier: 'DHL',
      switchboard_order_tracking_number: 'JD0146',
    });
    const events = await eventually(() => (statusEvents().length === 2 ? statusEvents() : undefined));
    expect(events.map((e) => e.properties)).toEqual([
      expect.objectContaining({ orderNumber: order.number, previousStatus: 'new', status: 'in_production' }),
      expect.objectContaining({ previousStatus: 'in_production', status: 'shipped', trackingNumber: 'JD0146' }),
    ]);
    const read = await fetch(`${w.service.url}/api/orders/${order.id}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(await read.json()).toMatchObject({
      status: 'shipped',
      shipping: { carrier: 'DHL', trackingNumber: 'JD0146' },
    });
  });

  it('completing the order sets the completion date on the deal; repeating the request changes nothing', async () => {
    for (const status of ['in_production', 'shipped', 'completed']) await patch(order.id, { status });
    expect(w.deal(dealId()).properties.switchboard_order_completed_on).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect(await patch(order.id, { status: 'completed' })).toMatchObject({ status: 200, body: { changed: false } });
    await eventually(() => statusEvents().length === 3);
  });

  it('a bad or missing API key gets 401 and changes nothing', async () => {
    expect((await patch(order.id, { status: 'in_production' }, 'sbk_not-a-real-key')).status).toBe(401);
    const noKey = await fetch(`${w.service.url}/api/orders/${order.id}`, { method: 'PATCH', body: '{}' });
    expect(noKey.status).toBe(401);
    expect(w.deal(dealId()).properties.switchboard_order_status).toBe('new');
  });

  it('an unknown status gets 400 naming it and listing the allowed statuses', async () => {
    const res = await patch(order.id, { status: 'teleported' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('"teleported" is not an order status');
    expect(res.body.error.message).toContain('new, in_production, shipped, completed, cancelled');
    expect(res.body.error.details).toMatchObject({ field: 'status' });
  });

  it('a move the lifecycle does not allow gets 400 naming the allowed next statuses', async () => {
    const res = await patch(order.id, { status: 'completed' });
    expect(res).toMatchObject({
      status: 400,
      body: { error: { details: { allowed: ['in_production', 'cancelled'] } } },
    });
  });

  it('another portal’s key does not see the order', async () => {
    // A second connected portal with its own orders key.
    w.service.connections.installations.upsert(
      { portalId: 777_001, authKind: 'oauth', status: 'active', statusReason: null, hubDomain: 'other.example.com' },
      new Date(),
    );
    const foreign = await w.admin('POST', '/admin/portals/777001/api-keys', { name: 'Other ERP', scope: 'orders' });
    expect(await patch(order.id, { status: 'in_production' }, foreign.body.key)).toMatchObject({ status: 404 });
  });
});
