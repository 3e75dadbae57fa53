import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRecords } from '../../sandbox/hubspot/controlPlane.ts';
import { AppError } from '../../src/errors.ts';
import { createOrderFromDeal } from '../../src/orders/createOrderFromDeal.ts';
import { DEAL_PROPS } from '../../src/orders/properties.ts';
import { type OrdersWorld, startOrdersWorld } from './support/ordersWorld.ts';

let w: OrdersWorld;
beforeEach(async () => {
  w = await startOrdersWorld();
});
afterEach(() => w.close());

const dealIn = (dealId: string) => readRecords(w.state, w.portalId, 'deals').find((d) => d.id === dealId)!;
const automatic = (dealId: string) =>
  createOrderFromDeal(w.deps, { portalId: w.portalId, dealId, source: 'automatic' });

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('a closed-won deal becomes an order', () => {
  it('when a deal with company, contact and line item closes, one order holds their copies and the deal shows it', async () => {
    const { dealId, companyId, contactId, lineItemId } = w.crm.fullDeal({
      dealname: 'Northwind — racks',
      amount: '12500.50',
    });
    const result = await automatic(dealId);

    expect(result.status).toBe('created');
    if (result.status === 'skipped') throw new Error('unreachable');
    const { order } = result;
    expect(order).toMatchObject({
      number: 'SO-000001',
      name: 'Northwind — racks',
      value: '12500.5',
      orderDate: '2026-01-15',
      status: 'new',
      source: 'automatic',
      hubspotSync: 'synced',
      customer: { companyId, domain: expect.stringMatching(/^customer-\d+\.example\.com$/) },
    });
    expect(order.contacts).toEqual([
      { hubspotId: contactId, name: expect.stringMatching(/^Ada Buyer/), email: expect.any(String) },
    ]);
    expect(order.lineItems).toEqual([
      { hubspotId: lineItemId, name: 'Pallet rack', quantity: '2', price: '1200', amount: '2400', sku: 'PR-1' },
    ]);
    expect(dealIn(dealId).properties).toMatchObject({
      [DEAL_PROPS.number]: 'SO-000001',
      [DEAL_PROPS.status]: 'new',
      [DEAL_PROPS.link]: `https://switchboard.example.com/orders/${w.portalId}/${order.id}`,
    });
    expect(result.effects).toEqual([
      expect.objectContaining({
        eventUid: 'order_created',
        objectId: dealId,
        properties: { orderNumber: 'SO-000001', status: 'new', value: '12500.5', currency: '', source: 'automatic' },
      }),
    ]);
  });

  it('when the same deal is processed again, the existing order comes back and HubSpot is not written again', async () => {
    const { dealId } = w.crm.fullDeal();
    const first = await automatic(dealId);
    const since = w.state.now();
    const again = await automatic(dealId);
    expect(again).toMatchObject({ status: 'existing', effects: [] });
    if (first.status === 'skipped' || again.status === 'skipped') throw new Error('unreachable');
    expect(again.order.id).toBe(first.order.id);
    expect(w.apiCalls(since)).toEqual([]);
  });

  it('when a lone deal closes, its order costs at most 6 HubSpot calls (cold pipeline cache included)', async () => {
    const { dealId } = w.crm.fullDeal();
    const since = w.state.now();
    await automatic(dealId);
    const calls = w.apiCalls(since).map((c) => `${c.method} ${c.path}`);
    expect(calls.length).toBeLessThanOrEqual(6);
    expect(calls).toContain('GET /crm/v3/pipelines/deals');
    expect(calls.filter((c) => c.startsWith('PATCH /crm/v3/objects/deals/'))).toHaveLength(1);
  });

  it('when the deal has no company, the company is found by the contact email domain and associated', async () => {
    const companyId = w.crm.company({ name: 'Fabrikam', domain: 'fabrikam.example.com' });
    const contactId = w.crm.contact({ email: 'miguel@fabrikam.example.com' });
    const dealId = w.crm.deal({ contactIds: [contactId] });
    const result = await automatic(dealId);
    if (result.status === 'skipped') throw new Error('unreachable');
    expect(result.order.customer).toMatchObject({ companyId, name: 'Fabrikam', domain: 'fabrikam.example.com' });
    const assoc = w.state.portal(w.portalId)!.associations.filter((a) => a.fromType === 'deals' && a.fromId === dealId);
    expect(assoc.map((a) => a.toId)).toContain(companyId);
  });

  it('when no company matches and creation is allowed, one company is created, associated and remembered', async () => {
    const dealId = w.crm.deal({ contactIds: [w.crm.contact({ email: 'lucia@newco.example.com', company: 'NewCo' })] });
    const result = await automatic(dealId);
    if (result.status === 'skipped') throw new Error('unreachable');
    const created = readRecords(w.state, w.portalId, 'companies').filter(
      (c) => c.properties.domain === 'newco.example.com',
    );
    expect(created).toHaveLength(1);
    expect(created[0]!.properties.name).toBe('NewCo');
    expect(result.order.customer.companyId).toBe(created[0]!.id);
  });

  it('when search lags behind, a second deal of the new customer reuses the company instead of creating it twice', async () => {
    w.state.options.searchLagMs = 60_000;
    const contact = () => w.crm.contact({ email: `buyer${Math.random()}@lagco.example.com`, company: 'LagCo' });
    const first = await automatic(w.crm.deal({ contactIds: [contact()] }));
    const second = await automatic(w.crm.deal({ contactIds: [contact()] }));
    if (first.status === 'skipped' || second.status === 'skipped') throw new Error('unreachable');
    expect(
      readRecords(w.state, w.portalId, 'companies').filter((c) => c.properties.domain === 'lagco.example.com'),
    ).toHaveLength(1);
    expect(second.order.customer.companyId).toBe(first.order.customer.companyId);
  });

  it('when creating companies is turned off and none matches, the order is created without a customer company', async () => {
    w.deps.settings.save(w.portalId, { createCompanies: false }, new Date());
    const dealId = w.crm.deal({ contactIds: [w.crm.contact({ email: 'x@nomatch.example.com' })] });
    const result = await automatic(dealId);
    if (result.status === 'skipped') throw new Error('unreachable');
    expect(result.order.customer.companyId).toBeNull();
    expect(readRecords(w.state, w.portalId, 'companies')).toHaveLength(0);
  });
});

describe('deals that cannot become orders', () => {
  it('when the deal has no amount, the reason names the property and the field, and it is not retryable', async () => {
    const { dealId } = w.crm.fullDeal({ amount: '' });
    const err = await failure(automatic(dealId));
    expect(err.code).toBe('validation');
    expect(err.message).toContain('deal has no amount and `value` is required by the mapping');
    expect(w.deps.store.byDeal(w.portalId, dealId)).toBeUndefined();
  });

  it('when the deal does not exist, the failure is not_found', async () => {
    const err = await failure(automatic('999999'));
    expect(err.code).toBe('not_found');
  });

  it('when HubSpot fails with 502s, the failure is retryable (upstream) and no order exists yet', async () => {
    const { dealId } = w.crm.fullDeal();
    w.state.portal(w.portalId)!.faults.push({ kind: '502', remaining: 1 });
    const err = await failure(automatic(dealId));
    expect(err.code).toBe('upstream_unavailable');
    expect(w.deps.store.byDeal(w.portalId, dealId)).toBeUndefined();
  });

  it('when a webhook arrives after the deal moved on to another stage, nothing is created', async () => {
    const { dealId } = w.crm.fullDeal({ dealstage: 'contractsent' });
    const result = await automatic(dealId);
    expect(result).toMatchObject({ status: 'skipped', reason: expect.stringContaining('contractsent') });
  });

  it('when the deal write-back fails, the order stays pending and the next call finishes it once', async () => {
    const { dealId } = w.crm.fullDeal();
    await w.deps.stages.pipelines(w.portalId); // warm cache: the 5th call is the write-back (1 get + 3 reads + patch)
    let n = 0;
    const faulty = { ...w.deps, hubspot: w.deps.hubspot };
    faulty.hubspot = (pid, opts, fn) => {
      n += 1;
      if (n === 5) w.state.portal(w.portalId)!.faults.push({ kind: '500', remaining: 1 });
      return w.deps.hubspot(pid, opts, fn);
    };
    const err = await failure(createOrderFromDeal(faulty, { portalId: w.portalId, dealId, source: 'automatic' }));
    expect(err.code).toBe('upstream_unavailable');
    expect(w.deps.store.byDeal(w.portalId, dealId)?.hubspotSync).toBe('pending');
    expect(dealIn(dealId).properties[DEAL_PROPS.number]).toBeUndefined();

    const retry = await automatic(dealId);
    expect(retry).toMatchObject({ status: 'existing', order: { hubspotSync: 'synced' } });
    expect(retry.effects.map((e) => e.eventUid)).toEqual(['order_created']);
    expect(dealIn(dealId).properties[DEAL_PROPS.number]).toBe('SO-000001');
  });
});
