import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRecords } from '../../sandbox/hubspot/controlPlane.ts';
import { createOrdersForDeals } from '../../src/orders/createOrdersForDeals.ts';
import { DEAL_PROPS } from '../../src/orders/properties.ts';
import { type OrdersWorld, startOrdersWorld } from './support/ordersWorld.ts';

let w: OrdersWorld;
beforeEach(async () => {
  // OAuth limits enforced: a burst must fit HubSpot's budget, not trip it.
  w = await startOrdersWorld({ enforceRateLimits: true });
});
afterEach(() => w.close());

/** Two contacts and two line items per deal, so the batch reads have real work. */
function burstDeal() {
  const companyId = w.crm.company();
  const contactIds = [w.crm.contact(), w.crm.contact()];
  const lineItemIds = [
    w.crm.lineItem(),
    w.crm.lineItem({ name: 'Installation', quantity: '1', price: '300', amount: '300' }),
  ];
  return w.crm.deal({ companyId, primary: true, contactIds, lineItemIds });
}

describe('a burst of closed deals', () => {
  it('when 100 deals close at once, each gets one order and the whole burst costs far less than 1.5 calls per order', async () => {
    const dealIds = Array.from({ length: 100 }, burstDeal);
    const since = w.state.now();
    const result = await createOrdersForDeals(w.deps, { portalId: w.portalId, dealIds });

    expect(result.outcomes.filter((o) => o.status === 'created')).toHaveLength(100);
    expect(result.effects).toHaveLength(100);
    const calls = w.apiCalls(since);
    expect(calls.length / 100).toBeLessThanOrEqual(1.5);
    expect(calls.every((c) => c.status < 400)).toBe(true);
    const deals = readRecords(w.state, w.portalId, 'deals').filter((d) => dealIds.includes(d.id));
    expect(deals.every((d) => /^SO-\d{6}$/.test(d.properties[DEAL_PROPS.number] ?? ''))).toBe(true);
    const order = w.deps.store.byDeal(w.portalId, dealIds[0]!)!;
    expect(order.contacts).toHaveLength(2);
    expect(order.lineItems.map((li) => li.name)).toEqual(['Pallet rack', 'Installation']);
  });

  it('when the burst is delivered again, nothing new is created and HubSpot is not called', async () => {
    const dealIds = Array.from({ length: 10 }, burstDeal);
    await createOrdersForDeals(w.deps, { portalId: w.portalId, dealIds });
    const since = w.state.now();
    const again = await createOrdersForDeals(w.deps, { portalId: w.portalId, dealIds: [...dealIds, ...dealIds] });
    expect(again.outcomes.map((o) => o.status)).toEqual(Array(10).fill('existing'));
    expect(again.effects).toEqual([]);
    expect(w.apiCalls(since)).toEqual([]);
  });

  it('one bad deal fails with its reason; the others in the burst still get their orders', async () => {
    const good = [burstDeal(), burstDeal()];
    const noAmount = w.crm.fullDeal({ amount: '' }).dealId;
    const result = await createOrdersForDeals(w.deps, {
      portalId: w.portalId,
      dealIds: [good[0]!, noAmount, '999999', good[1]!],
    });
    expect(result.outcomes.map((o) => o.status)).toEqual(['created', 'failed', 'failed', 'created']);
    const failed = result.outcomes.filter((o) => o.status === 'failed');
    expect(failed.map((o) => [o.error.code, o.error.message])).toEqual([
      ['validation', expect.stringContaining('deal has no amount and `value` is required by the mapping')],
      ['not_found', expect.stringContaining('deal 999999 does not exist')],
    ]);
  });

  it('when HubSpot refuses one deal in the batch update, that order stays pending and the others are synced', async () => {
    const dealIds = [burstDeal(), burstDeal()];
    // The second deal is deleted in HubSpot right after its order was created: the batch update answers 207 for it.
    const createOnce = w.deps.store.createOnce;
    w.deps.store = {
      ...w.deps.store,
      createOnce: (draft, format, actor, now) => {
        const created = createOnce(draft, format, actor, now);
        if (draft.dealId === dealIds[1])
          readRecords(w.state, w.portalId, 'deals').find((d) => d.id === dealIds[1])!.archived = true;
        return created;
      },
    };
    const result = await createOrdersForDeals(w.deps, { portalId: w.portalId, dealIds });
    expect(result.outcomes.map((o) => o.status)).toEqual(['created', 'failed']);
    expect(w.deps.store.byDeal(w.portalId, dealIds[0]!)?.hubspotSync).toBe('synced');
    expect(w.deps.store.byDeal(w.portalId, dealIds[1]!)?.hubspotSync).toBe('pending');
  });
});
