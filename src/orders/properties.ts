import type { PropertyCreate } from '@hubspot/api-client/lib/codegen/crm/properties/index.js';
import { AppError } from '../errors.ts';
import type { HubspotCall } from '../hubspot/hubspotCall.ts';
import { isConflictError } from './hubspotErrors.ts';
import { DEFAULT_LIFECYCLE, type Lifecycle } from './lifecycle.ts';

/**
 * The custom deal properties Switchboard writes (order number, status, link, shipping, completion date), in their
 * own *Switchboard* property group, as data. Provisioned at install and whenever the lifecycle changes; creating
 * them twice is fine: an existing group answers 409 and an existing property OBJECT_ALREADY_EXISTS in the batch's
 * errors ([U] reference §5/§13.5: the duplicate status is community-observed; the sandbox models it).
 */
export const ORDER_PROPERTY_GROUP = { name: 'switchboard', label: 'Switchboard', displayOrder: -1 };

export const DEAL_PROPS = {
  number: 'switchboard_order_number',
  status: 'switchboard_order_status',
  link: 'switchboard_order_link',
  carrier: 'switchboard_order_carrier',
  tracking: 'switchboard_order_tracking_number',
  shippedAt: 'switchboard_order_shipped_at',
  completedOn: 'switchboard_order_completed_on',
} as const;

type Definition = Pick<PropertyCreate, 'name' | 'label' | 'description'> & { type: string; fieldType: string };

// type/fieldType pairs from the reference's valid-pairs list (§5): string→text, enumeration→select, date→date.
const DEFINITIONS: Definition[] = [
  {
    name: DEAL_PROPS.number,
    label: 'Order number',
    type: 'string',
    fieldType: 'text',
    description: 'Switchboard order created from this deal',
  },
  {
    name: DEAL_PROPS.status,
    label: 'Order status',
    type: 'enumeration',
    fieldType: 'select',
    description: 'Status of the Switchboard order',
  },
  {
    name: DEAL_PROPS.link,
    label: 'Order link',
    type: 'string',
    fieldType: 'text',
    description: 'Where to see the order in Switchboard',
  },
  { name: DEAL_PROPS.carrier, label: 'Shipping carrier', type: 'string', fieldType: 'text' },
  { name: DEAL_PROPS.tracking, label: 'Tracking number', type: 'string', fieldType: 'text' },
  { name: DEAL_PROPS.shippedAt, label: 'Shipped at', type: 'datetime', fieldType: 'date' },
  { name: DEAL_PROPS.completedOn, label: 'Order completion date', type: 'date', fieldType: 'date' },
];

const statusLabel = (s: string) => (s.charAt(0).toUpperCase() + s.slice(1)).replace(/_/g, ' ');

/** Options of the order-status property: one per lifecycle status. */
export function statusOptions(lifecycle: Lifecycle) {
  return lifecycle.statuses.map((value, displayOrder) => ({
    value,
    label: statusLabel(value),
    hidden: false,
    displayOrder,
  }));
}

/** The PropertyCreate inputs for the deal properties (the SDK's enums are plain strings on the wire). */
export function orderPropertyInputs(lifecycle: Lifecycle = DEFAULT_LIFECYCLE): PropertyCreate[] {
  return DEFINITIONS.map((d) => ({
    ...d,
    groupName: ORDER_PROPERTY_GROUP.name,
    ...(d.name === DEAL_PROPS.status ? { options: statusOptions(lifecycle) } : {}),
  })) as unknown as PropertyCreate[];
}

export interface ProvisionResult {
  created: string[];
  existing: string[];
}

/**
 * Creates the Switchboard group and deal properties where missing (2 calls), and aligns the status options with
 * the lifecycle when that property already existed (1 more call). Idempotent.
 */
export async function provisionOrderProperties(
  hubspot: HubspotCall,
  portalId: number,
  lifecycle: Lifecycle = DEFAULT_LIFECYCLE,
): Promise<ProvisionResult> {
  const opts = { feature: 'orders', priority: 'background' as const };
  await hubspot(portalId, opts, (c) => c.crm.properties.groupsApi.create('deals', ORDER_PROPERTY_GROUP)).catch((e) => {
    if (!isConflictError(e)) throw e;
  });
  const res = await hubspot(portalId, opts, (c) =>
    c.crm.properties.batchApi.create('deals', { inputs: orderPropertyInputs(lifecycle) }),
  );
  const created = res.results.map((p) => p.name);
  const errors =
    (res as { errors?: { category?: string; message?: string; context?: Record<string, string[]> }[] }).errors ?? [];
  const unexpected = errors.filter((e) => e.category !== 'OBJECT_ALREADY_EXISTS');
  if (unexpected.length > 0) {
    throw new AppError(
      'validation',
      `HubSpot refused the Switchboard deal properties: ${unexpected.map((e) => e.message).join('; ')}`,
    );
  }
  const existing = DEFINITIONS.map((d) => d.name).filter((n) => !created.includes(n));
  if (existing.includes(DEAL_PROPS.status)) {
    const options = statusOptions(lifecycle);
    await hubspot(portalId, opts, (c) => c.crm.properties.coreApi.update('deals', DEAL_PROPS.status, { options }));
  }
  return { created, existing };
}
