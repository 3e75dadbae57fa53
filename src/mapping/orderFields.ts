/**
 * The order field catalogue and the default deal → order mapping, as data (DESIGN: "Mapping is data").
 * Defaults follow the order-tracker guide (issue 6): deal name → order name, close date → order date, amount →
 * value, currency → currency, associated company → customer (name, domain, phone, address).
 * Deal stage → status is a separate stage table (see stageStatus.ts), because it maps values, not properties.
 */

/** What an order field holds; decides which HubSpot property types may fill it. */
export type OrderFieldKind = 'text' | 'number' | 'date' | 'bool';
/** The HubSpot object a field is read from: the deal itself or its (linked) company. */
export type SourceObject = 'deal' | 'company';
/** Who wins when the deal and the order disagree on a field (issue 6 §6). HubSpot wins by default. */
export type ConflictPolicy = 'hubspot' | 'switchboard' | 'manual';

export const CONFLICT_POLICIES: readonly ConflictPolicy[] = ['hubspot', 'switchboard', 'manual'];

export interface OrderFieldMapping {
  /** `name`, `orderDate`, `value`, `currency`, `customer.name|domain|phone|address`, or `custom.<key>`. */
  field: string;
  source: SourceObject;
  /** HubSpot internal property name on the source object. */
  property: string;
  kind: OrderFieldKind;
  /** An order cannot be created while a required field has no value. */
  required: boolean;
  conflictPolicy: ConflictPolicy;
}

export type StandardOrderField =
  | 'name'
  | 'orderDate'
  | 'value'
  | 'currency'
  | 'customer.name'
  | 'customer.domain'
  | 'customer.phone'
  | 'customer.address';

export interface StandardFieldSpec {
  kind: OrderFieldKind;
  source: SourceObject;
  label: string;
}

/** Every field an order has besides custom ones: the kind and source a mapping must keep. */
export const STANDARD_ORDER_FIELDS: Record<StandardOrderField, StandardFieldSpec> = {
  name: { kind: 'text', source: 'deal', label: 'Order name' },
  orderDate: { kind: 'date', source: 'deal', label: 'Order date' },
  value: { kind: 'number', source: 'deal', label: 'Value' },
  currency: { kind: 'text', source: 'deal', label: 'Currency' },
  'customer.name': { kind: 'text', source: 'company', label: 'Customer name' },
  'customer.domain': { kind: 'text', source: 'company', label: 'Customer domain' },
  'customer.phone': { kind: 'text', source: 'company', label: 'Customer phone' },
  'customer.address': { kind: 'text', source: 'company', label: 'Customer address' },
};

/** `custom.<key>`: lower-case key, so it is safe as a JSON key and in audit entries. */
export const CUSTOM_FIELD_PATTERN = /^custom\.[a-z][a-z0-9_]{0,49}$/;

export const isStandardField = (field: string): field is StandardOrderField => field in STANDARD_ORDER_FIELDS;
export const isCustomField = (field: string): boolean => CUSTOM_FIELD_PATTERN.test(field);

const row = (field: StandardOrderField, property: string, required = false): OrderFieldMapping => ({
  field,
  property,
  required,
  kind: STANDARD_ORDER_FIELDS[field].kind,
  source: STANDARD_ORDER_FIELDS[field].source,
  conflictPolicy: 'hubspot',
});

/**
 * The mapping a portal starts with. `deal_currency_code` is HubSpot's deal currency property in multi-currency
 * portals [U: not in the reference, absent from the sandbox]; where it is missing, validation warns and the portal's
 * default currency is used.
 */
export const DEFAULT_ORDER_MAPPING: readonly OrderFieldMapping[] = [
  row('name', 'dealname', true),
  row('orderDate', 'closedate'),
  row('value', 'amount', true),
  row('currency', 'deal_currency_code'),
  row('customer.name', 'name'),
  row('customer.domain', 'domain'),
  row('customer.phone', 'phone'),
  row('customer.address', 'address'),
];

/** HubSpot property names a read of the source object must request for this mapping. */
export function propertiesToRead(mapping: readonly OrderFieldMapping[], source: SourceObject): string[] {
  return [...new Set(mapping.filter((m) => m.source === source).map((m) => m.property))];
}

/** Deal-sourced fields the deal and the order can disagree on (company fields are copies, never reconciled). */
export function reconciledFields(mapping: readonly OrderFieldMapping[]): OrderFieldMapping[] {
  return mapping.filter((m) => m.source === 'deal');
}
