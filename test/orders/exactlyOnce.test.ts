import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRecords } from '../../sandbox/hubspot/controlPlane.ts';
import { createOrderFromDeal } from '../../src/orders/createOrderFromDeal.ts';
import { createOrdersForDeals } from '../../src/orders/createOrdersForDeals.ts';
import { type OrdersWorld, startOrdersWorld } from './support/ordersWorld.ts';

let w: OrdersWorld;
beforeEach(async () => {
  w = await startOrdersWorld({ dbPath: join(mkdtempSync(join(tmpdir(), 'switchboard-orders-')), 'orders.db') });
});
afterEach(() => w.close());

const orderRows = () =>
  w.db.prepare('SELECT deal_id, number FROM orders').all() as { deal_id: string; number: string }[];
const patchesOf = (dealId: string, since: number) =>
  w.apiCalls(since).filter((c) => c.method === 'PATCH' && c.path === `/crm/v3/objects/deals/${dealId}`);

describe('exactly one order per deal', () => {
  it('when 5 creations race on two store instances of one database file, one order exists and the deal is written once', async () => {
    const { dealId } = w.crm.fullDeal();
    const second = w.secondInstance();
    const since = w.state.now();
    const input = { portalId: w.portalId, dealId, source: 'automatic' as const };
    const results = await Promise.all([
      createOrderFromDeal(w.deps, input),
      createOrderFromDeal(second, input),
      createOrderFromDeal(w.deps, input),
      createOrderFromDeal(second, { ...input, source: 'manual' }),
      createOrderFromDeal(w.deps, input),
    ]);

    expect(orderRows()).toEqual([{ deal_id: dealId, number: 'SO-000001' }]);
    const ids = new Set(results.map((r) => (r.status === 'skipped' ? undefined : r.order.id)));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.status === 'created')).toHaveLength(1);
    expect(results.flatMap((r) => r.effects)).toHaveLength(1);
    expect(patchesOf(dealId, since)).toHaveLength(1);
  });

  it('when a new customer is in 3 racing creations, the company is created once', async () => {
    const contactId = w.crm.contact({ email: 'ops@raceco.example.com', company: 'RaceCo' });
    const dealId = w.crm.deal({ contactIds: [contactId] });
    const input = { portalId: w.portalId, dealId, source: 'automatic' as const };
    await Promise.all([
      createOrderFromDeal(w.deps, input),
      createOrderFromDeal(w.deps, input),
      createOrderFromDeal(w.secondInstance(), input),
    ]);
    expect(
      readRecords(w.state, w.portalId, 'companies').filter((c) => c.properties.domain === 'raceco.example.com'),
    ).toHaveLength(1);
  });

  it('when the burst path and the single path race for the same deals, each deal still has one order', async () => {
    const dealIds = Array.from({ length: 5 }, () => w.crm.fullDeal().dealId);
    await Promise.all([
      createOrdersForDeals(w.secondInstance(), { portalId: w.portalId, dealIds }),
      ...dealIds.map((dealId) => createOrderFromDeal(w.deps, { portalId: w.portalId, dealId, source: 'automatic' })),
    ]);
    const rows = orderRows();
    expect(rows.map((r) => r.deal_id).sort()).toEqual([...dealIds].sort());
    expect(new Set(rows.map((r) => r.number)).size).toBe(5);
  });
});
