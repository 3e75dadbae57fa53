import { describe, expect, it } from 'vitest';
import { DEFAULT_ORDER_MAPPING, type OrderFieldMapping } from '../../src/mapping/orderFields.ts';
import {
  type DiscoveredOrderFields,
  type HubspotPropertyDefinition,
  validateOrderMapping,
} from '../../src/mapping/orderMappingValidation.ts';

const prop = (name: string, type: string, fieldType: string, extra: Partial<HubspotPropertyDefinition> = {}) => ({
  name,
  type,
  fieldType,
  ...extra,
});

/** A portal's discovered fields: the standard deal/company properties plus a few custom ones. */
const PORTAL: DiscoveredOrderFields = {
  deals: [
    prop('dealname', 'string', 'text'),
    prop('amount', 'number', 'number'),
    prop('closedate', 'datetime', 'date'),
    prop('dealstage', 'enumeration', 'radio'),
    prop('deal_currency_code', 'enumeration', 'select'),
    prop('po_number', 'string', 'text'),
    prop('margin', 'number', 'calculation_equation'),
    prop('rush', 'bool', 'booleancheckbox'),
    prop('hs_object_id', 'number', 'number', { readOnlyValue: true }),
  ],
  companies: [
    prop('name', 'string', 'text'),
    prop('domain', 'string', 'text'),
    prop('phone', 'string', 'phonenumber'),
    prop('address', 'string', 'text'),
  ],
};

const row = (o: Partial<OrderFieldMapping>): OrderFieldMapping => ({
  field: 'custom.x',
  source: 'deal',
  property: 'po_number',
  kind: 'text',
  required: false,
  conflictPolicy: 'hubspot',
  ...o,
});

describe('mapping validation against discovered field types', () => {
  it('the default mapping is valid in a multi-currency portal', () => {
    expect(validateOrderMapping(DEFAULT_ORDER_MAPPING, PORTAL)).toEqual([]);
  });

  it.each([
    [
      'text into a number field',
      [row({ field: 'value', property: 'dealname', kind: 'number', required: true })],
      'value',
      /Deal property `dealname` holds string\/text values, but order field `value` is a number field/,
    ],
    [
      'a date field from a text property',
      [row({ field: 'orderDate', property: 'po_number', kind: 'date' })],
      'orderDate',
      /`po_number` holds string\/text values, but order field `orderDate` is a date field/,
    ],
    [
      'a custom yes/no from a number',
      [row({ field: 'custom.rush', property: 'amount', kind: 'bool' })],
      'custom.rush',
      /order field `custom.rush` is a yes\/no field/,
    ],
    [
      'a required property missing in the portal',
      [row({ field: 'value', property: 'net_amount', kind: 'number', required: true })],
      'value',
      /Deal property `net_amount` does not exist in this portal; `value` cannot be filled/,
    ],
    [
      'a standard field with the wrong kind',
      [row({ field: 'value', property: 'amount', kind: 'text' })],
      'value',
      /`value` is a number field; it cannot be text/,
    ],
    [
      'a customer field read from the deal',
      [row({ field: 'customer.name', property: 'dealname' })],
      'customer.name',
      /read from the company, not the deal/,
    ],
    ['an unknown order field', [row({ field: 'colour', property: 'dealname' })], 'colour', /not an order field/],
    [
      'Switchboard winning on a calculated property',
      [row({ field: 'custom.margin', property: 'margin', kind: 'number', conflictPolicy: 'switchboard' })],
      'custom.margin',
      /Switchboard cannot win conflicts/,
    ],
    [
      'Switchboard winning on a read-only property',
      [row({ field: 'custom.id', property: 'hs_object_id', kind: 'number', conflictPolicy: 'switchboard' })],
      'custom.id',
      /cannot take the value/,
    ],
    [
      'a conflict policy on a company field',
      [row({ field: 'customer.name', source: 'company', property: 'name', conflictPolicy: 'manual' })],
      'customer.name',
      /conflict policies apply to deal fields only/,
    ],
  ])('refuses %s, naming the fields', (_case, extra, field, message) => {
    const issues = validateOrderMapping([...DEFAULT_ORDER_MAPPING.filter((m) => m.field !== field), ...extra], PORTAL);
    expect(issues).toEqual([
      expect.objectContaining({ field, severity: 'error', message: expect.stringMatching(message) }),
    ]);
  });

  it('accepts custom fields of matching types (text from a number is fine, numbers into numbers)', () => {
    const custom = [
      row({ field: 'custom.po_number', property: 'po_number' }),
      row({ field: 'custom.amount_text', property: 'amount' }),
      row({ field: 'custom.rush', property: 'rush', kind: 'bool', conflictPolicy: 'switchboard' }),
    ];
    expect(validateOrderMapping([...DEFAULT_ORDER_MAPPING, ...custom], PORTAL)).toEqual([]);
  });

  it('warns, but allows, an optional property the portal lacks (single-currency portals have no deal_currency_code)', () => {
    const single = { ...PORTAL, deals: PORTAL.deals.filter((d) => d.name !== 'deal_currency_code') };
    expect(validateOrderMapping(DEFAULT_ORDER_MAPPING, single)).toEqual([
      expect.objectContaining({
        field: 'currency',
        severity: 'warning',
        message: expect.stringContaining('will stay empty'),
      }),
    ]);
  });

  it('refuses a mapping without a name and one that maps a field twice', () => {
    const noName = DEFAULT_ORDER_MAPPING.filter((m) => m.field !== 'name');
    expect(validateOrderMapping(noName, PORTAL).map((i) => i.message)).toEqual([
      'every order needs a name: map `name`',
    ]);
    const twice = [...DEFAULT_ORDER_MAPPING, DEFAULT_ORDER_MAPPING[2]!];
    expect(validateOrderMapping(twice, PORTAL).map((i) => i.message)).toEqual(['`value` is mapped twice']);
  });
});
