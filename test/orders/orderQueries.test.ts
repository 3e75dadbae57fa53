import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CreateOrderResponse, DealOrderResponse } from '../../src/contract/orders.ts';
import { createOrderFromDeal } from '../../src/orders/createOrderFromDeal.ts';
import {
  companyOrders,
  createOrderFromCard,
  dealOrderView,
  parseCreateOrderRequest,
} from '../../src/orders/orderQueries.ts';
import { updateOrderStatus } from '../../src/orders/updateOrderStatus.ts';
import { type OrdersWorld, startOrdersWorld } from './support/ordersWorld.ts';

let w: OrdersWorld;
beforeEach(async () => {
  w = await startOrdersWorld();
});
afterEach(() => w.close());

describe('the Orders card on a deal', () => {
  it('without an order, the form is pre-filled from the mapped deal and says what is missing', async () => {
    const { dealId } = w.crm.fullDeal({ dealname: 'Racks', amount: '' });
    const view = DealOrderResponse.parse(await dealOrderView(w.deps, w.portalId, dealId));
    expect(view).toMatchObject({
      state: 'none',
      prefill: {
        dealId,
        fields: {
          name: 'Racks',
          value: null,
          orderDate: '2026-01-15',
          customerName: expect.stringMatching(/^Customer \d+ GmbH$/),
        },
        issues: [{ field: 'value', message: 'deal has no amount and `value` is required by the mapping' }],
      },
    });
  });

  it('with an order, the card gets it with its history', async () => {
    const { dealId } = w.crm.fullDeal();
    const created = await createOrderFromDeal(w.deps, { portalId: w.portalId, dealId, source: 'automatic' });
    if (created.status === 'skipped') throw new Error('setup');
    await updateOrderStatus(w.deps, w.portalId, created.order.id, { status: 'in_production' });
    const view = DealOrderResponse.parse(await dealOrderView(w.deps, w.portalId, dealId));
    if (view.state !== 'linked') throw new Error('expected a linked order');
    expect(view.order).toMatchObject({
      number: 'SO-000001',
      status: 'in_production',
      syncedToDeal: true,
      openConflicts: 0,
    });
    expect(view.order.history.map((h) => h.toStatus)).toEqual(['new', 'in_production']);
  });
});

describe('Create order from the card', () => {
  it('a rep fixes the missing amount in the form; HubSpot retrying the request gets the same order', async () => {
    const { dealId } = w.crm.fullDeal({ amount: '' });
    const request = parseCreateOrderRequest({
      portalId: String(w.portalId),
      dealId,
      fields: { value: '1999.00', customerName: 'Acme Retail' },
    });
    const first = await createOrderFromCard(w.deps, request, 'user:7');
    const retry = await createOrderFromCard(w.deps, request, 'user:7');
    expect(CreateOrderResponse.parse(first.response)).toMatchObject({
      created: true,
      order: { value: '1999', source: 'manual' },
    });
    expect(first.response.order.customer.name).toBe('Acme Retail');
    expect(retry.response).toMatchObject({ created: false, order: { id: first.response.order.id } });
    expect(retry.effects).toEqual([]);
  });

  it.each([
    [{ value: 'lots' }, { value: 'Enter an amount like 1250.00' }],
    [
      { orderDate: '31.01.2026', currency: 'euro' },
      { orderDate: 'Use a date like 2026-01-31', currency: 'Use a three-letter currency code like EUR' },
    ],
    [{ name: '  ' }, { name: 'Enter an order name' }],
    [{ customerDomain: 'not a domain' }, { customerDomain: 'Enter a domain like example.com' }],
  ])('a form with %j is refused with one message per field', (fields, messages) => {
    expect(() => parseCreateOrderRequest({ portalId: 1, dealId: '5', fields })).toThrow(
      expect.objectContaining({ code: 'validation', details: { fields: messages } }),
    );
  });

  it('a deal the mapping cannot turn into an order gives errors keyed by form field', async () => {
    const { dealId } = w.crm.fullDeal({ amount: '' });
    const request = parseCreateOrderRequest({ portalId: w.portalId, dealId });
    await expect(createOrderFromCard(w.deps, request, 'user:7')).rejects.toMatchObject({
      code: 'validation',
      details: { fields: { value: 'deal has no amount and `value` is required by the mapping' } },
    });
  });
});

describe('the Orders card on a company', () => {
  it('lists the company orders newest first, a page at a time', async () => {
    const companyId = w.crm.company();
    for (let i = 0; i < 3; i++) {
      const dealId = w.crm.deal({ companyId, primary: true });
      await createOrderFromDeal(w.deps, { portalId: w.portalId, dealId, source: 'automatic' });
    }
    const first = companyOrders(w.deps, w.portalId, companyId, { limit: 2 });
    expect(first.orders.map((o) => o.number)).toEqual(['SO-000003', 'SO-000002']);
    const second = companyOrders(w.deps, w.portalId, companyId, { limit: 2, before: first.nextBefore! });
    expect(second).toEqual({ orders: [expect.objectContaining({ number: 'SO-000001' })], nextBefore: null });
    expect(companyOrders(w.deps, w.portalId + 1, companyId, { limit: 2 }).orders).toEqual([]);
  });
});
