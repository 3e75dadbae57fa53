import { describe, expect, it } from 'vitest';
import { mapDealToOrder } from '../../src/mapping/applyOrderMapping.ts';
import { DEFAULT_ORDER_MAPPING } from '../../src/mapping/orderFields.ts';
import { fromHubspot, normalizeDecimal, toHubspot } from '../../src/mapping/orderValues.ts';

const ctx = {
  stageStatus: { closedwon: 'new', '4711': 'in_production' },
  initialStatus: 'new',
  defaultCurrency: 'EUR',
};
const deal = { dealname: 'Racks', amount: '12500.50', closedate: '2026-01-15T10:00:00.000Z', dealstage: 'closedwon' };
const company = { name: 'Northwind', domain: 'northwind.example.com', phone: null, address: 'Hafenstr. 1' };

describe('deal → order values', () => {
  it.each([
    [
      'the defaults',
      {},
      {},
      {
        name: 'Racks',
        value: '12500.5',
        orderDate: '2026-01-15',
        currency: 'EUR',
        'customer.name': 'Northwind',
        'customer.phone': null,
      },
    ],
    ['a deal currency over the portal default', { deal_currency_code: 'USD' }, {}, { currency: 'USD' }],
    [
      'a rep edit over the mapped value',
      {},
      { value: '999.90', 'customer.name': 'Northwind Ltd' },
      { value: '999.9', 'customer.name': 'Northwind Ltd' },
    ],
  ])('maps %s', (_case, dealExtra, overrides, expected) => {
    const out = mapDealToOrder(DEFAULT_ORDER_MAPPING, { deal: { ...deal, ...dealExtra }, company }, ctx, overrides);
    expect(out.issues).toEqual([]);
    expect(out.values).toMatchObject(expected);
  });

  it.each([
    ['no amount', { amount: null }, {}, 'value', 'deal has no amount and `value` is required by the mapping'],
    ['an empty name', { dealname: '  ' }, {}, 'name', 'deal has no dealname and `name` is required by the mapping'],
    ['a rep typing text as value', {}, { value: 'twelve' }, 'value', '"twelve" is not a number'],
    [
      'a rep typing a non-ISO date',
      {},
      { orderDate: '15.01.2026' },
      'orderDate',
      '"15.01.2026" is not a date in the form YYYY-MM-DD',
    ],
    [
      'a HubSpot value that is not a date',
      { closedate: 'soon' },
      {},
      'orderDate',
      'closedate "soon" is not a date, so it cannot fill `orderDate`',
    ],
  ])('explains %s', (_case, dealExtra, overrides, field, message) => {
    const out = mapDealToOrder(DEFAULT_ORDER_MAPPING, { deal: { ...deal, ...dealExtra }, company }, ctx, overrides);
    expect(out.issues).toEqual([{ field, message }]);
  });

  it('a required company field without a company says so', () => {
    const mapping = DEFAULT_ORDER_MAPPING.map((m) => (m.field === 'customer.name' ? { ...m, required: true } : m));
    const out = mapDealToOrder(mapping, { deal, company: null }, ctx);
    expect(out.issues).toEqual([
      { field: 'customer.name', message: 'the deal has no company and `customer.name` is required by the mapping' },
    ]);
  });

  it.each([
    ['closedwon', 'new'],
    ['4711', 'in_production'],
    ['unmapped', 'new'],
  ])('stage %s starts the order as %s', (stage, status) => {
    expect(mapDealToOrder(DEFAULT_ORDER_MAPPING, { deal: { ...deal, dealstage: stage }, company }, ctx).status).toBe(
      status,
    );
  });
});

describe('value conversions', () => {
  it.each([
    ['12500.50', '12500.5'],
    ['0012', '12'],
    ['1.0', '1'],
    ['-0.00', '0'],
    ['-3.250', '-3.25'],
  ])('decimal %s → %s', (raw, out) => expect(normalizeDecimal(raw)).toBe(out));

  it.each([
    ['date', '2026-01-15T23:30:00.000Z', '2026-01-15'],
    ['date', '1768435200000', '2026-01-15'],
    ['date', '2026-01-15', '2026-01-15'],
    ['bool', 'TRUE', 'true'],
    ['text', '  spaced  ', 'spaced'],
    ['number', '', null],
  ] as const)('%s from HubSpot %s → %s', (kind, raw, out) =>
    expect(fromHubspot(kind, raw)).toEqual({ ok: true, value: out }),
  );

  it('dates go back to HubSpot as midnight UTC epoch ms; null clears', () => {
    expect(toHubspot('date', '2026-01-15')).toBe(String(Date.UTC(2026, 0, 15)));
    expect(toHubspot('number', null)).toBe('');
  });
});
