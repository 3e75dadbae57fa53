import { describe, expect, it } from 'vitest';
import { ORDER_EVENTS, orderCreatedEffect, orderStatusChangedEffect } from '../../src/orders/effects.ts';
import type { Order, StatusChange } from '../../src/orders/types.ts';
import { checkOccurrence, loadAppEventCatalog } from '../../src/timeline/appEventCatalog.ts';

const catalog = loadAppEventCatalog();

function order(overrides: Partial<Order> = {}): Order {
  return {
    id: 7,
    portalId: 62515,
    number: 'SO-000007',
    dealId: '901',
    name: 'Fabrikam — fleet tracking',
    customer: { companyId: '44', name: 'Fabrikam', domain: null, phone: null, address: null },
    contacts: [],
    lineItems: [],
    custom: {},
    orderDate: '2026-01-15',
    value: '18250',
    currency: 'EUR',
    status: 'shipped',
    shipping: { carrier: 'DHL', trackingNumber: 'JD0146', shippedAt: null },
    completedAt: null,
    source: 'automatic',
    hubspotSync: 'synced',
    createdAt: '2026-01-15T10:00:00.000Z',
    updatedAt: '2026-01-16T10:00:00.000Z',
    ...overrides,
  };
}
const change: StatusChange = {
  id: 3,
  orderId: 7,
  fromStatus: 'in_production',
  toStatus: 'shipped',
  actor: 'api',
  at: '2026-01-16T10:00:00.000Z',
};

/** Every property the template declares, and nothing else: the timeline module refuses undeclared ones. */
function expectMatchesTemplate(uid: string, properties: Record<string, string>) {
  const template = catalog.get(uid)!;
  expect(() => checkOccurrence(template, properties)).not.toThrow();
  expect(Object.keys(properties).sort()).toEqual([...template.properties.keys()].sort());
}

describe('order timeline effects follow the app-event templates (extensions/app/app-events)', () => {
  it('Order created carries exactly the template’s properties', () => {
    const effect = orderCreatedEffect(order({ currency: null }));
    expect(effect.eventUid).toBe(ORDER_EVENTS.created);
    expectMatchesTemplate(effect.eventUid, { ...effect.properties });
    expect(effect.properties).toEqual({
      orderNumber: 'SO-000007',
      status: 'shipped',
      value: '18250',
      currency: '',
      source: 'automatic',
    });
  });

  it('Order status changed names the previous status and the tracking details', () => {
    const effect = orderStatusChangedEffect(order(), change, new Date());
    expectMatchesTemplate(effect.eventUid, { ...effect.properties });
    expect(effect.properties).toMatchObject({ previousStatus: 'in_production', status: 'shipped', carrier: 'DHL' });
    expect(effect.occurrenceId).toBe('order-62515-7-status-3');
  });

  it('a shipping-only change keeps the status as the previous one and gets its own occurrence per shipping details', () => {
    const a = orderStatusChangedEffect(order(), null, new Date());
    const b = orderStatusChangedEffect(
      order({ shipping: { carrier: 'UPS', trackingNumber: '1Z', shippedAt: null } }),
      null,
      new Date(),
    );
    expect(a.properties).toMatchObject({ previousStatus: 'shipped', status: 'shipped' });
    expect(a.occurrenceId).not.toBe(b.occurrenceId);
  });
});
