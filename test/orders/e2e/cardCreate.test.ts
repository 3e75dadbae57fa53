import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardFetch, type CardFetchResult } from '../../../sandbox/hubspot/caller/index.ts';
import { readTimeline } from '../../../sandbox/hubspot/controlPlane.ts';
import {
  CompanyOrdersResponse,
  CREATE_ORDER_PATH,
  CreateOrderResponse,
  DealOrderResponse,
  ORDERS_COMPANY_CARD_PATH,
  ORDERS_DEAL_CARD_PATH,
} from '../../../src/contract/orders.ts';
import { eventually, type OrderServiceWorld, startOrderServiceWorld } from './orderServiceWorld.ts';

let w: OrderServiceWorld;
beforeEach(async () => {
  w = await startOrderServiceWorld();
});
afterEach(async () => w?.close());

// biome-ignore lint/suspicious/noExplicitAny: tests read card JSON freely.
type Json = any;

/** The card's hubspot.fetch, through the sandbox's model of HubSpot's signing proxy. */
function card(method: 'GET' | 'POST', path: string, body?: Record<string, unknown>): Promise<CardFetchResult> {
  return cardFetch({
    url: `${w.service.url}${path}`,
    method,
    body,
    clientSecret: w.seeded.client.clientSecret,
    portalId: w.portalId,
    userId: 7,
    userEmail: 'alice.rep@acme-distribution.example.com',
  });
}
const ok = (r: CardFetchResult): Json => {
  if (!r.ok) throw new Error(`card request failed: ${r.category} ${r.status} ${r.message}`);
  return r.body;
};
const orderRows = (dealId: string) => w.db.prepare('SELECT id FROM orders WHERE deal_id = ?').all(dealId);

describe('the Orders card (signed hubspot.fetch requests against the real service)', () => {
  it('on a deal without an order, the card gets the Create order form pre-filled from the deal', async () => {
    const dealId = w.seeded.dealIds.qualifiedtobuy!;
    const view = ok(await card('GET', `${ORDERS_DEAL_CARD_PATH}?portalId=${w.portalId}&dealId=${dealId}`));
    expect(() => DealOrderResponse.parse(view)).not.toThrow();
    expect(view).toMatchObject({
      state: 'none',
      prefill: {
        dealId,
        fields: { name: 'Northwind — forklift service', value: '12500.5', customerName: 'Northwind Traders' },
      },
    });
  });

  it('Create order works, and when HubSpot retries the same request it gets the same answer and no second order', async () => {
    const dealId = w.seeded.dealIds.appointmentscheduled!;
    const body = { portalId: w.portalId, dealId, fields: { value: '5000.00' }, requestId: 'click-2f0c9a71' };
    const first = ok(await card('POST', CREATE_ORDER_PATH, body));
    const retry = ok(await card('POST', CREATE_ORDER_PATH, body));
    // The card parses every answer with the contract: a drifted server would fail there.
    for (const answer of [first, retry]) expect(() => CreateOrderResponse.parse(answer)).not.toThrow();

    expect(first).toMatchObject({
      created: true,
      order: { dealId, value: '5000', source: 'manual', syncedToDeal: true },
    });
    expect(retry).toMatchObject({ created: true, order: { id: first.order.id, number: first.order.number } });
    expect(orderRows(dealId)).toHaveLength(1);
    expect(w.deal(dealId).properties.switchboard_order_number).toBe(first.order.number);
    await eventually(() =>
      readTimeline(w.state, w.portalId).some((o) => o.eventTypeName === 'order_created' && o.objectId === dealId),
    );
    // A later, separate click (another requestId) is told the truth: the order already existed.
    const later = ok(await card('POST', CREATE_ORDER_PATH, { ...body, requestId: 'click-9b1d44e0' }));
    expect(later).toMatchObject({ created: false, order: { id: first.order.id } });
    const view = ok(await card('GET', `${ORDERS_DEAL_CARD_PATH}?portalId=${w.portalId}&dealId=${dealId}`));
    expect(view).toMatchObject({ state: 'linked', order: { id: first.order.id, history: [{ toStatus: 'new' }] } });
    expect(() => DealOrderResponse.parse(view)).not.toThrow();
  });

  it('a form value that does not validate is refused with a message for that field, and nothing is created', async () => {
    const dealId = w.seeded.dealIds.appointmentscheduled!;
    const res = await card('POST', CREATE_ORDER_PATH, { portalId: w.portalId, dealId, fields: { value: 'lots' } });
    expect(res).toMatchObject({ ok: false, status: 400 });
    const error = JSON.parse((res as { message: string }).message).error;
    expect(error.details.fields).toEqual({ value: 'Enter an amount like 1250.00' });
    expect(orderRows(dealId)).toEqual([]);
  });

  it('a Create order request without HubSpot’s signature is refused and creates nothing', async () => {
    const dealId = w.seeded.dealIds.appointmentscheduled!;
    const res = await fetch(`${w.service.url}${CREATE_ORDER_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ portalId: w.portalId, dealId }),
    });
    expect(res.status).toBe(401);
    expect(orderRows(dealId)).toEqual([]);
  });

  it('on a company, the card lists the company’s orders, newest first, a page at a time', async () => {
    const companyId = w.seeded.companyIds[0]!; // Northwind: two deals
    for (const dealId of [w.seeded.dealIds.appointmentscheduled!, w.seeded.dealIds.qualifiedtobuy!]) {
      ok(await card('POST', CREATE_ORDER_PATH, { portalId: w.portalId, dealId }));
    }
    const path = `${ORDERS_COMPANY_CARD_PATH}?portalId=${w.portalId}&companyId=${companyId}&limit=1`;
    const page1 = ok(await card('GET', path));
    expect(() => CompanyOrdersResponse.parse(page1)).not.toThrow();
    expect(page1.orders).toHaveLength(1);
    expect(page1.orders[0].dealId).toBe(w.seeded.dealIds.qualifiedtobuy);
    const page2 = ok(await card('GET', `${path}&before=${page1.nextBefore}`));
    expect(page2).toMatchObject({ orders: [{ dealId: w.seeded.dealIds.appointmentscheduled }], nextBefore: null });
  });
});
