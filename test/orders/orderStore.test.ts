import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/openDatabase.ts';
import { DEFAULT_ORDER_MAPPING } from '../../src/mapping/orderFields.ts';
import { createAuditLog } from '../../src/orders/auditLog.ts';
import { createMappingRepo } from '../../src/orders/mappingRepo.ts';
import { createOrderChanges } from '../../src/orders/orderChanges.ts';
import { createOrderStore } from '../../src/orders/orderStore.ts';
import { createOrderSettingsRepo } from '../../src/orders/orderSettings.ts';
import type { NewOrder } from '../../src/orders/types.ts';
import { openOrdersDb } from './support/ordersWorld.ts';

let db: Db;
beforeEach(() => {
  db = openOrdersDb();
});
afterEach(() => db.close());

const SO = { prefix: 'SO-', digits: 6 };
const now = new Date('2026-01-15T10:00:00Z');

function draft(overrides: Partial<NewOrder> = {}): NewOrder {
  return {
    portalId: 1,
    dealId: '100',
    name: 'Racks',
    customer: { companyId: '900', name: 'Northwind', domain: 'northwind.example.com', phone: null, address: null },
    contacts: [],
    lineItems: [],
    custom: {},
    orderDate: '2026-01-15',
    value: '2400',
    currency: 'EUR',
    status: 'new',
    source: 'automatic',
    ...overrides,
  };
}

describe('the order store', () => {
  it('numbers orders per portal without gaps, in the portal format', () => {
    const store = createOrderStore(db, createAuditLog(db));
    const numbers = [
      store.createOnce(draft({ dealId: '1' }), SO, 'test', now),
      store.createOnce(draft({ dealId: '1' }), SO, 'test', now), // duplicate: no number used up
      store.createOnce(draft({ dealId: '2' }), SO, 'test', now),
      store.createOnce(draft({ portalId: 2, dealId: '1' }), { prefix: 'ORD-', digits: 4 }, 'test', now),
    ].map((r) => `${r.order.number}/${r.created}`);
    expect(numbers).toEqual(['SO-000001/true', 'SO-000001/false', 'SO-000002/true', 'ORD-0001/true']);
  });

  it('creation writes the first history row and an audit entry with the whole order', () => {
    const audit = createAuditLog(db);
    const { order } = createOrderStore(db, audit).createOnce(draft(), SO, 'system:webhook', now);
    expect(createOrderStore(db, audit).history(order.id)).toEqual([
      expect.objectContaining({ fromStatus: null, toStatus: 'new', actor: 'system:webhook' }),
    ]);
    expect(audit.forOrder(1, order.id)).toEqual([
      expect.objectContaining({ action: 'order.created', after: expect.objectContaining({ number: 'SO-000001' }) }),
    ]);
  });

  it('the write-back lease admits one holder; a status change since the claim keeps the order pending', () => {
    const audit = createAuditLog(db);
    const store = createOrderStore(db, audit);
    const { order } = store.createOnce(draft(), SO, 'test', now);
    const t0 = now.getTime();
    const token = store.claimSync(1, order.id, t0, 60_000)!;
    expect(store.claimSync(1, order.id, t0 + 1_000, 60_000)).toBeUndefined();
    expect(store.claimSync(2, order.id, t0 + 61_000, 60_000)).toBeUndefined(); // another portal never
    createOrderChanges(db, audit).changeStatus(
      1,
      order.id,
      { status: 'cancelled', shipping: order.shipping, completedAt: null },
      'test',
      now,
    );
    expect(store.markSynced(order.id, token)).toBe(false);
    expect(store.byId(1, order.id)?.hubspotSync).toBe('pending');
    const next = store.claimSync(1, order.id, t0 + 2_000, 60_000)!;
    expect(store.markSynced(order.id, next)).toBe(true);
    expect(store.claimSync(1, order.id, t0 + 3_000, 60_000)).toBeUndefined();
  });

  it('field changes are audited one entry per changed field; unchanged values write nothing', () => {
    const audit = createAuditLog(db);
    const { order } = createOrderStore(db, audit).createOnce(draft(), SO, 'test', now);
    const changes = createOrderChanges(db, audit);
    const res = changes.updateFields(
      1,
      order.id,
      { value: '2500', name: 'Racks', 'customer.phone': '+49 40 1', 'custom.po': 'PO-7' },
      'api:erp',
      now,
    );
    expect(res.changes.map((c) => c.field)).toEqual(['value', 'customer.phone', 'custom.po']);
    expect(res.order).toMatchObject({ value: '2500', customer: { phone: '+49 40 1' }, custom: { po: 'PO-7' } });
    expect(
      audit
        .forOrder(1, order.id)
        .filter((a) => a.action === 'order.fields_changed')
        .map((a) => [a.field, a.before, a.after]),
    ).toEqual([
      ['value', '2400', '2500'],
      ['customer.phone', null, '+49 40 1'],
      ['custom.po', null, 'PO-7'],
    ]);
  });
});

describe('order settings and mapping per portal', () => {
  it('a portal without settings gets the defaults; a lifecycle naming an unknown status is refused', () => {
    const repo = createOrderSettingsRepo(db);
    expect(repo.get(1)).toMatchObject({ numberPrefix: 'SO-', createCompanies: true, lifecycle: { initial: 'new' } });
    const bad = { statuses: ['new', 'done'], initial: 'new', transitions: { new: ['shipped'] }, completed: ['done'] };
    expect(() => repo.save(1, { lifecycle: bad }, now)).toThrow(/transition new → unknown status "shipped"/);
    expect(repo.save(1, { numberPrefix: 'ACME-' }, now).numberPrefix).toBe('ACME-');
    expect(repo.get(2).numberPrefix).toBe('SO-');
  });

  it('a mapping is saved only when valid against the discovered fields; the stage table must name real statuses', () => {
    const repo = createMappingRepo(db);
    const discovered = {
      deals: [
        { name: 'dealname', type: 'string', fieldType: 'text' },
        { name: 'amount', type: 'number', fieldType: 'number' },
        { name: 'closedate', type: 'datetime', fieldType: 'date' },
      ],
      companies: [{ name: 'name', type: 'string', fieldType: 'text' }],
    };
    const statuses = ['new', 'in_production'];
    const wrong = DEFAULT_ORDER_MAPPING.map((m) => (m.field === 'value' ? { ...m, property: 'dealname' } : m));
    expect(() => repo.save(1, { fields: wrong, stageStatus: {} }, discovered, statuses)).toThrow(
      /Deal property `dealname` holds string\/text values, but order field `value` is a number field/,
    );
    expect(() =>
      repo.save(1, { fields: [...DEFAULT_ORDER_MAPPING], stageStatus: { closedwon: 'paid' } }, discovered, statuses),
    ).toThrow(/stage closedwon maps to "paid", which is not an order status/);
    expect(repo.get(1).customized).toBe(false);
    const warnings = repo.save(
      1,
      { fields: [...DEFAULT_ORDER_MAPPING], stageStatus: { closedwon: 'in_production' } },
      discovered,
      statuses,
    );
    expect(warnings.map((w) => w.field)).toEqual(['currency', 'customer.domain', 'customer.phone', 'customer.address']);
    expect(repo.get(1)).toMatchObject({ customized: true, stageStatus: { closedwon: 'in_production' } });
  });
});
